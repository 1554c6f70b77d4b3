using MlGan.Trainers.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Augmentation;

/// <summary>DiffAugment.Parse, its canonical form, the image-data guard and Apply's input checks.</summary>
[TestClass]
public sealed class DiffAugmentParsingTests
{
    [TestMethod]
    [DataRow("translation,cutout,color", "translation,cutout,color")]
    [DataRow("color,translation,cutout", "translation,cutout,color")]
    [DataRow("  color ,  translation ", "translation,color")]
    [DataRow("COLOR,Cutout", "cutout,color")]
    [DataRow("cutout", "cutout")]
    public void ParseAcceptsAnySubsetInAnyOrderAndPrintsTheCanonicalForm(string policies, string canonical)
    {
        var augment = DiffAugment.Parse(policies);
        Assert.AreEqual(canonical, augment.ToString());
        CollectionAssert.AreEqual(canonical.Split(','), augment.Policies.ToArray());
        Assert.AreEqual(canonical, DiffAugment.Parse(augment.ToString()).ToString(), "the canonical form reads back");
    }

    [TestMethod]
    public void EverySubsetRoundTrips()
    {
        var names = DiffAugment.Names;
        CollectionAssert.AreEqual(new[] { "translation", "cutout", "color" }, names.ToArray());
        for (int mask = 1; mask < 1 << names.Count; mask++)
        {
            var subset = names.Where((_, i) => (mask >> i & 1) == 1).ToArray();
            var augment = DiffAugment.Parse(string.Join(" , ", subset.Reverse()));
            CollectionAssert.AreEqual(subset, augment.Policies.ToArray());
        }
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("   ")]
    [DataRow("colour")]
    [DataRow("color,,cutout")]
    [DataRow("color,")]
    [DataRow("color,color")]
    [DataRow("translation;cutout")]
    public void BadListsAreRejectedNamingTheValidPolicies(string policies)
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => DiffAugment.Parse(policies));
        Assert.AreEqual("policies", e.ParamName);
        if (policies is "" or "   " or "colour" or "translation;cutout")
            foreach (var name in DiffAugment.Names)
                Assert.Contains(name, e.Message);
        if (policies == "colour") Assert.Contains("'colour'", e.Message);
    }

    [TestMethod]
    public void NullIsRejected() => Assert.ThrowsExactly<ArgumentNullException>(() => DiffAugment.Parse(null!));

    [TestMethod]
    public void RequireImagesNamesTheOptionOnVectorData()
    {
        DiffAugment.RequireImages([1, 28, 28], "DiffAugment");
        DiffAugment.RequireImages([3, 5, 7], "DiffAugment");
        foreach (var shape in new[] { null, new long[] { 784 }, new long[] { 1, 28 }, new long[] { 0, 28, 28 }, new long[] { 1, 28, 28, 1 } })
        {
            var e = Assert.ThrowsExactly<ArgumentException>(() => DiffAugment.RequireImages(shape, "--diffaugment"));
            Assert.AreEqual("--diffaugment", e.ParamName);
            Assert.Contains("--diffaugment", e.Message);
        }
    }

    [TestMethod]
    public void ApplyRejectsNonImageBatches()
    {
        var augment = DiffAugment.Parse("translation");
        var random = new torch.Generator(1);
        Assert.ThrowsExactly<ArgumentException>(() => augment.Apply(zeros(4, 16), random));
        Assert.ThrowsExactly<ArgumentException>(() => augment.Apply(zeros(new long[] { 2, 1, 4, 4 }, dtype: ScalarType.Int64), random));
        Assert.ThrowsExactly<ArgumentNullException>(() => augment.Apply(zeros(2, 1, 4, 4), null!));
    }
}
