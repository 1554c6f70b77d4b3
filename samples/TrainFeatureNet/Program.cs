// Trains the small Fashion-MNIST classifier whose penultimate layer is MlGan's default feature net for
// FID/KID on 28×28 images (its logits serve the Inception score), exports it with MlGan's own ONNX builder,
// and checks the file through ONNX Runtime: parity with TorchSharp and test accuracy.
// Usage: dotnet run -c Release --project samples/TrainFeatureNet -- [--epochs 4] [--seed 1] [--lr 1e-3]
//        [--out models/fashion-mnist-features.onnx] [--data /usr/share/datasets/fashion-mnist]
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using MlGan.Cli;
using MlGan.Samples.TrainFeatureNet;
using MlGan.Transforms.Data;
using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

var epochsOption = new Option<int>("--epochs") { Description = "Passes over the 60,000 training images.", DefaultValueFactory = _ => 4 }.AtLeast(1);
var seedOption = new Option<int>("--seed") { Description = "Random seed (init and batch order).", DefaultValueFactory = _ => 1 };
var lrOption = new Option<double>("--lr") { Description = "Adam learning rate (cosine-decayed to 0).", DefaultValueFactory = _ => 1e-3 }.Positive();
var outOption = new Option<string>("--out") { Description = "ONNX file to write.", DefaultValueFactory = _ => "models/fashion-mnist-features.onnx" };
var dataOption = new Option<string?>("--data") { Description = "Directory of the Fashion-MNIST IDX files (default: Debian's)." };
var command = new RootCommand("Trains and exports MlGan's Fashion-MNIST feature net; exit 1 when ONNX Runtime disagrees with TorchSharp or test accuracy is below 90 %.")
{
    epochsOption, seedOption, lrOption, outOption, dataOption,
};
command.SetAction(parse => Run(parse.GetValue(epochsOption), parse.GetValue(seedOption), parse.GetValue(lrOption), parse.GetValue(outOption)!, parse.GetValue(dataOption)));
return CliErrors.Invoke(command, "TrainFeatureNet", args);

int Run(int epochs, int seed, double lr, string output, string? dataDir)
{
    const int batch = 128;
    TorchNative.EnsureAvailable();
    torch.manual_seed(seed);
    var cpu = Stopwatch.StartNew();
    var process = Process.GetCurrentProcess();
    var (trainImages, trainLabels) = FashionMnist.Load(dataDir, FashionMnistSplit.Train, PixelRange.MinusOneToOne);
    var (testImages, testLabels) = FashionMnist.Load(dataDir, FashionMnistSplit.Test, PixelRange.MinusOneToOne);
    using var xTrain = ToImages(trainImages);
    using var yTrain = tensor(trainLabels.Select(l => (long)l).ToArray());
    using var xTest = ToImages(testImages);
    Console.WriteLine($"Fashion-MNIST: {trainImages.Length} train, {testImages.Length} test images; torch threads = {torch.get_num_threads()}");

    var net = new FeatureNet();
    var optimizer = optim.Adam(net.parameters(), lr);
    // Cosine decay to 0 over all steps: the last epochs average out Adam's noise instead of bouncing around.
    int stepsPerEpoch = (trainImages.Length + batch - 1) / batch;
    var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs * stepsPerEpoch);
    var generator = new torch.Generator((ulong)seed);
    for (int epoch = 0; epoch < epochs; epoch++)
    {
        net.train();
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        int batches = 0;
        using var order = randperm(trainImages.Length, generator: generator);
        for (long start = 0; start < trainImages.Length; start += batch)
        {
            using var scope = NewDisposeScope();
            var idx = order.narrow(0, start, Math.Min(batch, trainImages.Length - start));
            var (_, logits) = net.forward(xTrain.index_select(0, idx));
            var loss = F.cross_entropy(logits, yTrain.index_select(0, idx));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            schedule.step();
            lossSum += loss.ToDouble();
            batches++;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {epoch + 1}/{epochs}: mean loss {lossSum / batches:F4}, torch test accuracy {Accuracy(TorchLogits(net, xTest), testLabels):P2}, {clock.Elapsed.TotalSeconds:F0} s"));
    }
    net.eval();

    byte[] model = net.ExportOnnx();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    File.WriteAllBytes(output, model);

    // Parity and accuracy through ONNX Runtime on the whole test set.
    var (torchFeatures, torchLogits) = TorchOutputs(net, xTest);
    using var session = new InferenceSession(model);
    var ortFeatures = new float[torchFeatures.Length];
    var ortLogits = new float[torchLogits.Length];
    for (int start = 0; start < testImages.Length; start += 500)
    {
        int n = Math.Min(500, testImages.Length - start);
        var flat = new float[n * FashionMnist.Pixels];
        for (int r = 0; r < n; r++) testImages[start + r].CopyTo(flat, r * FashionMnist.Pixels);
        using var input = OrtValue.CreateTensorValueFromMemory(flat, [n, 1, 28, 28]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["image"], [input], ["features", "logits"]);
        results[0].GetTensorDataAsSpan<float>().CopyTo(ortFeatures.AsSpan(start * FeatureNet.FeatureDimension));
        results[1].GetTensorDataAsSpan<float>().CopyTo(ortLogits.AsSpan(start * FeatureNet.Classes));
    }
    double featureGap = MaxAbsDiff(torchFeatures, ortFeatures), logitGap = MaxAbsDiff(torchLogits, ortLogits);
    double ortAccuracy = Accuracy(ortLogits, testLabels);
    process.Refresh();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"wrote {output} ({new FileInfo(output).Length / 1024.0:F0} KiB); ORT vs torch: max |Δfeatures| = {featureGap:E2}, max |Δlogits| = {logitGap:E2}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT ort_test_accuracy={ortAccuracy:F4} wall_s={cpu.Elapsed.TotalSeconds:F0} cpu_s={process.TotalProcessorTime.TotalSeconds:F0} epochs={epochs} seed={seed}"));
    return featureGap <= 1e-4 && logitGap <= 1e-4 && ortAccuracy >= 0.9 ? 0 : 1;
}

static Tensor ToImages(float[][] rows)
{
    var flat = new float[rows.Length * FashionMnist.Pixels];
    for (int r = 0; r < rows.Length; r++) rows[r].CopyTo(flat, r * FashionMnist.Pixels);
    return tensor(flat, [rows.Length, 1, 28, 28]);
}

static (float[] Features, float[] Logits) TorchOutputs(FeatureNet net, Tensor x)
{
    using var noGrad = no_grad();
    using var scope = NewDisposeScope();
    var (f, l) = net.forward(x);
    return (f.data<float>().ToArray(), l.data<float>().ToArray());
}

static float[] TorchLogits(FeatureNet net, Tensor x)
{
    net.eval();
    var logits = TorchOutputs(net, x).Logits;
    net.train();
    return logits;
}

static double Accuracy(float[] logits, float[] labels)
{
    int correct = 0;
    for (int n = 0; n < labels.Length; n++)
    {
        int best = 0;
        for (int c = 1; c < FeatureNet.Classes; c++)
            if (logits[n * FeatureNet.Classes + c] > logits[n * FeatureNet.Classes + best]) best = c;
        if (best == (int)labels[n]) correct++;
    }
    return (double)correct / labels.Length;
}

static double MaxAbsDiff(float[] a, float[] b)
{
    double max = 0;
    for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
    return max;
}
