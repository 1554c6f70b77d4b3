using MlGan.Trainers.RandomFeature;
using MlGan.Transforms;
using MlGan.Transforms.Data;

namespace MlGan.Trainers.Tests.Contract;

/// <summary>Every MlGan estimator through <see cref="EstimatorContract"/>.</summary>
[TestClass]
public sealed class EstimatorContractTests
{
    [TestMethod]
    [DataRow("mlp")]
    [DataRow("hidden-layer")]
    public void GanTrainerOnVectorsKeepsTheContract(string network) => EstimatorContract.Check(
        ml => ml.Gan().Trainers.Gan(new GanTrainerOptions
        {
            Network = GanNetworks.ByName(network), Width = 8, HiddenLayers = 1, LatentDimension = 3, BatchSize = 16, Steps = 4, LogEvery = 2, Seed = 3,
        }),
        ml => ml.Gan().Data.GaussianRing(count: 64, seed: 1), size: 2);

    [TestMethod]
    public void GanTrainerOnImagesKeepsTheContract() => EstimatorContract.Check(
        ml => ml.Gan().Trainers.Wgan(network: GanNetwork.Dcgan, width: 2, steps: 2, imageShape: [1, 8, 8], seed: 1),
        ml => VectorDataView.FromRows(ml, Enumerable.Range(0, 24).Select(i => Enumerable.Range(0, 64).Select(j => (float)Math.Sin(i + j)).ToArray()).ToArray(), "Features", 64),
        size: 64);

    [TestMethod]
    public void RandomFeatureWganTrainerKeepsTheContract() => EstimatorContract.Check(
        ml => ml.Gan().Trainers.RandomFeatureWgan(new RandomFeatureWganOptions
        {
            GeneratorWidth = 60, DiscriminatorWidth = 20, Steps = 3, LogEvery = 1, BatchSize = 32, GaussNewtonBatchSize = 32,
            EvaluationSampleSize = 64, Seed = 2,
        }),
        ml => ml.Gan().Data.GaussianRing(count: 128, seed: 1), size: 2);
}
