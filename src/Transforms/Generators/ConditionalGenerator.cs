using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlGan.Transforms.Generators;

/// <summary>
/// Class conditioning by a learned label embedding (Mirza &amp; Osindero 2014's concatenation, with an embedding
/// table rather than a one-hot code): G(z, y) = inner([z, E[y]]), E ∈ R^{C×e}. Any generator becomes conditional
/// by building it with latent dimension k + e; this class owns it and the table. The embedding is initialised
/// N(0, 1) (PyTorch's nn.Embedding default), drawn from its own seed so the inner network's initialisation is the
/// unconditional one.
/// </summary>
public sealed class ConditionalGenerator : GeneratorModule, IConditionalGenerator, IOnnxExportableConditionalGenerator
{
    private readonly GeneratorModule inner;
    private readonly Embedding embedding;

    /// <summary>Wraps <paramref name="inner"/> (latent dimension k + <paramref name="embeddingDimension"/>), which this module then owns.</summary>
    /// <param name="inner">The generator of [z, E[y]]; its latent dimension must exceed <paramref name="embeddingDimension"/>.</param>
    /// <param name="classCount">C, ≥ 2.</param>
    /// <param name="embeddingDimension">e, the width of a label's code, ≥ 1.</param>
    /// <param name="seed">Seed of the embedding's initial values.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public ConditionalGenerator(GeneratorModule inner, int classCount, int embeddingDimension, int seed = 0)
        : base(nameof(ConditionalGenerator), LatentOf(inner, embeddingDimension), Guard.NotNull(inner, nameof(inner)).OutputShape)
    {
        Guard.AtLeast(classCount, 2, nameof(classCount));
        ClassCount = classCount;
        EmbeddingDimension = embeddingDimension;
        this.inner = inner;
        embedding = nn.Embedding(classCount, embeddingDimension);
        RegisterComponents();
        using (no_grad())
            embedding.weight!.copy_(randn(classCount, embeddingDimension, generator: new torch.Generator(unchecked((ulong)seed))));
    }

    private static int LatentOf(GeneratorModule? inner, int embeddingDimension)
    {
        Guard.Positive(embeddingDimension, nameof(embeddingDimension));
        var g = Guard.NotNull(inner, nameof(inner));
        int k = g.LatentDimension - embeddingDimension;
        if (k < 1)
            throw new ArgumentOutOfRangeException(nameof(embeddingDimension), embeddingDimension,
                $"The inner generator's latent dimension ({g.LatentDimension}) must exceed the embedding dimension ({embeddingDimension}).");
        return k;
    }

    /// <inheritdoc />
    public int ClassCount { get; }

    /// <summary>e, the width of a label's code.</summary>
    public int EmbeddingDimension { get; }

    /// <summary>The generator of [z, E[y]].</summary>
    public GeneratorModule Inner => inner;

    /// <summary>The inner architecture with "+label", e.g. <c>dcgan+label</c>.</summary>
    public override string Architecture => inner.Architecture + "+label";

    /// <summary>A conditional generator needs labels: call <see cref="forward(Tensor, Tensor)"/>.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public override Tensor forward(Tensor z) =>
        throw new InvalidOperationException($"The generator '{Architecture}' is class-conditional ({ClassCount} classes): call forward(latents, labels) with int64 labels in [0, {ClassCount}).");

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Labels of another length than the latents, not integral, or outside [0, C).</exception>
    public Tensor forward(Tensor latents, Tensor labels)
    {
        CheckLabels(latents, labels);
        using var scope = NewDisposeScope();
        return inner.forward(cat([latents, embedding.forward(labels)], 1)).MoveToOuterDisposeScope();
    }

    private void CheckLabels(Tensor latents, Tensor labels)
    {
        if (labels.dim() != 1 || labels.shape[0] != latents.shape[0])
            throw new ArgumentException($"Labels must be a vector of {latents.shape[0]} class indices (one per latent); got shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        if (labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"Labels must be int64 class indices; got {labels.dtype}.", nameof(labels));
        if (labels.numel() > 0)
        {
            long low = labels.min().ToInt64(), high = labels.max().ToInt64();
            if (low < 0 || high >= ClassCount)
                throw new ArgumentException($"Labels must lie in [0, {ClassCount}) (the generator's classes); got {(low < 0 ? low : high)}.", nameof(labels));
        }
    }

    /// <inheritdoc />
    public void AppendOnnx(Onnx.OnnxGraphBuilder graph, string latentInput, string labelInput, string output)
    {
        var exportable = Onnx.GeneratorOnnx.AsExportable(inner);
        string table = graph.AddInitializer("cond_embedding", embedding.weight!);
        string code = graph.Gather(table, labelInput);
        exportable.AppendOnnx(graph, graph.Concat(1, latentInput, code), output);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            embedding.Dispose();
        }
        base.Dispose(disposing);
    }
}
