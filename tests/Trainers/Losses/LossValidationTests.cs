using MlGan.Trainers.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Losses;

[TestClass]
public sealed class LossValidationTests
{
    [TestMethod]
    [DataRow("rs"), DataRow("rs-sat"), DataRow("rp-hinge"), DataRow("rp-ls")]
    public void RelativisticLossesRejectUnequalBatches(string name)
    {
        var loss = GanLosses.ByName(name);
        using var r = torch.zeros(4, dtype: ScalarType.Float64);
        using var f = torch.zeros(3, dtype: ScalarType.Float64);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => loss.DiscriminatorLoss(r, f));
        Assert.AreEqual("fakeLogits", ex.ParamName);
        StringAssert.Contains(ex.Message, "same size");
        Assert.ThrowsExactly<ArgumentException>(() => loss.GeneratorLoss(r, f));
    }

    [TestMethod]
    public void BadShapesDtypesAndEmptyBatchesAreRejected()
    {
        var loss = GanLosses.ByName("js");
        using var good = torch.zeros(3, dtype: ScalarType.Float64);
        using var matrix = torch.zeros(3, 2, dtype: ScalarType.Float64);
        using var empty = torch.zeros(0, dtype: ScalarType.Float64);
        using var ints = torch.zeros(3, dtype: ScalarType.Int64);
        using var floats = torch.zeros(3, dtype: ScalarType.Float32);
        Assert.AreEqual("realLogits", Assert.ThrowsExactly<ArgumentException>(() => loss.DiscriminatorLoss(matrix, good)).ParamName);
        Assert.AreEqual("fakeLogits", Assert.ThrowsExactly<ArgumentException>(() => loss.DiscriminatorLoss(good, empty)).ParamName);
        Assert.AreEqual("realLogits", Assert.ThrowsExactly<ArgumentException>(() => loss.GeneratorLoss(ints, good)).ParamName);
        Assert.AreEqual("fakeLogits", Assert.ThrowsExactly<ArgumentException>(() => loss.DiscriminatorLoss(good, floats)).ParamName);
        Assert.ThrowsExactly<ArgumentNullException>(() => loss.DiscriminatorLoss(null!, good));
    }

    [TestMethod]
    public void FactoryKnowsEveryDocumentedNameCaseInsensitively()
    {
        CollectionAssert.AreEqual(
            new[] { "js", "js-ns", "hinge", "ls", "rs", "rs-sat", "rp-hinge", "rp-ls", "wgan" }, GanLosses.Names.Take(9).ToArray(), "the built-ins come first (tests may register more)");
        foreach (var name in GanLosses.Names)
        {
            Assert.AreEqual(name, GanLosses.ByName(name).Name);
            Assert.AreEqual(name, GanLosses.ByName(" " + name.ToUpperInvariant() + " ").Name);
        }
        Assert.AreEqual(GanLossFamily.Separable, GanLosses.ByName("ls").Family);
        Assert.AreEqual(GanLossFamily.Relativistic, GanLosses.ByName("rp-ls").Family);
        Assert.AreEqual(GanLossFamily.Wasserstein, GanLosses.ByName("wgan").Family);
        Assert.AreEqual(GanLosses.Names.Count, GanLosses.All().Count);
    }

    [TestMethod]
    public void UnknownNameListsTheValidOnes()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => GanLosses.ByName("vanilla"));
        Assert.AreEqual("name", ex.ParamName);
        StringAssert.Contains(ex.Message, "rp-hinge");
        StringAssert.Contains(ex.Message, "'vanilla'");
    }
}
