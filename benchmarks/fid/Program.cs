using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MlGan.Benchmarks.Fid;
using MlGan.Evaluation;
using TorchSharp;

// FidBench DATA_DIR [SCIPY_RESULT_FILE] [REPEATS]
// Times MlGan's FID (both covariances + trace term) on DATA_DIR/features{1,2}.npy and, given the line
// fid_scipy.py printed, shows both sides, the time ratio and the relative difference of the values.
string dataDir = args.Length > 0 ? args[0] : "data";
string? scipyFile = args.Length > 1 ? args[1] : null;
int repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;

var (f1, n1, d1) = NpyReader.ReadFloat32Matrix(Path.Combine(dataDir, "features1.npy"));
var (f2, n2, d2) = NpyReader.ReadFloat32Matrix(Path.Combine(dataDir, "features2.npy"));
using var x1 = torch.tensor(f1, new long[] { n1, d1 });
using var x2 = torch.tensor(f2, new long[] { n2, d2 });
Console.WriteLine($"data: {n1} x {d1} and {n2} x {d2} float32; torch threads: {torch.get_num_threads()}; cores: {Environment.ProcessorCount}");

// Warm-up: loads libtorch and its BLAS/LAPACK kernels outside the timed region.
using (var w1 = x1.narrow(0, 0, 300).narrow(1, 0, 256))
using (var w2 = x2.narrow(0, 0, 300).narrow(1, 0, 256))
    FrechetDistance.Compute(w1, w2);

var totals = new List<double>();
double fid = double.NaN;
for (int r = 0; r < repeats; r++)
{
    var clock = Stopwatch.StartNew();
    var s1 = FeatureStatistics.FromFeatures(x1);
    var s2 = FeatureStatistics.FromFeatures(x2);
    double covSeconds = clock.Elapsed.TotalSeconds;
    fid = FrechetDistance.Compute(s1, s2);
    double total = clock.Elapsed.TotalSeconds;
    totals.Add(total);
    Console.WriteLine($"MlGan run {r + 1}: {total:F3} s (statistics {covSeconds:F3} s, trace term {total - covSeconds:F3} s), FID {fid:R}");
}
double median = totals.Order().ElementAt(totals.Count / 2);

Console.WriteLine();
Console.WriteLine($"{"side",-28} {"seconds",10} {"FID",22}");
Console.WriteLine($"{"MlGan (TorchSharp)",-28} {median,10:F3} {fid,22:R}   (median of {repeats})");
if (scipyFile is not null && File.Exists(scipyFile))
{
    string line = File.ReadAllLines(scipyFile).Last(l => l.StartsWith("SCIPY", StringComparison.Ordinal));
    double Field(string name) => double.Parse(Regex.Match(line, $@"\b{name}=([^ ]+)").Groups[1].Value, CultureInfo.InvariantCulture);
    double scipySeconds = Field("seconds"), scipyFid = Field("fid");
    Console.WriteLine($"{"scipy sqrtm (pytorch-fid)",-28} {scipySeconds,10:F3} {scipyFid,22:R}   (covariances {Field("cov_seconds"):F3} s)");
    Console.WriteLine($"time ratio MlGan/scipy: {median / scipySeconds:F4}   relative FID difference: {Math.Abs(fid - scipyFid) / Math.Abs(scipyFid):E2}");
}
