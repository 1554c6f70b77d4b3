using System.Diagnostics;

namespace MlGan.Cli.Tests.Fuzz;

/// <summary>
/// Runs a reader on mutants of a valid input, bounded in count and time, and holds each run to the contract: it
/// returns, or throws one of the expected exception types (a clear error); it does not throw anything else, take
/// longer than <see cref="PerCase"/>, or allocate more than <see cref="AllocationBound"/> for the input.
/// </summary>
internal static class FuzzRun
{
    /// <summary>Longest one input may take (a hang shows up as this).</summary>
    public static readonly TimeSpan PerCase = TimeSpan.FromSeconds(5);

    /// <summary>Allocation allowed for an input of <paramref name="length"/> bytes: a generous multiple plus a fixed 64 MiB.</summary>
    public static long AllocationBound(int length) => (64L << 20) + 256L * length;

    /// <summary>
    /// <paramref name="cases"/> mutants of <paramref name="valid"/> (seed <paramref name="seed"/>) through <paramref name="read"/>,
    /// stopping early after <paramref name="budget"/>; returns how many were accepted and how many rejected.
    /// </summary>
    public static (int Accepted, int Rejected) Mutants(byte[] valid, int seed, int cases, TimeSpan budget, Action<byte[]> read, params Type[] expected)
    {
        var mutator = new ByteMutator(valid, seed);
        var clock = Stopwatch.StartNew();
        int accepted = 0, rejected = 0;
        for (int i = 0; i < cases && clock.Elapsed < budget; i++)
        {
            byte[] input = mutator.Next();
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var one = Stopwatch.StartNew();
            try
            {
                read(input);
                accepted++;
            }
            catch (Exception ex) when (expected.Any(t => t.IsInstanceOfType(ex)))
            {
                Assert.IsFalse(string.IsNullOrWhiteSpace(ex.Message), $"case {i}: an error without a message");
                rejected++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"case {i} (seed {seed}, {input.Length} bytes, starting {Convert.ToHexString(input.AsSpan(0, Math.Min(32, input.Length)))}): {ex.GetType().Name} is not a clear error: {ex}");
            }
            Assert.IsLessThan(PerCase, one.Elapsed, $"case {i} (seed {seed}) took {one.Elapsed}");
            long allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
            Assert.IsLessThan(AllocationBound(input.Length), allocated, $"case {i} (seed {seed}): {allocated:N0} bytes allocated for a {input.Length}-byte input");
        }
        return (accepted, rejected);
    }
}
