namespace MlGan.Trainers.Losses;

/// <summary>The four states of 2-point generation (Sun et al. 2020, §3), data X = (x₁, x₂), generated Y = (y₁, y₂).</summary>
public enum TwoPointState
{
    /// <summary>No recovery: {x₁, x₂} ∩ {y₁, y₂} = ∅.</summary>
    S0,

    /// <summary>Mode collapse: y₁ = y₂ ∈ {x₁, x₂}.</summary>
    S1a,

    /// <summary>Mode dropping: exactly one generated point is a data point, y₁ = x₁ (paired with its own data point).</summary>
    S1b,

    /// <summary>Perfect recovery: {y₁, y₂} = {x₁, x₂}.</summary>
    S2,
}
