using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace MlGan.Transforms.Generators;

/// <summary>
/// No et al.'s 2-layer random-feature generator g_θ(z) = Σ_{i≤Ng} θ_i φ_i(z), φ_i(z) = σ_g(W_i z + b_i) ∈ Rⁿ.
/// W_i ∈ R^{n×k}, b_i ∈ Rⁿ are drawn once from a Gaussian and frozen; only θ ∈ R^{Ng} trains.
/// The first n features are the constant unit vectors e_1..e_n (Lemma 7), so θ_1..θ_n act as a trainable
/// output bias. Layout: the Ng − n random features of output coordinate j are columns j·m..(j+1)·m−1 of
/// <c>weight</c> [k, n·m] (m = Ng − n), which makes the forward pass one matrix product, one activation
/// and one batched mat-vec.
/// </summary>
public sealed class RandomFeatureGenerator : GeneratorModule, IOnnxExportableGenerator
{
    private readonly Parameter theta;
    private readonly Parameter weight;
    private readonly Parameter bias;

    /// <summary>Draws W, b and θ, in that order, from a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="latentDimension">k, the latent dimension, ≥ 1.</param>
    /// <param name="outputDimension">n, the data dimension, ≥ 1.</param>
    /// <param name="width">Ng, the number of feature functions including the n constant ones, &gt; n.</param>
    /// <param name="activation">σ_g, the feature activation.</param>
    /// <param name="weightScale">Standard deviation of W's entries, finite, &gt; 0.</param>
    /// <param name="biasScale">Standard deviation of b's entries, finite, ≥ 0 (0: no bias).</param>
    /// <param name="thetaScale">Standard deviation of θ's initial entries, finite, ≥ 0 (0: θ starts at zero).</param>
    /// <param name="seed">Seed of W, b and θ.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or scale is out of range.</exception>
    public RandomFeatureGenerator(int latentDimension, int outputDimension, int width, Activation activation,
        double weightScale, double biasScale, double thetaScale, int seed)
        : base(nameof(RandomFeatureGenerator), latentDimension, new long[] { outputDimension })
    {
        Guard.Positive(outputDimension, nameof(outputDimension));
        if (width <= outputDimension)
            throw new ArgumentOutOfRangeException(nameof(width), width,
                $"width (Ng) must exceed the data dimension n = {outputDimension}: the first n features are the constant output bias; got {width}.");
        Guard.Positive(weightScale, nameof(weightScale));
        Guard.NonNegative(biasScale, nameof(biasScale));
        Guard.NonNegative(thetaScale, nameof(thetaScale));
        Width = width;
        Activation = activation;
        int random = width - outputDimension;
        var gen = new Generator(unchecked((ulong)seed));
        weight = new Parameter(randn(latentDimension, (long)outputDimension * random, generator: gen) * weightScale, requires_grad: false);
        bias = new Parameter(randn((long)outputDimension * random, generator: gen) * biasScale, requires_grad: false);
        theta = new Parameter(randn(width, generator: gen) * thetaScale, requires_grad: true);
        RegisterComponents();
    }

    /// <summary>Ng, the number of feature functions (including the n constant ones).</summary>
    public int Width { get; }
    /// <summary>σ_g, the activation of the random features.</summary>
    public Activation Activation { get; }
    /// <summary>n, the data dimension.</summary>
    public int Dimension => (int)OutputShape[0];
    /// <summary><c>random-feature</c>.</summary>
    public override string Architecture => "random-feature";

    /// <summary>θ ∈ R^{Ng}: entries 0..n−1 multiply the constant unit vectors, the rest the random features.</summary>
    public Parameter Theta => theta;
    /// <summary>The frozen W as one [k, n·(Ng − n)] matrix, laid out as the class summary says.</summary>
    public Tensor HiddenWeight => weight;
    /// <summary>The frozen b as one [n·(Ng − n)] vector, in the column order of <see cref="HiddenWeight"/>.</summary>
    public Tensor HiddenBias => bias;

    /// <summary>The random features as [B, n, Ng − n]: entry (b, j, i) is coordinate j of φ_{n+i}(z_b).</summary>
    public Tensor RandomFeatures(Tensor z) =>
        Activation.ApplyInPlace(torch.addmm(bias, z, weight, 1, 1)).view(z.shape[0], Dimension, Width - Dimension);

    /// <summary>g_θ(z) from precomputed <see cref="RandomFeatures"/>: [B, n].</summary>
    public Tensor FromFeatures(Tensor features) =>
        features.matmul(theta[Dimension..]) + theta[..Dimension];

    /// <summary>g_θ(z) row by row: z [B, k] ↦ [B, n].</summary>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        return FromFeatures(RandomFeatures(z)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// ONNX: h = σ_g(z·W + b) [N, n·m]; g = h·T + θ_bias, where T [n·m, n] holds θ_random in column j's
    /// block (T[j·m + i, j] = θ_{n+i}). One Gemm, one activation, one Gemm.
    /// </summary>
    public void AppendOnnx(Onnx.OnnxGraphBuilder graph, string input, string output)
    {
        int n = Dimension, m = Width - Dimension;
        var t = new float[(long)n * m * n];
        var thetaValues = theta.detach().cpu().to_type(ScalarType.Float32).data<float>().ToArray();
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
                t[((long)j * m + i) * n + j] = thetaValues[n + i];
        string w = graph.AddInitializer("rf_weight", weight);
        string b = graph.AddInitializer("rf_bias", bias);
        string pre = graph.Gemm(input, w, b);
        string h = Activation == Activation.Tanh ? graph.Tanh(pre) : graph.Sigmoid(pre);
        string tm = graph.AddInitializer("rf_theta_blocks", t, (long)n * m, n);
        string tb = graph.AddInitializer("rf_theta_bias", thetaValues[..n], n);
        graph.Gemm(h, tm, tb, output: output);
    }
}
