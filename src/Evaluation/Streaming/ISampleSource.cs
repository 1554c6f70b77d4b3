namespace MlGan.Evaluation.Streaming;

/// <summary>
/// A sequence of samples (flat float vectors) that can be loaded one at a time, in any order and from several
/// threads at once, so feature extraction can stream over data that does not fit in memory.
/// </summary>
public interface ISampleSource
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>What the samples are, for logs and provenance (e.g. the folder).</summary>
    string Description { get; }

    /// <summary>Name of one sample for error messages (a file name, a row number).</summary>
    string NameOf(int index);

    /// <summary>Loads sample <paramref name="index"/>; thread-safe. Unreadable data throws <see cref="InvalidDataException"/> naming it.</summary>
    float[] Load(int index);
}
