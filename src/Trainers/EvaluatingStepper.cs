namespace MlGan.Trainers;

/// <summary>
/// Adds a <see cref="TrainingEvaluation"/> to a stepper: one more log column, filled after every
/// <see cref="TrainingEvaluation.Every"/> completed steps and after the last one (those steps are always logged),
/// the best value so far, and the early-stop request once <see cref="TrainingEvaluation.Patience"/> evaluations in a
/// row did not improve on it.
/// </summary>
internal sealed class EvaluatingStepper : IGanStepper
{
    private readonly IGanStepper _inner;
    private readonly TrainingEvaluation _evaluation;
    private readonly Func<int, double> _evaluate;
    private readonly int _steps;
    private int _stale;

    /// <param name="inner">The stepper that trains.</param>
    /// <param name="evaluation">What to compute, how often.</param>
    /// <param name="evaluate">Runs the evaluation after a number of completed steps, on the generator as Fit would return it.</param>
    /// <param name="steps">The run's total steps (the last one is always evaluated).</param>
    /// <param name="best">The best (step, value) of an earlier part of a resumed run; null: none yet.</param>
    public EvaluatingStepper(IGanStepper inner, TrainingEvaluation evaluation, Func<int, double> evaluate, int steps, (int Step, double Value)? best = null)
    {
        _inner = inner;
        _evaluation = evaluation;
        _evaluate = evaluate;
        _steps = steps;
        Quantities = [.. inner.Quantities, evaluation.Name];
        Best = best;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Quantities { get; }

    /// <summary>The best evaluation so far: completed steps and value; null before the first one.</summary>
    public (int Step, double Value)? Best { get; private set; }

    /// <summary>Every evaluation of this run: completed steps and value, in order.</summary>
    public List<(int Step, double Value)> History { get; } = [];

    /// <summary>True when the last evaluation set a new best (the trainer checkpoints it).</summary>
    public bool ImprovedAtLastStep { get; private set; }

    /// <inheritdoc />
    public bool StopRequested { get; private set; }

    /// <inheritdoc />
    public bool MustLog(int step) => Evaluates(step);

    private bool Evaluates(int step) => (step + 1) % _evaluation.Every == 0 || step == _steps - 1;

    /// <inheritdoc />
    public double?[] Step(int step, bool log)
    {
        var values = _inner.Step(step, log);
        ImprovedAtLastStep = false;
        double? score = null;
        if (Evaluates(step))
        {
            double value = _evaluate(step + 1);
            score = value;
            History.Add((step + 1, value));
            if (_evaluation.Improves(value, Best?.Value))
            {
                Best = (step + 1, value);
                ImprovedAtLastStep = true;
                _stale = 0;
            }
            else if (_evaluation.Patience > 0 && ++_stale >= _evaluation.Patience)
                StopRequested = true;
        }
        return [.. values, score];
    }
}
