namespace MlGan.Samples.Reproduce;

/// <summary>One seed-paper experiment: runs (a sample or the library) and compares the result with the paper's claims.</summary>
internal interface IExperiment
{
    /// <summary>Short id, used by --only and as the experiment's output folder.</summary>
    string Id { get; }

    /// <summary>The figure or section it reproduces.</summary>
    string Title { get; }

    /// <summary>The paper (first author, year).</summary>
    string Paper { get; }

    /// <summary>Runs the experiment into <see cref="ExperimentContext.Directory"/>.</summary>
    ExperimentOutcome Run(ExperimentContext context);
}
