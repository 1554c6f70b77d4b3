using MlGan.Transforms.Onnx;
using MlGan.Transforms.Onnx.Proto;

namespace MlGan.Benchmarks.Serving;

/// <summary>The generators the benchmark serves: seeded random MLPs written with MlGan's ONNX builder.</summary>
internal static class LoadModels
{
    /// <summary>Names accepted by --model.</summary>
    public static readonly string[] Names = ["mlp784", "mlp2"];

    /// <summary>mlp784: latent 64 → 256 → 784 (1×28×28, Fashion-MNIST sized); mlp2: latent 2 → 128 → 2 (a 2-D mixture generator).</summary>
    public static ModelProto Create(string name) => name switch
    {
        "mlp784" => Mlp(latent: 64, hidden: 256, output: 784, shape: "1,28,28"),
        "mlp2" => Mlp(latent: 2, hidden: 128, output: 2, shape: "2"),
        _ => throw new ArgumentException($"--model must be one of {string.Join(", ", Names)}; got '{name}'.", nameof(name)),
    };

    private static ModelProto Mlp(int latent, int hidden, int output, string shape)
    {
        var rng = new Random(1);
        float[] R(int n, double s) => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * s)).ToArray();
        var b = new OnnxGraphBuilder("load_generator");
        string h = b.Relu(b.Gemm(b.AddInput("z", -1, latent), b.AddInitializer("w1", R(hidden * latent, 1 / Math.Sqrt(latent)), hidden, latent),
            b.AddInitializer("b1", R(hidden, 0.1), hidden), transB: true));
        string x = b.Tanh(b.Gemm(h, b.AddInitializer("w2", R(output * hidden, 1 / Math.Sqrt(hidden)), output, hidden), b.AddInitializer("b2", R(output, 0.1), output), transB: true), output: "x");
        b.AddOutput(x, -1, output);
        b.SetMetadata("mlgan.output_shape", shape);
        b.SetMetadata("mlgan.value_range", "-1,1");
        return b.Build();
    }
}
