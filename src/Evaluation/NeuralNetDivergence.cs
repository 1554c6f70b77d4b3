using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Losses;
using MlGan.Trainers.Regularizers;
using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation;

/// <summary>
/// Neural-net divergence (Gulrajani, Raffel &amp; Metz 2019): train a fresh critic with WGAN-GP on a training
/// split of real vs generated samples, then report its Wasserstein estimate E f(real) − E f(fake) on the
/// held-out split. Because the critic is scored on samples it never saw, a generator that memorises its
/// training set is penalised: the critic overfits to the repeated points, which reappear in the held-out
/// fake split, while held-out real data share nothing with what the critic fitted.
/// </summary>
public static class NeuralNetDivergence
{
    /// <summary>NND of generated rows against real rows; <paramref name="seed"/> is used when options.Seed is null.</summary>
    public static double Compute(float[][] real, float[][] generated, NeuralNetDivergenceOptions? options = null, int seed = 0)
    {
        TorchNative.EnsureAvailable();
        options ??= new NeuralNetDivergenceOptions();
        options.Validate();
        var (realFlat, nReal, d) = FeatureChecks.Flatten(real, nameof(real));
        var (fakeFlat, nFake, dFake) = FeatureChecks.Flatten(generated, nameof(generated));
        FeatureChecks.SameDimension(d, nameof(real), dFake, nameof(generated));
        int realTrain = TrainCount(nReal, options.TrainFraction, nameof(real));
        int fakeTrain = TrainCount(nFake, options.TrainFraction, nameof(generated));
        var shape = SampleShape(options, d);

        int s = options.Seed ?? seed;
        var random = new Random(s);
        using var scope = NewDisposeScope();
        var realAll = Permute(realFlat, nReal, d, random, shape);
        var fakeAll = Permute(fakeFlat, nFake, d, random, shape);
        Tensor realFit = realAll[..realTrain], realHeld = realAll[realTrain..];
        Tensor fakeFit = fakeAll[..fakeTrain], fakeHeld = fakeAll[fakeTrain..];

        using var critic = CreateCritic(options, shape, s);
        Train(critic, realFit, fakeFit, options, random, s);
        return Mean(critic, realHeld) - Mean(critic, fakeHeld);
    }

    private static int TrainCount(int n, double fraction, string name)
    {
        int train = (int)Math.Floor(n * fraction);
        if (train < 2 || n - train < 2)
            throw new ArgumentException(
                $"{name} has {n} samples; a train fraction of {fraction} leaves {train} to train the critic and {n - train} held out, and each part needs at least 2.", name);
        return train;
    }

    private static long[] SampleShape(NeuralNetDivergenceOptions o, int d)
    {
        if (o.Critic == NndCriticKind.Mlp) return [d];
        var image = o.ImageShape ?? MlGan.Transforms.Generators.ImageShape.Default;
        long size = image[0] * image[1] * image[2];
        if (size != d)
            throw new ArgumentException($"ImageShape [{string.Join(", ", image)}] holds {size} values but the samples have {d}; set options.ImageShape to the samples' [C, H, W].", nameof(o.ImageShape));
        return image.ToArray();
    }

    private static Tensor Permute(float[] flat, int n, int d, Random random, long[] shape)
    {
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        var rows = torch.tensor(flat, new long[] { n, d }).index_select(0, torch.tensor(order.Select(i => (long)i).ToArray()));
        return rows.reshape([n, .. shape]);
    }

    private static DiscriminatorModule CreateCritic(NeuralNetDivergenceOptions o, long[] shape, int seed) => o.Critic switch
    {
        NndCriticKind.Mlp => new MlpDiscriminator(shape, o.Width, o.HiddenLayers, seed: seed),
        _ => new DcganDiscriminator(o.Width, shape, seed: seed),
    };

    private static void Train(DiscriminatorModule critic, Tensor real, Tensor fake, NeuralNetDivergenceOptions o, Random random, int seed)
    {
        var loss = new WassersteinGanLoss();
        var epsilon = new torch.Generator(unchecked((ulong)seed) ^ 0x9E3779B97F4A7C15UL);
        using var adam = optim.Adam(critic.parameters(), o.LearningRate, o.Beta1, o.Beta2);
        int batch = (int)Math.Min(o.BatchSize, Math.Min(real.shape[0], fake.shape[0]));
        critic.train();
        for (int step = 0; step < o.Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var x = real.index_select(0, Batch(random, real.shape[0], batch));
            var y = fake.index_select(0, Batch(random, fake.shape[0], batch));
            adam.zero_grad();
            var objective = loss.DiscriminatorLoss(critic.forward(x), critic.forward(y)) + GradientPenalty.Compute(critic, x, y, o.Lambda, epsilon);
            objective.backward();
            adam.step();
        }
        critic.eval();
    }

    private static Tensor Batch(Random random, long n, int size)
    {
        var index = new long[size];
        for (int i = 0; i < size; i++) index[i] = random.NextInt64(n);
        return torch.tensor(index);
    }

    private static double Mean(DiscriminatorModule critic, Tensor x)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        const long chunk = 4096;
        double sum = 0;
        for (long start = 0; start < x.shape[0]; start += chunk)
            sum += critic.forward(x.narrow(0, start, Math.Min(chunk, x.shape[0] - start))).to(ScalarType.Float64).sum().ToDouble();
        return sum / x.shape[0];
    }
}
