using System.Collections;

namespace MlGan.Evaluation;

/// <summary>
/// An immutable dictionary copy that keeps insertion order and compares by content, so records holding one
/// (<see cref="GanMetrics.Values"/>, <see cref="GanMetrics.Provenance"/>, <see cref="MetricProvenance.Parameters"/>) keep value equality.
/// </summary>
internal sealed class ReadOnlyValueDictionary<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>, IEquatable<ReadOnlyValueDictionary<TKey, TValue>>
    where TKey : notnull
{
    /// <summary>The empty dictionary.</summary>
    public static readonly ReadOnlyValueDictionary<TKey, TValue> Empty = new([]);

    private readonly KeyValuePair<TKey, TValue>[] _entries;
    private readonly Dictionary<TKey, TValue> _lookup;

    private ReadOnlyValueDictionary(KeyValuePair<TKey, TValue>[] entries)
    {
        _entries = entries;
        _lookup = new Dictionary<TKey, TValue>(entries);
    }

    /// <summary>A copy of <paramref name="source"/> in its enumeration order (itself when it already is one).</summary>
    public static ReadOnlyValueDictionary<TKey, TValue> From(IReadOnlyDictionary<TKey, TValue> source) =>
        source as ReadOnlyValueDictionary<TKey, TValue> ?? new([.. source]);

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/> (in place when present, else last).</summary>
    public ReadOnlyValueDictionary<TKey, TValue> With(TKey key, TValue value) => _lookup.ContainsKey(key)
        ? new([.. _entries.Select(e => EqualityComparer<TKey>.Default.Equals(e.Key, key) ? new KeyValuePair<TKey, TValue>(key, value) : e)])
        : new([.. _entries, new KeyValuePair<TKey, TValue>(key, value)]);

    /// <summary>A copy without <paramref name="key"/> (itself when absent).</summary>
    public ReadOnlyValueDictionary<TKey, TValue> Without(TKey key) =>
        _lookup.ContainsKey(key) ? new([.. _entries.Where(e => !EqualityComparer<TKey>.Default.Equals(e.Key, key))]) : this;

    public TValue this[TKey key] => _lookup[key];
    public IEnumerable<TKey> Keys => _entries.Select(e => e.Key);
    public IEnumerable<TValue> Values => _entries.Select(e => e.Value);
    public int Count => _entries.Length;
    public bool ContainsKey(TKey key) => _lookup.ContainsKey(key);
    public bool TryGetValue(TKey key, out TValue value) => _lookup.TryGetValue(key, out value!);
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<TKey, TValue>>)_entries).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Same keys with equal values (order ignored).</summary>
    public bool Equals(ReadOnlyValueDictionary<TKey, TValue>? other) =>
        other is not null && (ReferenceEquals(this, other) || Count == other.Count && _entries.All(e =>
            other._lookup.TryGetValue(e.Key, out var value) && EqualityComparer<TValue>.Default.Equals(e.Value, value)));

    public override bool Equals(object? obj) => Equals(obj as ReadOnlyValueDictionary<TKey, TValue>);

    // Order-independent, like Equals.
    public override int GetHashCode() => _entries.Aggregate(Count, (h, e) => h ^ HashCode.Combine(e.Key, e.Value));
}
