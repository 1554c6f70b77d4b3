namespace MlGan.Evaluation.Metrics;

/// <summary>
/// Neural-net divergence of the raw samples (<see cref="NeuralNetDivergence"/>): a freshly trained WGAN-GP critic's
/// held-out Wasserstein estimate. Trains a network, so it runs only when requested. Provenance parameters: the
/// critic and its training (<c>critic</c>, <c>steps</c>, <c>width</c>, <c>hidden_layers</c>, <c>batch_size</c>,
/// <c>train_fraction</c>, <c>learning_rate</c>, <c>lambda</c>).
/// </summary>
public sealed class NeuralNetDivergenceMetric : GanMetric
{
    /// <summary>The metric's key and value name.</summary>
    public const string Nnd = "nnd";

    /// <summary>A metric with the critic and training of <paramref name="options"/> (null: defaults; its null Seed: the context's).</summary>
    public NeuralNetDivergenceMetric(NeuralNetDivergenceOptions? options = null)
        : base(Nnd, [Nnd], GanMetricInputs.Samples)
    {
        Options = options ?? new NeuralNetDivergenceOptions();
        Options.Validate();
    }

    /// <summary>The critic and its training.</summary>
    public NeuralNetDivergenceOptions Options { get; }

    /// <inheritdoc/>
    public override GanMetricResult Compute(GanMetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var o = Options;
        double nnd = NeuralNetDivergence.Compute(context.Real.Samples!, context.Generated.Samples!, o, context.Seed);
        return new GanMetricResult
        {
            Values = [(Nnd, nnd)],
            Parameters = new Dictionary<string, object>
            {
                ["critic"] = o.Critic.ToString().ToLowerInvariant(),
                ["steps"] = o.Steps,
                ["width"] = o.Width,
                ["hidden_layers"] = o.HiddenLayers,
                ["batch_size"] = o.BatchSize,
                ["train_fraction"] = o.TrainFraction,
                ["learning_rate"] = o.LearningRate,
                ["lambda"] = o.Lambda,
            },
            Seed = o.Seed ?? context.Seed,
        };
    }
}
