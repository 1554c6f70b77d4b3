using MlGan.Transforms;

namespace MlGan.Evaluation;

/// <summary>
/// Inception score exp(E_x KL(p(y|x) ‖ p(y))) of Salimans et al., where p(y) is the mean prediction. As in
/// their code the samples are cut into <c>splits</c> consecutive parts, the score is computed per part,
/// and the mean and (population, ddof = 0) standard deviation over parts are reported. Unlike their code
/// no sample is dropped: parts differ in size by at most one when n is not a multiple of the splits.
/// All arithmetic is float64; 0·log 0 = 0.
/// </summary>
public static class InceptionScore
{
    /// <summary>Parts the samples are cut into by default (Salimans et al.'s 10).</summary>
    public const int DefaultSplits = 10;

    /// <summary>Score from class probabilities p(y|x): rows non-negative, each summing to 1 (±1e-3).</summary>
    public static MetricEstimate FromProbabilities(float[][] probabilities, int splits = DefaultSplits)
    {
        var (p, n, c) = Read(probabilities, nameof(probabilities), splits);
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int k = 0; k < c; k++)
            {
                double v = p[i * c + k];
                if (v < 0) throw new ArgumentException($"probabilities[{i}][{k}] is {v}; probabilities must be ≥ 0.", nameof(probabilities));
                sum += v;
            }
            if (Math.Abs(sum - 1) > 1e-3)
                throw new ArgumentException($"probabilities[{i}] sums to {sum}; each row must sum to 1 (use FromLogits for unnormalised scores).", nameof(probabilities));
            for (int k = 0; k < c; k++) p[i * c + k] /= sum; // remove float32 rounding of the sum
        }
        return Score(p, n, c, splits);
    }

    /// <summary>Score from classifier logits; softmax is taken in float64 (max-shifted).</summary>
    public static MetricEstimate FromLogits(float[][] logits, int splits = DefaultSplits)
    {
        var (p, n, c) = Read(logits, nameof(logits), splits);
        for (int i = 0; i < n; i++)
        {
            var row = p.AsSpan(i * c, c);
            double max = double.NegativeInfinity;
            foreach (var v in row) max = Math.Max(max, v);
            double sum = 0;
            for (int k = 0; k < c; k++) sum += row[k] = Math.Exp(row[k] - max);
            for (int k = 0; k < c; k++) row[k] /= sum;
        }
        return Score(p, n, c, splits);
    }

    private static (double[] Values, int Rows, int Classes) Read(float[][] rows, string name, int splits)
    {
        Guard.Positive(splits, nameof(splits));
        var (flat, n, c) = FeatureChecks.Flatten(rows, name, minRows: 1);
        if (n < splits)
            throw new ArgumentOutOfRangeException(nameof(splits), splits, $"splits must be ≤ the number of samples ({n}); got {splits}.");
        return (Array.ConvertAll(flat, v => (double)v), n, c);
    }

    private static MetricEstimate Score(double[] p, int n, int c, int splits)
    {
        var scores = new double[splits];
        var marginal = new double[c];
        for (int s = 0; s < splits; s++)
        {
            int start = (int)((long)n * s / splits), end = (int)((long)n * (s + 1) / splits);
            Array.Clear(marginal);
            for (int i = start; i < end; i++)
                for (int k = 0; k < c; k++) marginal[k] += p[i * c + k];
            for (int k = 0; k < c; k++) marginal[k] /= end - start;
            double kl = 0;
            for (int i = start; i < end; i++)
                for (int k = 0; k < c; k++)
                {
                    double v = p[i * c + k];
                    if (v > 0) kl += v * Math.Log(v / marginal[k]);
                }
            scores[s] = Math.Exp(kl / (end - start));
        }
        return Summaries.MeanStd(scores);
    }
}
