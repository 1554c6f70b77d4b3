using MlGan.Trainers.Discriminators;
using MlGan.Trainers.RandomFeature;
using MlGan.Transforms.Generators;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.RandomFeature;

[TestClass]
public sealed class RandomFeatureObjectiveTests
{
    private static RandomFeatureWganObjective Make(Activation gAct, Activation dAct, int ng = 12, int nd = 7, int n = 2, int k = 3)
    {
        var g = new RandomFeatureGenerator(k, n, ng, gAct, weightScale: 1.5, biasScale: 0.5, thetaScale: 0.7, seed: 11);
        var d = new RandomFeatureDiscriminator(n, nd, dAct, weightScale: 1.0, etaScale: 0, seed: 12);
        g.to(ScalarType.Float64);
        d.to(ScalarType.Float64);
        // A tiny feature block (8 latent rows, 23 data rows per chunk) so every sum below spans several chunks.
        return new RandomFeatureWganObjective(g, d, featureBlockFloats: 8 * n * (ng - n) + 1);
    }

    /// <summary>J computed by hand from the definitions: ½‖mean_b Ψ(x_b) − mean_b Ψ(Σ_i θ_i φ_i(z_b))‖².</summary>
    private static double DirectJ(RandomFeatureWganObjective o, Tensor x, Tensor z)
    {
        var g = o.Generator;
        int n = g.Dimension, m = g.Width - n;
        var w = g.HiddenWeight.to_type(ScalarType.Float64);   // [k, n*m]
        var b = g.HiddenBias.to_type(ScalarType.Float64);
        var theta = g.Theta.detach();
        var samples = zeros(z.shape[0], n, dtype: ScalarType.Float64);
        for (int bi = 0; bi < z.shape[0]; bi++)
            for (int j = 0; j < n; j++)
            {
                double value = theta[j].item<double>(); // constant feature e_j
                for (int i = 0; i < m; i++)
                {
                    double pre = b[j * m + i].item<double>();
                    for (int c = 0; c < z.shape[1]; c++) pre += z[bi, c].item<double>() * w[c, j * m + i].item<double>();
                    double phi = g.Activation == Activation.Tanh ? Math.Tanh(pre) : 1 / (1 + Math.Exp(-pre));
                    value += theta[n + i].item<double>() * phi;
                }
                samples[bi, j] = value;
            }
        var d = o.Discriminator;
        var r = d.Psi(x).mean(new long[] { 0 }) - d.Psi(samples).mean(new long[] { 0 });
        return 0.5 * r.square().sum().item<double>();
    }

    [TestMethod]
    [DataRow(Activation.Tanh, Activation.Tanh)]
    [DataRow(Activation.Sigmoid, Activation.Sigmoid)]
    [DataRow(Activation.Sigmoid, Activation.Tanh)]
    public void JMatchesItsDefinitionAndAnalyticGradientMatchesAutogradAndFiniteDifferences(Activation gAct, Activation dAct)
    {
        var o = Make(gAct, dAct);
        var gen = new torch.Generator(5);
        var x = randn(9, 2, generator: gen, dtype: ScalarType.Float64) + 0.3;
        var z = randn(8, 3, generator: gen, dtype: ScalarType.Float64);
        var realMeanPsi = o.MeanPsi(x);
        double j = o.J(realMeanPsi, z);
        Assert.AreEqual(DirectJ(o, x, z), j, 1e-12);
        Assert.IsTrue(j > 1e-4, $"J = {j} is too small for a meaningful gradient check");

        var analytic = o.GradientJ(realMeanPsi, z).data<double>().ToArray();

        // Autograd through the same forward pass.
        var theta = o.Generator.Theta;
        theta.grad?.zero_();
        var r = realMeanPsi - o.Discriminator.Psi(o.Generator.forward(z)).mean(new long[] { 0 });
        (0.5 * r.square().sum()).backward();
        var autograd = theta.grad!.data<double>().ToArray();

        // Central finite differences on J.
        var fd = new double[analytic.Length];
        const double h = 1e-6;
        for (int i = 0; i < fd.Length; i++)
        {
            using (no_grad()) theta[i].add_(h);
            double plus = o.J(realMeanPsi, z);
            using (no_grad()) theta[i].sub_(2 * h);
            double minus = o.J(realMeanPsi, z);
            using (no_grad()) theta[i].add_(h);
            fd[i] = (plus - minus) / (2 * h);
        }
        for (int i = 0; i < analytic.Length; i++)
        {
            Assert.AreEqual(autograd[i], analytic[i], 1e-10, $"autograd, θ_{i}");
            Assert.AreEqual(fd[i], analytic[i], 1e-7, $"finite difference, θ_{i}");
        }
    }

