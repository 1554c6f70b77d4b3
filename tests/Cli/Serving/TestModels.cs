using MlGan.Transforms.Onnx;
using Onnx = MlGan.Transforms.Onnx;

namespace MlGan.Cli.Tests.Serving;

/// <summary>Tiny generators written with MlGan's own ONNX builder, plus a plain C# forward pass to check them against.</summary>
internal static class TestModels
{
    public const int Latent = 3, Hidden = 8, Out = 2;
    public static readonly float[] W1 = Fill(Hidden * Latent, 1), B1 = Fill(Hidden, 2), W2 = Fill(Out * Hidden, 3), B2 = Fill(Out, 4);

    private static float[] Fill(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>x = tanh(W2·relu(W1·z + b1) + b2), latent [N, 3] → samples [N, 2].</summary>
    public static byte[] Mlp(bool withMetadata = true, string? latentDistribution = "uniform")
    {
        var b = new OnnxGraphBuilder("mlp_generator");
        string h = b.Relu(b.Gemm(b.AddInput("z", -1, Latent), b.AddInitializer("w1", W1, Hidden, Latent), b.AddInitializer("b1", B1, Hidden), transB: true));
        b.AddOutput(b.Tanh(b.Gemm(h, b.AddInitializer("w2", W2, Out, Hidden), b.AddInitializer("b2", B2, Out), transB: true), output: "x"), -1, Out);
        if (withMetadata)
        {
            b.SetMetadata("mlgan.latent_dimension", "3");
            if (latentDistribution is not null) b.SetMetadata("mlgan.latent_distribution", latentDistribution);
            b.SetMetadata("mlgan.output_shape", "2");
            b.SetMetadata("mlgan.value_range", "-1,1");
            b.SetMetadata("mlgan.loss_family", "wasserstein");
            b.SetMetadata("mlgan.seed", "42");
            b.SetMetadata("mlgan.architecture", "mlp");
        }
        return b.ToBytes();
    }

    public static float[] Forward(float[] z) => Forward(z, null);

    /// <summary>The hidden layer, then tanh(W₂h + b₂ (+ the label's class row)).</summary>
    private static float[] Forward(float[] z, long? label)
    {
        var h = new double[Hidden];
        for (int i = 0; i < Hidden; i++)
        {
            double s = B1[i];
            for (int j = 0; j < Latent; j++) s += W1[i * Latent + j] * z[j];
            h[i] = Math.Max(0, s);
        }
        var x = new float[Out];
        for (int i = 0; i < Out; i++)
        {
            double s = B2[i] + (label is { } y ? ClassTable[y * Out + i] : 0);
            for (int j = 0; j < Hidden; j++) s += W2[i * Hidden + j] * h[j];
            x[i] = (float)Math.Tanh(s);
        }
        return x;
    }

    /// <summary>Latent [N, 4] → sigmoid(W z) as a flat [N, 16] output declared "1,4,4" in metadata, values in [0, 1].</summary>
    public static byte[] Image()
    {
        var b = new OnnxGraphBuilder("image_generator");
        string y = b.Sigmoid(b.Gemm(b.AddInput("z", -1, 4), b.AddInitializer("w", Fill(64, 5), 16, 4), transB: true));
        b.AddOutput(b.Identity(y, "image"), -1, 16);
        b.SetMetadata("mlgan.output_shape", "1,4,4");
        b.SetMetadata("mlgan.value_range", "0,1");
        return b.ToBytes();
    }

    public const int Classes = 3;
    public static readonly float[] ClassTable = Fill(Classes * Out, 6);

    /// <summary>Class-conditional: x = tanh(W2·relu(W1·z + b1) + b2 + E[label]), latent [N, 3] and int64 labels [N] → [N, 2], 3 classes.</summary>
    public static byte[] Conditional()
    {
        var b = new OnnxGraphBuilder("conditional_generator");
        string h = b.Relu(b.Gemm(b.AddInput("z", -1, Latent), b.AddInitializer("w1", W1, Hidden, Latent), b.AddInitializer("b1", B1, Hidden), transB: true));
        string pre = b.Gemm(h, b.AddInitializer("w2", W2, Out, Hidden), b.AddInitializer("b2", B2, Out), transB: true);
        string embedding = b.Gather(b.AddInitializer("table", ClassTable, Classes, Out), b.AddInput("label", Onnx.Proto.TensorProto.Types.DataType.Int64, -1));
        b.AddOutput(b.Tanh(b.Add(pre, embedding), output: "x"), -1, Out);
        b.SetMetadata("mlgan.latent_dimension", "3");
        b.SetMetadata("mlgan.output_shape", "2");
        b.SetMetadata("mlgan.class_count", "3");
        return b.ToBytes();
    }

    /// <summary>The forward pass of <see cref="Conditional"/>.</summary>
    public static float[] ForwardConditional(float[] z, long label) => Forward(z, label);

    /// <summary>A graph whose input has a fixed batch of 3: not servable.</summary>
    public static byte[] FixedBatch()
    {
        var b = new OnnxGraphBuilder("fixed");
        b.AddOutput(b.Tanh(b.AddInput("z", 3, 2), output: "x"), 3, 2);
        return b.ToBytes();
    }

    /// <summary>Two inputs: not servable.</summary>
    public static byte[] TwoInputs()
    {
        var b = new OnnxGraphBuilder("two");
        b.AddOutput(b.Add(b.AddInput("z", -1, 2), b.AddInput("c", -1, 2), output: "x"), -1, 2);
        return b.ToBytes();
    }

    /// <summary>Rank-3 latent input [N, 2, 2]: not servable.</summary>
    public static byte[] Rank3Input()
    {
        var b = new OnnxGraphBuilder("rank3");
        b.AddOutput(b.Reshape(b.AddInput("z", -1, 2, 2), [-1, 4], output: "x"), -1, 4);
        return b.ToBytes();
    }
}
