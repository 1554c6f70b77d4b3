using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlGan.Transforms.Data.Images;

/// <summary>
/// Walks an <see cref="ImageFolderDataView"/> in order. <see cref="MoveNext"/> decodes the row's image when the
/// features column is active (or when SkipBad must decide whether the row exists at all, so that every cursor
/// sees the same rows whatever its active columns); a path-only cursor never decodes.
/// </summary>
internal sealed class ImageFolderCursor : DataViewRowCursor
{
    private const int FeaturesIndex = 0, PathIndex = 1;

    private readonly ImageFolderDataView _view;
    private readonly bool[] _active;
    private readonly bool _decodes;
    private readonly float[] _values;
    private int _row = -1;
    private long _position = -1;
    private bool _done;

    public ImageFolderCursor(ImageFolderDataView view, bool[] active)
    {
        (_view, _active) = (view, active);
        _decodes = active[FeaturesIndex] || view.SkipsBad;
        _values = _decodes ? new float[view.Channels * view.Height * view.Width] : [];
    }

    public override DataViewSchema Schema => _view.Schema;

    public override long Position => _position;

    public override long Batch => 0;

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index >= 0 && column.Index < _active.Length && _active[column.Index];

    public override bool MoveNext()
    {
        if (_done) return false;
        var rows = _view.Rows;
        while (++_row < rows.Count)
        {
            if (!_decodes || _view.TryWrite(rows[_row], _values))
            {
                _position++;
                return true;
            }
        }
        _done = true;
        return false;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) =>
    {
        EnsureOnRow();
        id = new DataViewRowId((ulong)(_view.Images.Offset + _view.Rows[_row]), 0);
    };

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column))
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' is not active in this cursor: request it in GetRowCursor's columnsNeeded.");
        Delegate getter = column.Index == FeaturesIndex ? (ValueGetter<VBuffer<float>>)GetFeatures : (ValueGetter<ReadOnlyMemory<char>>)GetPath;
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}; GetGetter<{typeof(TValue).Name}> does not match it.");
    }

    private void GetFeatures(ref VBuffer<float> value)
    {
        EnsureOnRow();
        var editor = VBufferEditor.Create(ref value, _values.Length);
        _values.CopyTo(editor.Values);
        value = editor.Commit();
    }

    private void GetPath(ref ReadOnlyMemory<char> value)
    {
        EnsureOnRow();
        value = _view.Images.NameOf(_view.Rows[_row]).AsMemory();
    }

    private void EnsureOnRow()
    {
        if (_position < 0 || _done) throw new InvalidOperationException("The cursor is not on a row: call MoveNext first (and only while it returns true).");
    }
}
