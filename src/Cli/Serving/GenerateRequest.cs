using System.Text.Json;

namespace MlGan.Cli.Serving;

/// <summary>
/// A parsed, validated <c>POST /generate</c> body: <c>{"count": n, "seed": s?}</c> or <c>{"latent": [[…], …]}</c>.
/// Parsing is by hand so each mistake gets its own message and status (400 malformed, 413 too many samples).
/// </summary>
public sealed record GenerateRequest(int Count, int? Seed, float[][]? Latent)
{
    private static readonly string[] Fields = ["count", "seed", "latent"];

    /// <summary>A request, or an error with the HTTP status to answer.</summary>
    public static (GenerateRequest? Request, int Status, string? Error) Parse(JsonElement root, int latentDimension, int maxCount)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return Fail(400, "The body must be a JSON object such as {\"count\": 16, \"seed\": 1} or {\"latent\": [[0.1, -0.3]]}.");
        foreach (var p in root.EnumerateObject())
            if (!Fields.Contains(p.Name, StringComparer.Ordinal))
                return Fail(400, $"Unknown field '{p.Name}'; allowed fields are count, seed, latent.");

        long? count = null;
        if (root.TryGetProperty("count", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt64(out long n))
                return Fail(400, $"count must be an integer; got {c.GetRawText()}.");
            if (n < 1) return Fail(400, $"count must be ≥ 1; got {n}.");
            if (n > maxCount) return Fail(413, $"count {n} exceeds this server's limit of {maxCount} samples per request.");
            count = n;
        }

        int? seed = null;
        if (root.TryGetProperty("seed", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out int v))
                return Fail(400, $"seed must be an integer in [{int.MinValue}, {int.MaxValue}]; got {s.GetRawText()}.");
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
                        return Fail(400, $"latent[{i}][{j}] must be a finite number; got {e.GetRawText()}.");
                    values[j++] = f;
                }
                latent[i++] = values;
            }
            count = rows;
        }

        if (count is null) return Fail(400, "count is required (or give latent rows), e.g. {\"count\": 16}.");
        return (new GenerateRequest((int)count, seed, latent), 200, null);
    }

    private static (GenerateRequest?, int, string?) Fail(int status, string message) => (null, status, message);
}
