namespace MlGan.Evaluation;

/// <summary>Mean and standard deviation of a metric over splits or subsets.</summary>
public readonly record struct MetricEstimate(double Mean, double Std);
