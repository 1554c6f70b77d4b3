using System.CommandLine;
using System.Globalization;
using MlGan.Benchmarks.Serving;
using MlGan.Transforms.Onnx;

// Load and soak benchmark of `mlgan serve` on loopback; see README.md.
var concurrency = new Option<string>("--concurrency") { Description = "Comma-separated client counts.", DefaultValueFactory = _ => "1,8,64,256" };
var counts = new Option<string>("--counts") { Description = "Comma-separated samples per request.", DefaultValueFactory = _ => "1,4096" };
var seconds = new Option<double>("--seconds") { Description = "Seconds of load per table cell.", DefaultValueFactory = _ => 10 };
var soakSeconds = new Option<double>("--soak-seconds") { Description = "Seconds of the soak at --soak-concurrency × --soak-count (0: no soak).", DefaultValueFactory = _ => 0 };
var soakConcurrency = new Option<int>("--soak-concurrency") { Description = "Clients during the soak.", DefaultValueFactory = _ => 64 };
var soakCount = new Option<int>("--soak-count") { Description = "Samples per request during the soak.", DefaultValueFactory = _ => 64 };
var model = new Option<string>("--model") { Description = $"Generator served: {string.Join(" | ", LoadModels.Names)}.", DefaultValueFactory = _ => "mlp784" };
var root = new RootCommand("Load and soak benchmark of mlgan serve on loopback.") { concurrency, counts, seconds, soakSeconds, soakConcurrency, soakCount, model };
root.SetAction(async (parse, cancel) =>
{
    static int[] Ints(string text, string option) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : throw new ArgumentException($"{option} takes positive integers; got '{t}'.")).ToArray();
    var clients = Ints(parse.GetValue(concurrency)!, "--concurrency");
    var sizes = Ints(parse.GetValue(counts)!, "--counts");
    var cell = TimeSpan.FromSeconds(parse.GetValue(seconds));
    string name = parse.GetValue(model)!;

    string dir = Directory.CreateTempSubdirectory("mlgan-serving-load-").FullName;
    try
    {
        string path = Path.Combine(dir, name + ".onnx");
        OnnxModelFile.Save(LoadModels.Create(name), path);
        int maxCount = Math.Max(sizes.Max(), parse.GetValue(soakCount));
        // A queue that holds every client: the table measures queueing, not 503s (those are counted if they happen).
        using var server = await ServerProcess.StartAsync(path, ["--max-count", $"{maxCount}", "--max-queue", $"{Math.Max(clients.Max(), parse.GetValue(soakConcurrency)) * 2}"]);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(5) };
        await LoadCell.RunAsync(client, server, 1, 1, TimeSpan.FromSeconds(2)); // warm-up: JIT, ORT arena
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"model {name}, {Environment.ProcessorCount} cores, {cell.TotalSeconds:F0} s per cell, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start, RSS idle {server.ResidentBytes() / 1048576.0:F0} MiB"));
        Console.WriteLine("| clients | samples/request | requests | req/s | samples/s | p50 ms | p99 ms | errors | 503 | RSS after MiB |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (int n in sizes)
            foreach (int c in clients)
            {
                var r = await LoadCell.RunAsync(client, server, c, n, cell);
                Console.WriteLine(string.Create(inv, $"| {c} | {n} | {r.Requests} | {r.RequestsPerSecond:F1} | {r.SamplesPerSecond:F0} | {r.P50Ms:F1} | {r.P99Ms:F1} | {r.Errors} | {r.Busy} | {r.ResidentBytesAfter / 1048576.0:F0} |"));
            }

        double soak = parse.GetValue(soakSeconds);
        if (soak > 0)
        {
            int sc = parse.GetValue(soakConcurrency), sn = parse.GetValue(soakCount);
            var rss = new List<double>();
            int slices = Math.Max(1, (int)Math.Round(soak / 10));
            Console.WriteLine(string.Create(inv, $"soak: {sc} clients × {sn} samples for {soak:F0} s, RSS every {soak / slices:F0} s"));
            int requests = 0, errors = 0, busy = 0;
            for (int s = 0; s < slices; s++)
            {
                var r = await LoadCell.RunAsync(client, server, sc, sn, TimeSpan.FromSeconds(soak / slices));
                requests += r.Requests;
                errors += r.Errors;
                busy += r.Busy;
                rss.Add(r.ResidentBytesAfter / 1048576.0);
            }
            // Flat: every slice from the second on stays within 10 % of the second's RSS (the first slice grows the arenas).
            double reference = rss[Math.Min(1, rss.Count - 1)], worst = rss.Skip(1).DefaultIfEmpty(rss[0]).Max(v => Math.Abs(v - reference) / reference);
            Console.WriteLine(string.Create(inv, $"soak: {requests} requests, {errors} errors, {busy} × 503; RSS MiB {string.Join(" ", rss.Select(v => v.ToString("F0", inv)))}; largest drift from slice 2: {worst * 100:F1} % ({(worst <= 0.10 ? "flat within 10 %" : "NOT flat")})"));
        }
        int exit = server.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server exited with code {exit}, {server.StopSeconds:F2} s after SIGTERM"));
        return exit == 0 ? 0 : 1;
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
});
return await root.Parse(args).InvokeAsync();
