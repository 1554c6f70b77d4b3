using System.Text.Json;

namespace MlGan.Cli.Serving;

/// <summary>
/// A parsed, validated <c>POST /generate</c> body: <c>{"count": n, "seed": s?, "labels": [c, …]?}</c> or
/// <c>{"latent": [[…], …], "labels": [c, …]?}</c>. Parsing is by hand so each mistake gets its own message and status
/// (400 malformed, 413 too many samples); messages quote at most <see cref="InputExcerpt.MaxLength"/> characters of input.
/// </summary>
/// <param name="Count">Samples to generate.</param>
/// <param name="Seed">Seed for sampled latents; null with explicit latents, or when the server should pick one.</param>
/// <param name="Latent">Explicit latent rows, or null to sample them.</param>
/// <param name="Labels">One class per sample for a conditional generator (given, or balanced i mod C); null when unconditional.</param>
public sealed record GenerateRequest(int Count, int? Seed, float[][]? Latent, long[]? Labels)
{
    private static readonly string[] Fields = ["count", "seed", "latent", "labels"];

    /// <summary>A request, or an error with the HTTP status to answer.</summary>
    /// <param name="root">The body's JSON.</param>
    /// <param name="latentDimension">k, the length every latent row must have.</param>
    /// <param name="maxCount">Most samples per request.</param>
    /// <param name="classCount">C of a conditional generator (labels in [0, C)); 0 when it takes no labels.</param>
    public static (GenerateRequest? Request, int Status, string? Error) Parse(JsonElement root, int latentDimension, int maxCount, int classCount = 0)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return Fail(400, "The body must be a JSON object such as {\"count\": 16, \"seed\": 1} or {\"latent\": [[0.1, -0.3]]}.");
        foreach (var p in root.EnumerateObject())
            if (!Fields.Any(p.NameEquals))
                return Fail(400, $"Unknown field '{InputExcerpt.NameOf(p)}'; allowed fields are count, seed, latent, labels.");

        long? count = null;
        if (root.TryGetProperty("count", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt64(out long n))
                return Fail(400, $"count must be an integer; got {Quote(c)}.");
            if (n < 1) return Fail(400, $"count must be ≥ 1; got {n}.");
            if (n > maxCount) return Fail(413, $"count {n} exceeds this server's limit of {maxCount} samples per request.");
            count = n;
        }

        int? seed = null;
        if (root.TryGetProperty("seed", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out int v))
                return Fail(400, $"seed must be an integer in [{int.MinValue}, {int.MaxValue}]; got {Quote(s)}.");
            seed = v;
        }

        float[][]? latent = null;
        if (root.TryGetProperty("latent", out var l) && l.ValueKind != JsonValueKind.Null)
        {
            if (seed is not null) return Fail(400, "Give either latent (explicit codes) or seed (sampled codes), not both.");
            if (l.ValueKind != JsonValueKind.Array) return Fail(400, "latent must be an array of rows, each an array of numbers.");
            int rows = l.GetArrayLength();
            if (rows == 0) return Fail(400, "latent must contain at least one row.");
            if (rows > maxCount) return Fail(413, $"latent has {rows} rows, over this server's limit of {maxCount} samples per request.");
            if (count is not null && count != rows) return Fail(400, $"count ({count}) disagrees with the number of latent rows ({rows}); omit count or make them equal.");
            latent = new float[rows][];
            int i = 0;
            foreach (var row in l.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Array) return Fail(400, $"latent row {i} is not an array of numbers.");
                if (row.GetArrayLength() != latentDimension)
                    return Fail(400, $"latent row {i} has length {row.GetArrayLength()}; the model expects rows of length {latentDimension}.");
                var values = new float[latentDimension];
                int j = 0;
                foreach (var e in row.EnumerateArray())
                {
                    if (e.ValueKind != JsonValueKind.Number || !e.TryGetSingle(out float f) || !float.IsFinite(f))
                        return Fail(400, $"latent[{i}][{j}] must be a finite number; got {Quote(e)}.");
                    values[j++] = f;
                }
                latent[i++] = values;
            }
            count = rows;
        }

        long[]? labels = null;
        if (root.TryGetProperty("labels", out var lb) && lb.ValueKind != JsonValueKind.Null)
        {
            if (classCount == 0) return Fail(400, "labels: this generator is not class-conditional; omit labels.");
            if (lb.ValueKind != JsonValueKind.Array) return Fail(400, $"labels must be an array of class indices in [0, {classCount}), one per sample.");
            int n = lb.GetArrayLength();
            if (n == 0) return Fail(400, "labels must contain at least one class index.");
            if (n > maxCount) return Fail(413, $"labels has {n} entries, over this server's limit of {maxCount} samples per request.");
            if (count is not null && count != n) return Fail(400, $"labels has {n} entries but {count} samples are asked for; give one label per sample or omit labels.");
            labels = new long[n];
            int i = 0;
            foreach (var e in lb.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out long label))
                    return Fail(400, $"labels[{i}] must be an integer class index; got {Quote(e)}.");
                if (label < 0 || label >= classCount)
                    return Fail(400, $"labels[{i}] = {label} is outside the generator's classes [0, {classCount}).");
                labels[i++] = label;
            }
            count = n;
        }

        if (count is null) return Fail(400, "count is required (or give latent rows), e.g. {\"count\": 16}.");
        if (labels is null && classCount > 0)
            labels = Enumerable.Range(0, (int)count).Select(i => (long)(i % classCount)).ToArray(); // balanced, as OnnxGeneratorRunner.BalancedLabels
        return (new GenerateRequest((int)count, seed, latent, labels), 200, null);
    }

    private static string Quote(JsonElement e) => InputExcerpt.Of(e);

    private static (GenerateRequest?, int, string?) Fail(int status, string message) => (null, status, message);
}
