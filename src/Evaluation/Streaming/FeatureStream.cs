using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using MlGan.Evaluation.FeatureExtractors;

namespace MlGan.Evaluation.Streaming;

/// <summary>
/// Streams samples through a feature extractor batch by batch and folds the features into float64 running
/// moments (Chan et al.'s parallel update), so memory is O(d²) plus a few batches whatever the number of samples.
/// Loading (decoding, resizing) of the next batches runs on <see cref="FeatureStreamOptions.LoadThreads"/> threads
/// while the extractor (ONNX Runtime, itself multi-threaded) runs the current one. Results are in input order.
/// </summary>
public static class FeatureStream
{
    private const int FoldValues = 1 << 22;

    /// <summary>Extracts the features of every sample of <paramref name="source"/>; <paramref name="progress"/> receives the samples done.</summary>
    public static FeatureStreamResult Run(ISampleSource source, IFeatureExtractor extractor, FeatureStreamOptions? options = null,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        MlGan.Transforms.Guard.NotNull(source, nameof(source));
        MlGan.Transforms.Guard.NotNull(extractor, nameof(extractor));
        options ??= new FeatureStreamOptions();
        Validate(options);
        if (source.Count == 0) throw new ArgumentException($"'{source.Description}' holds no samples.", nameof(source));

        var batches = Channel.CreateBounded<float[]?[]>(new BoundedChannelOptions(options.Prefetch) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => Produce(source, options, batches.Writer, stop.Token), stop.Token);

        RunningMoments? moments = null;
        // Features fold into the moments in blocks of ~4M values, not per extractor batch: each fold costs a d×d
        // update (Chan's merge), so folding 64-row batches of 2048-d features would cost 5× the whole covariance.
        var pending = new List<float[]>();
        int foldRows = 0;
        var features = options.KeepFeatures ? new List<float[]>(source.Count) : null;
        var scores = options.KeepClassScores && extractor.ClassScores != ClassScoreKind.None ? new List<float[]>(source.Count) : null;
        var skipped = new List<string>();
        long done = 0;
        int start = 0;
        try
        {
            foreach (var batch in batches.Reader.ReadAllAsync(stop.Token).ToBlockingEnumerable(stop.Token))
            {
                var rows = new List<float[]>(batch.Length);
                for (int i = 0; i < batch.Length; i++)
                    if (batch[i] is { } row) rows.Add(row);
                    else skipped.Add(source.NameOf(start + i));
                start += batch.Length;
                if (rows.Count > 0)
                {
                    var extraction = extractor.Extract(rows);
                    if (moments is null)
                    {
                        int d = extraction.Features[0].Length;
                        moments = new RunningMoments(d);
                        foldRows = Math.Max(1, FoldValues / d);
                    }
                    pending.AddRange(extraction.Features);
                    if (pending.Count >= foldRows)
                    {
                        moments.Add(pending);
                        pending.Clear();
                    }
                    features?.AddRange(extraction.Features);
                    if (scores is not null && extraction.ClassScores is { } s) scores.AddRange(s);
                }
                done += batch.Length;
                progress?.Report(done);
            }
            producer.GetAwaiter().GetResult(); // rethrows a load error with its own message
            if (pending.Count > 0) moments!.Add(pending);
        }
        catch
        {
            stop.Cancel();
            // The producer's own failure explains a closed channel better than the consumer's.
            if (producer.IsFaulted) producer.GetAwaiter().GetResult();
            throw;
        }
        if (moments is null || moments.Count < 1)
            throw new InvalidDataException($"No sample of '{source.Description}' could be read ({skipped.Count} skipped as unreadable).");
        return new FeatureStreamResult(moments, features?.ToArray(), scores?.ToArray(),
            scores is null ? ClassScoreKind.None : extractor.ClassScores, skipped);
    }

    private static async Task Produce(ISampleSource source, FeatureStreamOptions options, ChannelWriter<float[]?[]> writer, CancellationToken token)
    {
        Exception? failure = null;
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.LoadThreads, CancellationToken = token };
            for (int start = 0; start < source.Count; start += options.BatchSize)
            {
                int n = Math.Min(options.BatchSize, source.Count - start);
                var batch = new float[]?[n];
                int first = start;
                Parallel.For(0, n, parallel, i =>
                {
                    try
                    {
                        batch[i] = source.Load(first + i);
                    }
                    catch (InvalidDataException) when (options.SkipBad)
                    {
                        batch[i] = null;
                    }
                });
                await writer.WriteAsync(batch, token).ConfigureAwait(false);
            }
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
        {
            // Parallel.For wraps the loader's exception; surface the first one as it was thrown.
            failure = ex.InnerExceptions[0];
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            writer.TryComplete(failure);
        }
    }

    private static void Validate(FeatureStreamOptions o)
    {
        if (o.BatchSize < 1) throw new ArgumentOutOfRangeException("options", o.BatchSize, $"options.BatchSize must be ≥ 1; got {o.BatchSize}.");
        if (o.LoadThreads < 1) throw new ArgumentOutOfRangeException("options", o.LoadThreads, $"options.LoadThreads must be ≥ 1; got {o.LoadThreads}.");
        if (o.Prefetch < 1) throw new ArgumentOutOfRangeException("options", o.Prefetch, $"options.Prefetch must be ≥ 1; got {o.Prefetch}.");
    }
}
