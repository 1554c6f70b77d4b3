using Microsoft.ML.OnnxRuntime;
using TorchSharp;

namespace MlGan.Transforms.Tests.Onnx;

/// <summary>Runs model bytes through ONNX Runtime and compares with TorchSharp tensors.</summary>
internal static class OrtHarness
{
    public static (float[] Data, long[] Shape) Run(byte[] model, params (string Name, float[] Data, long[] Shape)[] inputs)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(model, options);
        var values = inputs.Select(i => OrtValue.CreateTensorValueFromMemory(i.Data, i.Shape)).ToArray();
        try
        {
            string output = session.OutputNames[0];
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), values, [output]);
            var r = results[0];
            return (r.GetTensorDataAsSpan<float>().ToArray(), r.GetTensorTypeAndShape().Shape);
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    public static (float[] Data, long[] Shape) Run(byte[] model, string name, torch.Tensor x) =>
        Run(model, (name, Values(x), x.shape));

    public static float[] Values(torch.Tensor t) => t.detach().cpu().contiguous().data<float>().ToArray();

    /// <summary>Asserts equal shapes and max |a − b| ≤ tol.</summary>
    public static void AssertClose(torch.Tensor expected, (float[] Data, long[] Shape) actual, double tol = 1e-5)
    {
        CollectionAssert.AreEqual(expected.shape, actual.Shape, $"shape: expected [{string.Join(",", expected.shape)}], got [{string.Join(",", actual.Shape)}]");
        var e = Values(expected);
        double max = 0;
        for (int i = 0; i < e.Length; i++) max = Math.Max(max, Math.Abs(e[i] - actual.Data[i]));
        Assert.IsTrue(max <= tol, $"max |ORT − torch| = {max:G3} > {tol:G3}");
    }

    public static torch.Tensor Randn(int seed, params long[] shape)
    {
        var g = new torch.Generator((ulong)seed);
        return torch.randn(shape, generator: g);
    }
}
