using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlGan.Transforms.Data;

namespace MlGan.Transforms;

/// <summary>Entry point: <c>ml.Gan()</c>, the MlGan catalog hanging off an <see cref="MLContext"/>.</summary>
public static class MLContextGanExtensions
{
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

    public MLContext Context { get; }
    public GanDataCatalog Data { get; }
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
    public GanCatalog Owner { get; }
    public MLContext Context => Owner.Context;
}
