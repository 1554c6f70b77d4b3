using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlGan.Trainers;

/// <summary>
/// Writes a plug-in component (loss, network, regulariser) as its one-line description (<c>ToString()</c>) in the
/// options a checkpoint records for information; components are code, so they are never read back from JSON.
/// </summary>
internal sealed class NamedComponentJsonConverter<T> : JsonConverter<T> where T : class
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException($"A {typeof(T).Name} is code, not data: it is recorded by name and cannot be read back from JSON.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
