namespace MlGan.Transforms.Data.Images;

/// <summary>The image files under a directory, recursively, named by their path relative to it with '/' separators.</summary>
internal sealed class FolderImageSource : ImageSource
{
    private readonly string _root;
    private readonly string[] _names;

    public FolderImageSource(string directory)
    {
        _root = Path.GetFullPath(directory);
        // Hidden files and folders count as well: only the extension decides what an image is.
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false, MatchType = MatchType.Simple };
        _names = Directory.EnumerateFiles(_root, "*", options)
            .Where(IsImageName)
            .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public override IReadOnlyList<string> Names => _names;

    public override byte[] ReadBytes(int index) => File.ReadAllBytes(FullPath(index));

    public override Stream OpenRead(int index) =>
        new FileStream(FullPath(index), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 16 * 1024);

    private string FullPath(int index) => Path.Combine(_root, _names[index]);

    protected override void Close() { }
}
