namespace MlGan.Trainers.GmmGan;

/// <summary>∇L at one point: ∂L/∂μ̂1, ∂L/∂μ̂2, ∂L/∂ℓ1, ∂L/∂r1, ∂L/∂ℓ2, ∂L/∂r2.</summary>
public readonly record struct GmmGanGradient(double Mu1, double Mu2, double L1, double R1, double L2, double R2);
