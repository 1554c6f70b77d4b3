using static MlGan.Evaluation.Tests.Statistics.StatisticsTestSupport;
using static MlGan.Evaluation.Tests.TestData;

namespace MlGan.Evaluation.Tests.Statistics;

[TestClass]
public sealed class RunningMomentsTests
{
    // Brute force: mean by a plain sum, co-moment M = Σ (x − μ)(x − μ)ᵀ by a double loop over entries.
    private static (double[] Mean, double[] Comoment) BruteForce(float[][] x)
    {
        int n = x.Length, d = x[0].Length;
        var mean = new double[d];
        foreach (var row in x)
            for (int j = 0; j < d; j++) mean[j] += row[j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        var m = new double[d * d];
        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++)
            {
                double sum = 0;
                foreach (var row in x) sum += (row[a] - mean[a]) * (row[b] - mean[b]);
                m[a * d + b] = sum;
            }
        return (mean, m);
    }

    private static RunningMoments Accumulate(float[][] x, params int[] batchSizes)
    {
        var moments = new RunningMoments(x[0].Length);
        int start = 0;
        foreach (int size in batchSizes)
        {
            moments.Add(Rows(x, start, start + size));
            start += size;
        }
        Assert.AreEqual(x.Length, start, "batch sizes must cover the rows");
        return moments;
    }

    [TestMethod]
    public void UnevenBatches_MatchBruteForceDoubleLoop_EvenWithALargeMean()
    {
        var x = CorrelatedGaussian(200, 9, seed: 3, shift: 1000);
        var moments = Accumulate(x, 1, 37, 2, 100, 60);
        var (mean, comoment) = BruteForce(x);
        Assert.AreEqual(200L, moments.Count);
        AssertClose(mean, moments.Mean, 1e-13, "mean");
        AssertClose(comoment, moments.Comoment, 1e-12, "co-moment");
    }

    [TestMethod]
    public void ThreeUnevenParts_MergeToOnePass_AndToFromFeatures()
    {
        var x = CorrelatedGaussian(220, 11, seed: 5, shift: 4);
        var onePass = Accumulate(x, 220);
        var a = Accumulate(Rows(x, 0, 13), 13);
        var b = Accumulate(Rows(x, 13, 163), 150);
        var c = Accumulate(Rows(x, 163, 220), 57);
        a.Merge(b);
        a.Merge(c);
        Assert.AreEqual(220L, a.Count);
        AssertClose(onePass.Mean, a.Mean, 1e-12, "merged mean vs one pass");
        AssertClose(onePass.Comoment, a.Comoment, 1e-12, "merged co-moment vs one pass");

        var merged = a.ToStatistics();
        var direct = FeatureStatistics.FromFeatures(x);
        Assert.AreEqual(direct.Count, merged.Count);
        AssertClose(direct.Mean, merged.Mean, 1e-12, "merged mean vs FromFeatures");
        AssertClose(direct.Covariance, merged.Covariance, 1e-12, "merged Σ vs FromFeatures");
    }

    [TestMethod]
    public void BatchesOfOneRow_EqualOnePass()
    {
        var x = CorrelatedGaussian(90, 6, seed: 8, shift: -20);
        var onePass = Accumulate(x, 90);
        var single = new RunningMoments(6);
        foreach (var row in x) single.Add(row.AsSpan(), 1);
        AssertClose(onePass.Mean, single.Mean, 1e-12, "mean");
        AssertClose(onePass.Comoment, single.Comoment, 1e-12, "co-moment");
        AssertClose(FeatureStatistics.FromFeatures(x).Covariance, single.ToStatistics().Covariance, 1e-12, "Σ vs FromFeatures");
    }

    [TestMethod]
    public void SpanListAndTensorOverloads_Agree()
    {
        var x = CorrelatedGaussian(40, 5, seed: 2);
        var fromList = Accumulate(x, 40);
        var fromSpan = new RunningMoments(5);
        fromSpan.Add(x.SelectMany(row => row).ToArray(), 40);
        var fromTensor = new RunningMoments(5);
        using (var t = TorchSharp.torch.tensor(x.SelectMany(row => row).ToArray(), new long[] { 40, 5 }))
            fromTensor.Add(t);
        AssertClose(fromList.Comoment, fromSpan.Comoment, 1e-14, "span");
        AssertClose(fromList.Comoment, fromTensor.Comoment, 1e-14, "tensor");
        CollectionAssert.AreEqual(fromList.Mean, fromSpan.Mean);
    }

