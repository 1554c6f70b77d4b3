namespace MlGan.Cli.Tests;

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
    public void NonFiniteTokens_AreRecognisedAndRejected_WithLineAndField()
    {
        foreach (var token in new[] { "inf", "Inf", "-inf", "+INF", "Infinity", "-Infinity", "nan", "NaN" })
        {
            var error = Assert.ThrowsExactly<InvalidDataException>(() => Read($"1,2\n3,{token}\n")).Message;
            StringAssert.Contains(error, $"'test.csv' line 2, field 2: '{token}' is not finite", token);
        }
        // A non-finite first line is data with a bad value, not a header.
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Read("inf,1\n2,3\n")).Message, "line 1, field 1: 'inf' is not finite");
    }

    [TestMethod]
    public void ManyLines_ParsedInParallel_KeepOrder_AndReportTheEarliestBadLine()
    {
        var text = new System.Text.StringBuilder("a,b,c\n");
        for (int i = 0; i < 5000; i++) text.Append(i).Append(',').Append(i * 0.5f).Append(',').Append(-i).Append('\n');
        var rows = Read(text.ToString());
        Assert.AreEqual(5000, rows.Length);
        for (int i = 0; i < rows.Length; i++) CollectionAssert.AreEqual(new[] { (float)i, i * 0.5f, (float)-i }, rows[i]);

        var lines = text.ToString().Split('\n');
        lines[4001] = "1,x,3";  // line 4002 of the file (line 1 is the header)
        lines[900] = "1,2,y";   // line 901: earlier, in another parallel block
        var error = Assert.ThrowsExactly<InvalidDataException>(() => Read(string.Join('\n', lines))).Message;
        StringAssert.Contains(error, "line 901, field 3: 'y' is not a number");
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
