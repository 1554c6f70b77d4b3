using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlGan.Transforms.Data;

namespace MlGan.Transforms;

/// <summary>Entry point: <c>ml.Gan()</c>, the MlGan catalog hanging off an <see cref="MLContext"/>.</summary>
public static class MLContextGanExtensions
{
    /// <summary>MlGan's catalog for <paramref name="ml"/>: data, trainers and evaluation.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="ml"/> is null.</exception>
    public static GanCatalog Gan(this MLContext ml) => new(Guard.NotNull(ml, nameof(ml)));
}

/// <summary>
/// MlGan's catalog: <see cref="Data"/> (targets, latents, Fashion-MNIST), <see cref="Trainers"/> (extended by
/// MlGan.Trainers), evaluation (extended by MlGan.Evaluation). Keeps the <see cref="MLContext"/> itself,
/// since ML.NET's own route from a catalog to its environment is internal.
/// </summary>
public sealed class GanCatalog
{
    internal GanCatalog(MLContext ml)
    {
        Context = ml;
        Data = new GanDataCatalog(this);
        Trainers = new GanTrainersCatalog(this);
    }

    /// <summary>The context this catalog belongs to; its seed drives <see cref="NextSeed"/>.</summary>
    public MLContext Context { get; }
    /// <summary>Synthetic targets, latent codes, Fashion-MNIST and image folders as IDataViews.</summary>
    public GanDataCatalog Data { get; }
    /// <summary>The GAN trainers (extension methods in MlGan.Trainers).</summary>
    public GanTrainersCatalog Trainers { get; }

    /// <summary>
    /// A seed drawn from the MLContext's seeded random source: with <c>new MLContext(seed)</c>,
    /// the same sequence of calls gets the same seeds.
    /// </summary>
    public int NextSeed() => ((IHostEnvironment)Context).Register("MlGan").Rand.Next();
}

/// <summary>Trainers: <c>ml.Gan().Trainers.RandomFeatureWgan(...)</c> etc. are extension methods in MlGan.Trainers.</summary>
public sealed class GanTrainersCatalog
{
    internal GanTrainersCatalog(GanCatalog owner) => Owner = owner;
    /// <summary>The catalog this one hangs off (for its <see cref="GanCatalog.NextSeed"/>).</summary>
    public GanCatalog Owner { get; }
    /// <summary>The MLContext of <see cref="Owner"/>.</summary>
    public MLContext Context => Owner.Context;
}