    [TestMethod]
    public void MergingAnEmptyAccumulator_ChangesNothing_AndEmptyTakesTheOther()
    {
        var x = CorrelatedGaussian(30, 4, seed: 6);
        var filled = Accumulate(x, 30);
        var before = filled.Comoment;
        filled.Merge(new RunningMoments(4));
        CollectionAssert.AreEqual(before, filled.Comoment);
        var empty = new RunningMoments(4);
        empty.Merge(filled);
        CollectionAssert.AreEqual(filled.Mean, empty.Mean);
        CollectionAssert.AreEqual(filled.Comoment, empty.Comoment);
        Assert.AreEqual(30L, empty.Count);
    }

    [TestMethod]
    public void NonFiniteValue_ThrowsNamingTheRow_AndLeavesTheStateUnchanged()
    {
        var moments = Accumulate(CorrelatedGaussian(10, 3, seed: 1), 10);
        var before = moments.Comoment;
        var batch = CorrelatedGaussian(5, 3, seed: 2);
        batch[3][2] = float.NaN;
        var ex = Assert.ThrowsExactly<ArgumentException>(() => moments.Add(batch));
        StringAssert.Contains(ex.Message, "row 3");
        StringAssert.Contains(ex.Message, "row 13 of the stream");
        var flat = batch.SelectMany(row => row).ToArray();
        flat[2 * 3 + 1] = float.PositiveInfinity;
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => moments.Add(flat, 5)).Message, "row 2");
        Assert.AreEqual(10L, moments.Count);
        CollectionAssert.AreEqual(before, moments.Comoment);
    }

    [TestMethod]
    public void BadShapes_AreRejected()
    {
        var moments = new RunningMoments(3);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => moments.Add([new float[3], new float[2]])).Message, "rows[1]");
        Assert.ThrowsExactly<ArgumentException>(() => moments.Add(new float[7], 2));
        Assert.ThrowsExactly<ArgumentException>(() => moments.Merge(new RunningMoments(4)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new RunningMoments(0));
        moments.Add([new float[] { 1, 2, 3 }]);
        Assert.ThrowsExactly<InvalidOperationException>(() => moments.ToStatistics());
    }

    [TestMethod]
    public void FromStatistics_RestoresTheCoMoment_AndMergesLikeTheRows()
    {
        var x = CorrelatedGaussian(120, 7, seed: 11, shift: 2);
        var restored = RunningMoments.FromStatistics(FeatureStatistics.FromFeatures(Rows(x, 0, 70)));
        restored.Merge(RunningMoments.FromStatistics(FeatureStatistics.FromFeatures(Rows(x, 70, 120))));
        var (mean, comoment) = BruteForce(x);
        Assert.AreEqual(120L, restored.Count);
        AssertClose(mean, restored.Mean, 1e-12, "mean");
        AssertClose(comoment, restored.Comoment, 1e-12, "co-moment");

        var unknown = new FeatureStatistics([0, 0], [1, 0, 0, 1], FeatureStatistics.UnknownCount);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => RunningMoments.FromStatistics(unknown)).Message, "no sample count");
    }

    [TestMethod]
    public void ToStatistics_StampsProvenance_AndChecksItsDimension()
    {
        var moments = Accumulate(CorrelatedGaussian(20, 3, seed: 4), 20);
        var provenance = new StatisticsProvenance { Extractor = "identity", Preprocessing = "none", FeatureDimension = 3 };
        Assert.AreEqual(20L, moments.ToStatistics(provenance).Provenance!.Count);
        Assert.ThrowsExactly<ArgumentException>(() => moments.ToStatistics(provenance with { FeatureDimension = 4 }));
        Assert.ThrowsExactly<ArgumentException>(() => moments.ToStatistics(provenance with { Count = 19 }));
    }
}
