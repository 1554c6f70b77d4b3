namespace MlGan.Trainers;

/// <summary>
/// One concrete way of updating a GAN (networks × loss × dynamics): the training loop calls
/// <see cref="Step"/> once per step and logs what it returns.
/// </summary>
public interface IGanStepper
{
    /// <summary>Names of the values <see cref="Step"/> returns, in order (the log's columns).</summary>
    IReadOnlyList<string> Quantities { get; }

    /// <summary>
    /// Performs step number <paramref name="step"/> (0-based). <paramref name="log"/> says whether this step's
    /// values will be logged, so expensive ones (exact J on a large sample) can be skipped otherwise;
    /// a null value means "not computed at this step".
    /// </summary>
    double?[] Step(int step, bool log);

    /// <summary>True when step <paramref name="step"/> must be logged whatever LogEvery says (e.g. an evaluation step). Default false.</summary>
    bool MustLog(int step) => false;

    /// <summary>True once the stepper asks the loop to stop after the current step (e.g. early stopping). Default false.</summary>
    bool StopRequested => false;
}
