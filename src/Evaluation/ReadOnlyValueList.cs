using System.Collections;

namespace MlGan.Evaluation;

/// <summary>
/// An immutable list copy that compares by content, so records holding one (<see cref="MetricProvenance.Warnings"/>)
/// keep value equality.
/// </summary>
internal sealed class ReadOnlyValueList<T> : IReadOnlyList<T>, IEquatable<ReadOnlyValueList<T>>
{
    /// <summary>The empty list.</summary>
    public static readonly ReadOnlyValueList<T> Empty = new([]);

    private readonly T[] _items;

    private ReadOnlyValueList(T[] items) => _items = items;

    /// <summary>A copy of <paramref name="source"/> (itself when it already is one).</summary>
    public static ReadOnlyValueList<T> From(IEnumerable<T> source) => source as ReadOnlyValueList<T> ?? new([.. source]);

    public T this[int index] => _items[index];
    public int Count => _items.Length;
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal items in the same order.</summary>
    public bool Equals(ReadOnlyValueList<T>? other) => other is not null && _items.SequenceEqual(other._items);

    public override bool Equals(object? obj) => Equals(obj as ReadOnlyValueList<T>);

    public override int GetHashCode() => _items.Aggregate(Count, (h, item) => HashCode.Combine(h, item));
}
