using System.Globalization;
using System.Text;
using MlGan.Transforms.Onnx;

namespace MlGan.Cli.Tests.Deploy;

/// <summary>Small inputs for the sharded-statistics tests: a CSV of feature rows, a folder of PNGs, a tiny feature net.</summary>
internal static class DeployTestData
{
    /// <summary>Debian's Python, which writes the PNGs with PIL.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// <paramref name="rows"/> × <paramref name="columns"/> correlated Gaussian features with a large mean offset (so a
    /// merge that got the cross terms wrong would show), written as a header plus comma-separated rows.
    /// </summary>
    public static void WriteCsv(string path, int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', Enumerable.Range(0, columns).Select(j => $"f{j}")));
        for (int i = 0; i < rows; i++)
        {
            double shared = Gaussian(random);
            text.AppendLine(string.Join(',', Enumerable.Range(0, columns).Select(j =>
                (100 + 10 * j + 0.5 * (j + 1) * shared + Gaussian(random)).ToString("R", CultureInfo.InvariantCulture))));
        }
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// <paramref name="count"/> seeded-noise RGB PNGs of <paramref name="size"/>² pixels, each with its own brightness,
    /// named img-000.png … in <paramref name="directory"/> (written by PIL).
    /// </summary>
    public static void WritePngFolder(string directory, int count, int size, int seed)
    {
        Directory.CreateDirectory(directory);
        const string script = """
            import sys, numpy as np
            from PIL import Image
            out, count, size, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
            rng = np.random.RandomState(seed)
            for i in range(count):
                base = rng.randint(40, 200, size=3)
                pixels = np.clip(base + rng.randint(-40, 41, size=(size, size, 3)), 0, 255).astype(np.uint8)
                Image.fromarray(pixels, "RGB").save(f"{out}/img-{i:03d}.png")
            """;
        var result = ProcessRunner.Run(Python, ["-c", script, directory, $"{count}", $"{size}", $"{seed}"], TimeSpan.FromSeconds(60));
        Assert.AreEqual(0, result.ExitCode, $"writing PNGs needs Debian's python3-pil and python3-numpy.\n{result.Describe()}");
    }

    /// <summary>
    /// A feature net shaped like pytorch-fid's export (input "image" [N, 3, 299, 299], output "features"): 100×100
    /// average pools (stride 100, so 2×2 per channel) flattened to 12 features. Cheap, deterministic, full rank on noise.
    /// </summary>
    public static void WriteFeatureNet(string path)
    {
        var b = new OnnxGraphBuilder("pooled_features");
        string image = b.AddInput("image", -1, 3, 299, 299);
        string pooled = b.Node("AveragePool", [image], ["pooled"],
            OnnxAttribute.Ints("kernel_shape", [100, 100]), OnnxAttribute.Ints("strides", [100, 100]))[0];
        b.AddOutput(b.Reshape(pooled, [-1, 12], "features"), -1, 12);
        File.WriteAllBytes(path, b.ToBytes());
    }

    // Box–Muller: a standard normal draw.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
