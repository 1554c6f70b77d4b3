// Forward throughput (samples/s) of every generator architecture: ONNX Runtime (the exported graph, one
// reused InferenceSession) vs TorchSharp eager (eval mode, no_grad), at batch 1, 64 and 1024, side by side.
// Also writes each exported model to $OUT_DIR (default out/forward) for the ONNX checker.
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Onnx;
using TorchSharp;

string outDir = Environment.GetEnvironmentVariable("OUT_DIR") ?? "out/forward";
Directory.CreateDirectory(outDir);
MlGan.Transforms.Native.TorchNative.EnsureAvailable(); // MlGan's oneDNN policy (see OneDnn)
double budget = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 0.5; // seconds per measurement
var image = new long[] { 1, 28, 28 };
var generators = new (string Name, GeneratorModule Module)[]
{
    ("random-feature", new RandomFeatureGenerator(2, 2, 5000, Activation.Tanh, 10, 10, 5e-3, seed: 1)),
    ("hidden-layer", new HiddenLayerGenerator(8, 32, 512, seed: 1)),
    ("mlp", new MlpGenerator(64, image, 512, hiddenLayers: 2, OutputActivation.Tanh, seed: 1)),
    ("dcgan", new DcganGenerator(64, 64, image, seed: 1)),
    ("resnet", new ResNetGenerator(64, 64, image, seed: 1)),
};
Console.WriteLine("architecture | batch | ORT samples/s | TorchSharp samples/s | ORT/TorchSharp");
foreach (var (name, module) in generators)
{
    module.eval();
    var graph = new OnnxGraphBuilder("bench");
    graph.AddInput("latent", -1, module.LatentDimension);
    using (torch.no_grad()) ((IOnnxExportableGenerator)module).AppendOnnx(graph, "latent", "sample");
    graph.AddOutput("sample", new[] { -1L }.Concat(module.OutputShape).ToArray());
    var model = graph.Build();
    string path = Path.Combine(outDir, $"{name}.onnx");
    OnnxModelFile.Save(model, path);
    using var session = new InferenceSession(path);
    foreach (int batch in new[] { 1, 64, 1024 })
    {
        var latents = new float[batch * module.LatentDimension];
        var rng = new Random(batch);
        for (int i = 0; i < latents.Length; i++) latents[i] = (float)(rng.NextDouble() * 2 - 1);
        var input = new DenseTensor<float>(latents, new[] { batch, module.LatentDimension });
        var inputs = new[] { NamedOnnxValue.CreateFromTensor("latent", input) };
        double ort = Throughput(batch, budget, () => { using var r = session.Run(inputs); });
        double eager = Throughput(batch, budget, () =>
        {
            using var scope = torch.NewDisposeScope();
            using var _ = torch.no_grad();
            var z = torch.tensor(latents, new long[] { batch, module.LatentDimension });
            module.forward(z).data<float>().ToArray();   // copy out, as ORT does
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} | {batch} | {ort:F0} | {eager:F0} | {ort / eager:F2}"));
    }
}

static double Throughput(int batch, double budgetSeconds, Action run)
{
    for (int i = 0; i < 3; i++) run(); // warm-up
    var clock = Stopwatch.StartNew();
    int calls = 0;
    while (clock.Elapsed.TotalSeconds < budgetSeconds || calls < 3) { run(); calls++; }
    return batch * calls / clock.Elapsed.TotalSeconds;
}
