using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace MlGan.Cli;

/// <summary>
/// Range checks on options and arguments, run by the parser: a value out of range is a parse error like a mistyped
/// one, so <see cref="CliErrors.Invoke"/> reports it on one line (exit 2) before any work starts. Each returns its
/// symbol, so a check reads as part of the declaration: <c>new Option&lt;int&gt;("--steps") { … }.AtLeast(1)</c>.
/// </summary>
public static class CommandLineValidation
{
    /// <summary>Rejects values below <paramref name="minimum"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T minimum) where T : struct, INumber<T> =>
        option.Must(v => v >= minimum, Invariant($"≥ {minimum}"));

    /// <summary>Rejects given values below <paramref name="minimum"/>; leaving the option out (null) is allowed.</summary>
    public static Option<T?> AtLeast<T>(this Option<T?> option, T minimum) where T : struct, INumber<T> =>
        option.Must(v => v is not { } x || x >= minimum, Invariant($"≥ {minimum}"));

    /// <summary>Rejects values below <paramref name="minimum"/>.</summary>
    public static Argument<T> AtLeast<T>(this Argument<T> argument, T minimum) where T : struct, INumber<T> =>
        argument.Must(v => v >= minimum, Invariant($"≥ {minimum}"));

    /// <summary>Rejects values that are not finite numbers &gt; 0 (NaN, ±∞, 0, negatives).</summary>
    public static Option<double> Positive(this Option<double> option) =>
        option.Must(v => v > 0 && double.IsFinite(v), "a finite number > 0");

    /// <summary>
    /// Rejects values <paramref name="accept"/> refuses, with the message <c>--NAME must be EXPECTED; got VALUE.</c>
    /// A value that did not even convert is left to the parser's own message.
    /// </summary>
    /// <param name="option">The option to check.</param>
    /// <param name="accept">True for an allowed value.</param>
    /// <param name="expected">What an allowed value is, completing "must be …" (e.g. "in [0, 1)").</param>
    public static Option<T> Must<T>(this Option<T> option, Func<T, bool> accept, string expected)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result => Check(result, result.GetValueOrDefault<T>, option.Name, accept, expected));
        return option;
    }

    /// <summary>As <see cref="Must{T}(Option{T}, Func{T, bool}, string)"/>, for a positional argument (named &lt;NAME&gt; in the message).</summary>
    /// <param name="argument">The argument to check.</param>
    /// <param name="accept">True for an allowed value.</param>
    /// <param name="expected">What an allowed value is, completing "must be …".</param>
    public static Argument<T> Must<T>(this Argument<T> argument, Func<T, bool> accept, string expected)
    {
        ArgumentNullException.ThrowIfNull(argument);
        argument.Validators.Add(result => Check(result, result.GetValueOrDefault<T>, $"<{argument.Name}>", accept, expected));
        return argument;
    }

    private static void Check<T>(SymbolResult result, Func<T> value, string name, Func<T, bool> accept, string expected)
    {
        ArgumentNullException.ThrowIfNull(accept);
        T v;
        try
        {
            v = value();
        }
        catch (InvalidOperationException)
        {
            return; // the token did not convert to T: the parser has already recorded that error
        }
        if (!accept(v)) result.AddError(Invariant($"{name} must be {expected}; got {v}."));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
