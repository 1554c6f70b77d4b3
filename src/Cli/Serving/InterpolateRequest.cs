using System.Text.Json;

namespace MlGan.Cli.Serving;

/// <summary>
/// A parsed, validated <c>POST /interpolate</c> body: <c>{"from": seedA, "to": seedB, "steps": n, "label": c?}</c> —
/// n samples along the latent path from seed A's code to seed B's (each the code <c>{"count": 1, "seed": …}</c> uses),
/// all of class c for a conditional generator (default 0).
/// </summary>
/// <param name="From">Seed of the first code.</param>
/// <param name="To">Seed of the last code.</param>
/// <param name="Steps">Samples along the path, both ends included.</param>
/// <param name="Label">The class of every sample of a conditional generator; null when unconditional.</param>
public sealed record InterpolateRequest(int From, int To, int Steps, long? Label)
{
    /// <summary>Steps when the body gives none.</summary>
    public const int DefaultSteps = 8;

    private static readonly string[] Fields = ["from", "to", "steps", "label"];

    /// <summary>A request, or an error with the HTTP status to answer.</summary>
    public static (InterpolateRequest? Request, int Status, string? Error) Parse(JsonElement root, int maxCount, int classCount = 0)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return Fail(400, "The body must be a JSON object such as {\"from\": 1, \"to\": 2, \"steps\": 8}.");
        foreach (var p in root.EnumerateObject())
            if (!Fields.Any(p.NameEquals))
                return Fail(400, $"Unknown field '{InputExcerpt.NameOf(p)}'; allowed fields are from, to, steps, label.");
        if (Int(root, "from", out int from) is { } e1) return Fail(400, e1);
        if (Int(root, "to", out int to) is { } e2) return Fail(400, e2);
        int steps = DefaultSteps;
        if (root.TryGetProperty("steps", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out long n)) return Fail(400, $"steps must be an integer; got {InputExcerpt.Of(s)}.");
            if (n < 2) return Fail(400, $"steps must be ≥ 2 (both ends); got {n}.");
            if (n > maxCount) return Fail(413, $"steps {n} exceeds this server's limit of {maxCount} samples per request.");
            steps = (int)n;
        }
        long? label = classCount > 0 ? 0 : null;
        if (root.TryGetProperty("label", out var l) && l.ValueKind != JsonValueKind.Null)
        {
            if (classCount == 0) return Fail(400, "label: this generator is not class-conditional; omit label.");
            if (l.ValueKind != JsonValueKind.Number || !l.TryGetInt64(out long c)) return Fail(400, $"label must be an integer class index; got {InputExcerpt.Of(l)}.");
            if (c < 0 || c >= classCount) return Fail(400, $"label {c} is outside the generator's classes [0, {classCount}).");
            label = c;
        }
        return (new InterpolateRequest(from, to, steps, label), 200, null);
    }

    private static string? Int(JsonElement root, string name, out int value)
    {
        value = 0;
        if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return $"{name} (a seed) is required, e.g. {{\"from\": 1, \"to\": 2}}.";
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out value))
            return $"{name} must be an integer seed in [{int.MinValue}, {int.MaxValue}]; got {InputExcerpt.Of(e)}.";
        return null;
    }

    private static (InterpolateRequest?, int, string?) Fail(int status, string message) => (null, status, message);
}
