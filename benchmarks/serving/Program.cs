using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using MlGan.Transforms.Onnx;

// Starts `mlgan serve` as a child process on a loopback port chosen by the OS, then drives it with
// `--clients` concurrent HttpClients × `--requests` POST /generate each. Prints throughput, p50/p99
// latency and the server's working set before and after. Usage:
//   dotnet run -c Release --project benchmarks/serving -- [--clients 8] [--requests 50] [--count 64] [--png]
var opts = Args.Parse(args);
string dir = Path.Combine(Path.GetTempPath(), $"mlgan-serving-load-{Environment.ProcessId}");
Directory.CreateDirectory(dir);
string modelPath = Path.Combine(dir, "mlp784.onnx");
OnnxModelFile.Save(Models.ImageMlp(latent: 64, hidden: 256), modelPath);

string mlgan = Path.Combine(AppContext.BaseDirectory, "mlgan.dll");
var psi = new ProcessStartInfo("dotnet", $"\"{mlgan}\" serve \"{modelPath}\" --urls http://127.0.0.1:0 --max-count 4096")
{
    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
};
psi.Environment["Logging__LogLevel__Default"] = "Warning";
psi.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
using var server = Process.Start(psi) ?? throw new InvalidOperationException("could not start mlgan serve");
string? url = null;
var started = Stopwatch.StartNew();
while (url is null && started.Elapsed < TimeSpan.FromSeconds(60))
{
    string? line = await server.StandardOutput.ReadLineAsync();
    if (line is null) break;
    var m = Regex.Match(line, @"Now listening on: (http://127\.0\.0\.1:\d+)");
    if (m.Success) url = m.Groups[1].Value;
}
if (url is null)
{
    server.Kill();
    Console.Error.WriteLine("server did not report a listening address: " + await server.StandardError.ReadToEndAsync());
    return 1;
}
_ = server.StandardOutput.ReadToEndAsync(); // keep draining

try
{
    using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
    string body = $"{{\"count\": {opts.Count}}}";
    async Task<long> OneRequest()
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/generate") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (opts.Png) req.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/png"));
        long t0 = Stopwatch.GetTimestamp();
        using var resp = await client.SendAsync(req);
        byte[] bytes = await resp.Content.ReadAsByteArrayAsync();
        if (!resp.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)resp.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        return Stopwatch.GetTimestamp() - t0;
    }

    for (int i = 0; i < 20; i++) await OneRequest(); // warm-up: JIT, ORT arena
    server.Refresh();
    long wsBefore = server.WorkingSet64;

    var latencies = new long[opts.Clients * opts.Requests];
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, opts.Clients).Select(c => Task.Run(async () =>
    {
        for (int r = 0; r < opts.Requests; r++) latencies[c * opts.Requests + r] = await OneRequest();
    })));
    wall.Stop();
    server.Refresh();
    long wsAfter = server.WorkingSet64;

    Array.Sort(latencies);
    double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    double P(double q) => Ms(latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)]);
    int total = latencies.Length;
    var inv = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Create(inv, $"model: latent 64 -> 256 -> 784 (1x28x28), {opts.Count} samples/request, {(opts.Png ? "image/png" : "JSON")}, cores: {Environment.ProcessorCount}"));
    Console.WriteLine(string.Create(inv, $"{opts.Clients} clients x {opts.Requests} requests = {total} requests in {wall.Elapsed.TotalSeconds:F2} s"));
    Console.WriteLine(string.Create(inv, $"throughput: {total / wall.Elapsed.TotalSeconds:F1} req/s = {total * opts.Count / wall.Elapsed.TotalSeconds:F0} samples/s"));
    Console.WriteLine(string.Create(inv, $"latency ms: p50 {P(0.50):F2}  p99 {P(0.99):F2}  max {Ms(latencies[^1]):F2}"));
    Console.WriteLine(string.Create(inv, $"server working set: before {wsBefore / 1048576.0:F1} MiB, after {wsAfter / 1048576.0:F1} MiB"));
    return 0;
}
finally
{
    // SIGTERM-like stop: Kill is abrupt, so ask the host to stop through its console lifetime first.
    if (!server.HasExited)
    {
        Posix.Interrupt(server.Id);
        if (!server.WaitForExit(10_000)) server.Kill(entireProcessTree: true);
        else Console.WriteLine($"server exited with code {server.ExitCode} after SIGINT");
    }
    Directory.Delete(dir, recursive: true);
}

internal sealed record Args(int Clients, int Requests, int Count, bool Png)
{
    public static Args Parse(string[] a)
    {
        int Get(string name, int fallback)
        {
            int i = Array.IndexOf(a, name);
            return i >= 0 && i + 1 < a.Length ? int.Parse(a[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        return new Args(Get("--clients", 8), Get("--requests", 50), Get("--count", 64), a.Contains("--png"));
    }
}

internal static class Models
{
    /// <summary>A Fashion-MNIST-sized MLP generator with seeded random weights: z → relu → tanh, samples 1×28×28.</summary>
    public static MlGan.Transforms.Onnx.Proto.ModelProto ImageMlp(int latent, int hidden)
    {
        var rng = new Random(1);
        float[] R(int n, double s) => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * s)).ToArray();
        var b = new OnnxGraphBuilder("load_generator");
        string h = b.Relu(b.Gemm(b.AddInput("z", -1, latent), b.AddInitializer("w1", R(hidden * latent, 1 / Math.Sqrt(latent)), hidden, latent),
            b.AddInitializer("b1", R(hidden, 0.1), hidden), transB: true));
        string x = b.Tanh(b.Gemm(h, b.AddInitializer("w2", R(784 * hidden, 1 / Math.Sqrt(hidden)), 784, hidden), b.AddInitializer("b2", R(784, 0.1), 784), transB: true), output: "x");
        b.AddOutput(x, -1, 784);
        b.SetMetadata("mlgan.output_shape", "1,28,28");
        b.SetMetadata("mlgan.value_range", "-1,1");
        return b.Build();
    }
}

internal static class Posix
{
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    public static void Interrupt(int pid) => kill(pid, 2);
}
