using Microsoft.ML;
using MlGan.Transforms.Data.Images;
using MlGan.Transforms.Latent;

namespace MlGan.Transforms.Data;

/// <summary>
/// <c>ml.Gan().Data</c>: seeded synthetic targets and latents as IDataViews (a <c>Features</c> or
/// <c>Latent</c> vector&lt;float&gt; column), and the Fashion-MNIST IDX reader. A null seed draws one
/// from the MLContext's seed. <see cref="ImageFolder(string, ImageFolderOptions?)"/> reads image files.
/// </summary>
public sealed class GanDataCatalog
{
    /// <summary>Name of the sample column, vector&lt;float&gt;: <c>Features</c>.</summary>
    public const string FeaturesColumn = "Features";
    /// <summary>Name of the latent-code column, vector&lt;float&gt;[k]: <c>Latent</c>.</summary>
    public const string LatentColumn = "Latent";
    /// <summary>Name of the float class-label column of labelled data such as Fashion-MNIST: <c>Label</c>.</summary>
    public const string LabelColumn = "Label";

    private readonly GanCatalog _owner;

    internal GanDataCatalog(GanCatalog owner) => _owner = owner;

    private MLContext Ml => _owner.Context;
    private SeededRandom Random(int? seed) => new(seed ?? _owner.NextSeed());

    /// <summary>Samples of a Gaussian mixture (ring, grid, two-cluster, imbalanced: see <see cref="GaussianMixture"/>).</summary>
    public IDataView Mixture(GaussianMixture mixture, int count, int? seed = null)
    {
        Guard.NotNull(mixture, nameof(mixture));
        return VectorDataView.FromRows(Ml, mixture.Sample(count, Random(seed)), FeaturesColumn, mixture.Dimension);
    }

    /// <summary>
    /// <paramref name="modes"/> Gaussians on a circle. Defaults: the 8-Gaussian target of No et al.'s Fig. 4,
    /// means (±1, ±1), (±√2, 0), (0, ±√2) and σ = 0.1.
    /// </summary>
    public IDataView GaussianRing(int modes = 8, double radius = 1.4142135623730951, double std = 0.1, int count = 10_000, int? seed = null)
    {
        Guard.Positive(count, nameof(count));
        return Mixture(GaussianMixture.Ring(modes, radius, std), count, seed);
    }

    /// <summary>A side × side grid of Gaussians (default 5 × 5, spacing 2, σ = 0.05: the usual "grid25").</summary>
    public IDataView GaussianGrid(int side = 5, double spacing = 2.0, double std = 0.05, int count = 10_000, int? seed = null)
    {
        Guard.Positive(count, nameof(count));
        return Mixture(GaussianMixture.Grid(side, spacing, std), count, seed);
    }

    /// <summary>1-D two-cluster target of the RS-GAN paper's §5: centres 0 and 4 (weights for imbalance).</summary>
    public IDataView TwoCluster(int count = 100, double std = 0.1, double firstWeight = 0.5, int? seed = null)
    {
        Guard.Positive(count, nameof(count));
        Guard.InRange(firstWeight, 0, 1, nameof(firstWeight));
        return Mixture(GaussianMixture.Clusters1D(new[] { 0.0, 4.0 }, std, new[] { firstWeight, 1 - firstWeight }), count, seed);
    }

    /// <summary>A mixture with given means and (unnormalised) weights, e.g. 90/10 for imbalance studies.</summary>
    public IDataView ImbalancedMixture(double[][] means, double[] weights, double std, int count, int? seed = null)
    {
        Guard.NotNull(weights, nameof(weights));
        Guard.Positive(count, nameof(count));
        return Mixture(new GaussianMixture(means, std, weights), count, seed);
    }

    /// <summary>Two interleaving half circles with Gaussian noise.</summary>
    public IDataView TwoMoons(int count = 10_000, double noise = 0.05, int? seed = null) =>
        VectorDataView.FromRows(Ml, Data.TwoMoons.Sample(count, noise, Random(seed)), FeaturesColumn, 2);

    /// <summary>The 2-point distribution of the RS-GAN paper's §3: half the rows x1, half x2 (1-D).</summary>
    public IDataView TwoPoint(double x1 = 0.0, double x2 = 1.0, int count = 2)
    {
        Guard.Finite(x1, nameof(x1));
        Guard.Finite(x2, nameof(x2));
        Guard.AtLeast(count, 2, nameof(count));
        if (x1 == x2) throw new ArgumentException($"x1 and x2 must differ; both are {x1}.", nameof(x2));
        var rows = Enumerable.Range(0, count).Select(i => new[] { (float)(i % 2 == 0 ? x1 : x2) }).ToArray();
        return VectorDataView.FromRows(Ml, rows, FeaturesColumn, 1);
    }

    /// <summary>Latent codes z: a <c>Latent</c> vector&lt;float&gt;[dimension] column.</summary>
    public IDataView Latent(int dimension, int count, int? seed = null, LatentDistribution distribution = LatentDistribution.Gaussian)
    {
        Guard.Positive(dimension, nameof(dimension));
        Guard.Positive(count, nameof(count));
        var rows = LatentSampler.Sample(dimension, count, seed ?? _owner.NextSeed(), distribution);
        return VectorDataView.FromRows(Ml, rows, LatentColumn, dimension);
    }

    /// <summary>
    /// Fashion-MNIST from IDX files (default: Debian's dataset-fashion-mnist): <c>Features</c>
    /// vector&lt;float&gt;[784] scaled to [-1, 1] (or [0, 1]) and a float <c>Label</c> 0..9.
    /// </summary>
    public IDataView FashionMnist(FashionMnistSplit split = FashionMnistSplit.Train, PixelRange range = PixelRange.MinusOneToOne,
        string? directory = null, int? maxCount = null)
    {
        var (images, labels) = Data.FashionMnist.Load(directory, split, range, maxCount);
        return VectorDataView.FromRows(Ml, images, labels, FeaturesColumn, Data.FashionMnist.Pixels);
    }

    /// <summary>
    /// The images of a directory (recursive) or a .zip as a lazy IDataView: <c>Features</c> vector&lt;float&gt;[C·H·W]
    /// (CHW, PIL-equal pixels scaled to [0, 1] by default) and <c>Path</c> text, one row per image in sorted
    /// order (see <see cref="ImageCollection"/>). Headers are read now; pixels are decoded as cursors reach
    /// them. Dispose the returned view to close a zip. See <see cref="ImageFolderOptions"/> for channels,
    /// resizing, range and skipping bad files (<see cref="ImageFolderDataView.Skipped"/>).
    /// </summary>
    public ImageFolderDataView ImageFolder(string path, ImageFolderOptions? options = null)
    {
        options ??= new ImageFolderOptions();
        options.Validate();
        var images = ImageCollection.Open(path);
        try
        {
            return new ImageFolderDataView(images, options, ownsImages: true);
        }
        catch
        {
            images.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <see cref="ImageFolder(string, ImageFolderOptions?)"/> over an already opened collection, e.g. one
    /// <see cref="ImageCollection.Shard"/> of a larger set. The view does not dispose <paramref name="images"/>.
    /// </summary>
    public ImageFolderDataView ImageFolder(ImageCollection images, ImageFolderOptions? options = null) =>
        new(Guard.NotNull(images, nameof(images)), options ?? new ImageFolderOptions(), ownsImages: false);
}
