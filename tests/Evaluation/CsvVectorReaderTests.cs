using MlGan.Evaluation.IO;

namespace MlGan.Evaluation.Tests;

[TestClass]
public sealed class CsvVectorReaderTests
{
    private static float[][] Read(string text) => CsvVectorReader.Read(new StringReader(text), "test.csv");

    [TestMethod]
    public void ReadsRows_SkipsHeaderAndBlankLines()
    {
        var rows = Read("x,y\n1,2.5\n\n-3e2, 4\n");
        Assert.AreEqual(2, rows.Length);
        CollectionAssert.AreEqual(new[] { 1f, 2.5f }, rows[0]);
        CollectionAssert.AreEqual(new[] { -300f, 4f }, rows[1]);
        Assert.AreEqual(2, Read("0.5\n0.25").Length); // no header: the first line is data
    }

    [TestMethod]
    public void BadLines_NameFileAndLine()
    {
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Read("1,2\n3\n")).Message, "'test.csv' line 2 has 1 values");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Read("1,2\n3,abc\n")).Message, "'test.csv' line 2, field 2: 'abc'");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Read("a,b\n")).Message, "no data lines");
    }

    [TestMethod]
    public void FeatureSource_ReadsCsvAndRejectsUnknownSpecs()
    {
        string path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "1,2\n3,4\n");
        try
        {
            var rows = FeatureSource.Load("csv:" + path);
            Assert.AreEqual(2, rows.Length);
            Assert.AreEqual(4f, rows[1][1]);
        }
        finally
        {
            File.Delete(path);
        }
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => FeatureSource.Load("mnist")).Message, "Unknown data source 'mnist'");
        Assert.ThrowsExactly<FileNotFoundException>(() => FeatureSource.Load("csv:/nonexistent/x.csv"));
    }
}
