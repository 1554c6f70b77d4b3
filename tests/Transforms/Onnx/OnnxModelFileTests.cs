using MlGan.Transforms.Onnx;

namespace MlGan.Transforms.Tests.Onnx;

[TestClass]
public sealed class OnnxModelFileTests
{
    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), $"mlgan-onnxfile-{Guid.NewGuid():N}"));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private static byte[] TinyBytes()
    {
        var b = new OnnxGraphBuilder("tiny");
        b.AddOutput(b.Relu(b.AddInput("z", -1, 3), output: "x"), -1, 3);
        b.SetMetadata("k", "v");
        return b.ToBytes();
    }

    [TestMethod]
    public void SaveThenLoad_RoundTripsBytesAndLeavesNoTempFile()
    {
        var model = OnnxModelFile.Parse(TinyBytes());
        string path = Path.Combine(_dir, "m.onnx");
        OnnxModelFile.Save(model, path);
        OnnxModelFile.Save(model, path); // overwrite in place
        Assert.AreEqual(model, OnnxModelFile.Load(path));
        CollectionAssert.AreEqual(new[] { "m.onnx" }, Directory.GetFiles(_dir).Select(Path.GetFileName).ToArray());
        using var ms = new MemoryStream();
        OnnxModelFile.Save(model, ms);
        CollectionAssert.AreEqual(File.ReadAllBytes(path), ms.ToArray());
    }

    [TestMethod]
    public void Save_ToMissingDirectory_ThrowsIOExceptionNamingPath()
    {
        string path = Path.Combine(_dir, "no-such-dir", "m.onnx");
        var ex = Assert.ThrowsExactly<IOException>(() => OnnxModelFile.Save(OnnxModelFile.Parse(TinyBytes()), path));
        StringAssert.Contains(ex.Message, path);
        Assert.IsNotNull(ex.InnerException);
    }

    [TestMethod]
    public void Save_OverADirectory_FailsAndLeavesNoPartialFile()
    {
        string path = Path.Combine(_dir, "occupied");
        Directory.CreateDirectory(path);
        var ex = Assert.ThrowsExactly<IOException>(() => OnnxModelFile.Save(OnnxModelFile.Parse(TinyBytes()), path));
        StringAssert.Contains(ex.Message, path);
        Assert.IsEmpty(Directory.GetFiles(_dir), "the temporary file must be removed after a failed save");
    }

    [TestMethod]
    public void Load_TruncatedFile_ThrowsInvalidData()
    {
        byte[] bytes = TinyBytes();
        string path = Path.Combine(_dir, "cut.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => OnnxModelFile.Load(path));
        StringAssert.Contains(ex.Message, path);
    }

    [TestMethod]
    public void Load_NonOnnxFiles_ThrowInvalidData()
    {
        string text = Path.Combine(_dir, "text.onnx");
        File.WriteAllText(text, "this is not a model, just some text\n");
        Assert.ThrowsExactly<InvalidDataException>(() => OnnxModelFile.Load(text));
        string empty = Path.Combine(_dir, "empty.onnx");
        File.WriteAllBytes(empty, []);
        Assert.ThrowsExactly<InvalidDataException>(() => OnnxModelFile.Load(empty));
        Assert.ThrowsExactly<FileNotFoundException>(() => OnnxModelFile.Load(Path.Combine(_dir, "absent.onnx")));
    }
}