    [TestMethod]
    [DataRow(Activation.Tanh, Activation.Tanh)]
    [DataRow(Activation.Sigmoid, Activation.Tanh)]
    public void GeneratedPsiJacobianMatchesFiniteDifferencesAndTheScoreGradient(Activation gAct, Activation dAct)
    {
        var o = Make(gAct, dAct);
        var gen = new torch.Generator(6);
        var z = randn(2 * o.LatentChunkRows + 5, 3, generator: gen, dtype: ScalarType.Float64); // spans three chunks
        var jacobian = o.GeneratedPsiJacobian(z);
        CollectionAssert.AreEqual(new long[] { 7, 12 }, jacobian.shape);
        var theta = o.Generator.Theta;
        const double h = 1e-6;
        for (int i = 0; i < 12; i++)
        {
            using (no_grad()) theta[i].add_(h);
            var plus = o.MeanPsiOfGenerated(z);
            using (no_grad()) theta[i].sub_(2 * h);
            var minus = o.MeanPsiOfGenerated(z);
            using (no_grad()) theta[i].add_(h);
            var column = (plus - minus) / (2 * h);
            Assert.IsTrue((column - jacobian[.., i]).abs().max().ToDouble() < 1e-8, $"column {i}");
        }
        // ηᵀ D is the score gradient E[Φᵀ v] the SGDA step uses.
        var eta = randn(7, generator: gen, dtype: ScalarType.Float64);
        var viaJacobian = jacobian.t().matmul(eta);
        Assert.IsTrue((viaJacobian - o.GeneratedScoreGradient(eta, z)).abs().max().ToDouble() < 1e-10);
    }

    [TestMethod]
    public void LIsMaximisedByTheResidualAndEqualsJThere()
    {
        var o = Make(Activation.Tanh, Activation.Tanh);
        var gen = new torch.Generator(7);
        var x = randn(20, 2, generator: gen, dtype: ScalarType.Float64);
        var z = randn(20, 3, generator: gen, dtype: ScalarType.Float64);
        var psi = o.MeanPsi(x);
        var r = o.Residual(psi, z);
        double j = o.J(psi, z);
        Assert.AreEqual(j, o.L(r, psi, z), 1e-12);
        var perturbed = r + 0.01 * randn(r.shape, generator: gen, dtype: ScalarType.Float64);
        Assert.IsTrue(o.L(perturbed, psi, z) < j);
    }

    [TestMethod]
    public void FirstNFeaturesAreTheConstantOutputBias()
    {
        var o = Make(Activation.Sigmoid, Activation.Tanh);
        var z = randn(4, 3, dtype: ScalarType.Float64);
        var before = o.Generator.forward(z);
        using (no_grad()) { o.Generator.Theta[0].add_(1.5); o.Generator.Theta[1].add_(-2.0); }
        var shift = (o.Generator.forward(z) - before).data<double>().ToArray();
        for (int b = 0; b < 4; b++)
        {
            Assert.AreEqual(1.5, shift[2 * b], 1e-12);
            Assert.AreEqual(-2.0, shift[2 * b + 1], 1e-12);
        }
    }
}
