namespace MlGan.Trainers.Tests.GmmGan;

/// <summary>Independent references for the GMM-GAN tests: plain composite Simpson quadrature.</summary>
internal static class Numerics
{
    public static double Simpson(Func<double, double> f, double a, double b, int intervals = 20000)
    {
        if (intervals % 2 == 1) intervals++;
        double h = (b - a) / intervals, sum = f(a) + f(b);
        for (int i = 1; i < intervals; i++) sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }

    public static double Gaussian(double x, double mu) => Math.Exp(-0.5 * (x - mu) * (x - mu)) / Math.Sqrt(2 * Math.PI);

    public static double Mixture(double x, double mu1, double mu2) => 0.5 * (Gaussian(x, mu1) + Gaussian(x, mu2));
}
