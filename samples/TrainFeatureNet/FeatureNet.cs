using MlGan.Transforms.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MlGan.Samples.TrainFeatureNet;

/// <summary>
/// conv3×3(1→32)-BN-ReLU-maxpool2 · conv3×3(32→64)-BN-ReLU-maxpool2 · fc(3136→128)-ReLU · dropout · fc(128→10).
/// The 128-d ReLU output is the feature vector for FID/KID; the 10 logits feed the Inception score.
/// Two poolings keep the first fully connected layer at 0.4 M weights, so the ONNX file stays under 2 MB;
/// batch norm (folded into inference-mode BatchNormalization nodes) lets a few epochs reach > 90 %.
/// </summary>
internal sealed class FeatureNet : nn.Module<Tensor, (Tensor Features, Tensor Logits)>
{
    public const int FeatureDimension = 128, Classes = 10;
    private readonly Conv2d conv1, conv2;
    private readonly BatchNorm2d bn1, bn2;
    private readonly Linear fc1, fc2;
    private readonly Dropout dropout;

    public FeatureNet() : base(nameof(FeatureNet))
    {
        conv1 = nn.Conv2d(1, 32, 3, padding: 1);
        conv2 = nn.Conv2d(32, 64, 3, padding: 1);
        bn1 = nn.BatchNorm2d(32);
        bn2 = nn.BatchNorm2d(64);
        dropout = nn.Dropout(0.3);
        fc1 = nn.Linear(64 * 7 * 7, FeatureDimension);
        fc2 = nn.Linear(FeatureDimension, Classes);
        RegisterComponents();
    }

    /// <summary>x: [N, 1, 28, 28] in [-1, 1].</summary>
    public override (Tensor Features, Tensor Logits) forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = F.max_pool2d(F.relu(bn1.forward(conv1.forward(x))), 2);
        h = F.max_pool2d(F.relu(bn2.forward(conv2.forward(h))), 2);
        var features = F.relu(fc1.forward(h.flatten(1)));
        var logits = fc2.forward(dropout.forward(features));
        return (features.MoveToOuterDisposeScope(), logits.MoveToOuterDisposeScope());
    }

    /// <summary>The same network as an ONNX graph written by MlGan's own builder: input "image", outputs "features" and "logits".</summary>
    public byte[] ExportOnnx()
    {
        var b = new OnnxGraphBuilder("fashion_mnist_features");
        string x = b.AddInput("image", -1, 1, 28, 28);
        string h = b.Conv(x, b.AddInitializer("conv1.weight", conv1.weight!), b.AddInitializer("conv1.bias", conv1.bias!), [1, 1], [1, 1]);
        h = MaxPool2(b, b.Relu(Norm(b, h, bn1, "bn1")));
        h = b.Conv(h, b.AddInitializer("conv2.weight", conv2.weight!), b.AddInitializer("conv2.bias", conv2.bias!), [1, 1], [1, 1]);
        h = MaxPool2(b, b.Relu(Norm(b, h, bn2, "bn2")));
        h = b.Reshape(h, [-1, 64 * 7 * 7]); // NCHW flatten, as torch's flatten(1)
        string features = b.Relu(b.Gemm(h, b.AddInitializer("fc1.weight", fc1.weight!), b.AddInitializer("fc1.bias", fc1.bias!), transB: true), output: "features");
        b.Gemm(features, b.AddInitializer("fc2.weight", fc2.weight!), b.AddInitializer("fc2.bias", fc2.bias!), transB: true, output: "logits");
        b.AddOutput("features", -1, FeatureDimension);
        b.AddOutput("logits", -1, Classes);
        b.SetMetadata("mlgan.feature_net", "fashion-mnist");
        b.SetMetadata("mlgan.input_range", "-1,1");
        b.SetMetadata("mlgan.input_shape", "1,28,28");
        return b.ToBytes();
    }

    /// <summary>Inference-mode batch norm with the running statistics (the module must be in eval mode when exported).</summary>
    private static string Norm(OnnxGraphBuilder b, string x, BatchNorm2d bn, string name) =>
        b.BatchNormalization(x, b.AddInitializer(name + ".weight", bn.weight!), b.AddInitializer(name + ".bias", bn.bias!),
            b.AddInitializer(name + ".running_mean", bn.running_mean!), b.AddInitializer(name + ".running_var", bn.running_var!), (float)bn.eps);

    private static string MaxPool2(OnnxGraphBuilder b, string x) =>
        b.Node("MaxPool", [x], [x + "_pool"],
            OnnxAttribute.Ints("kernel_shape", [2, 2]), OnnxAttribute.Ints("strides", [2, 2]))[0];
}
