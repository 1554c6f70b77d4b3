using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// The floor under one SGDA step at the Fig. 4 setting: only its tanh evaluations and matrix products, on tensors of the
/// step's shapes and in its row blocks, and nothing else. Per step the trainer computes
/// generator features for two latent batches (Z₁ for the critic, Z₂ for the θ gradient: addmm [B·n, k]·[k, m] + tanh on
/// [B, n, m]), g = Σ features·θ for both, Ψ = tanh(A g + c) for X, g(Z₁) and g(Z₂) ([B, n]·[n, Nd] + tanh on [B, Nd]),
/// and the θ gradient ((1 − Ψ²)·η)·A ([B, Nd]·[Nd, n]) then vᵀ·features ([1, B·n]·[B·n, m]).
/// </summary>
internal static class Roofline
{
    public static void Run(int threads)
    {
        torch.set_num_threads(threads);
        const int b = 1000, k = 2, n = 2, nd = 1000, m = 4998;
        var gen = new torch.Generator(1);
        var z = randn(b * n, k, generator: gen);
        var w = randn(k, m, generator: gen);
        var bias = randn(1, m, generator: gen);
        var theta = randn(n, m, generator: gen) * 1e-3;
        var x = randn(b, n, generator: gen);
        var a = randn(n, nd, generator: gen);
        var c = randn(1, nd, generator: gen);
        var eta = randn(1, nd, generator: gen);
        using var _ = no_grad();

        // The trainer's blocking: generator features in row blocks of about 2^20 floats (100 latents × n × m here), so
        // each block stays in cache between its tanh and the products that read it.
        const int rows = (1 << 20) / (n * m) + 1;
        var zBlocks = z.split(rows * n);
        Tensor Psi(Tensor input) => torch.addmm(c, input, a, 1, 1).tanh_();   // [rows, Nd]
        void Step()
        {
            using var scope = NewDisposeScope();
            Psi(x).sum(0, keepdim: false);                                    // Ψ(X)
            foreach (var zc in zBlocks)                                       // Ψ(g(Z₁))
            {
                using var block = NewDisposeScope();
                long r = zc.shape[0] / n;
                var features = torch.addmm(bias, zc, w, 1, 1).tanh_();        // [r·n, m]
                Psi((features.view(r, n, m) * theta).sum(2, keepdim: false)).sum(0, keepdim: false);
            }
            var grad = zeros(1, m);
            foreach (var zc in zBlocks)                                       // Ψ(g(Z₂)) and the θ gradient
            {
                using var block = NewDisposeScope();
                long r = zc.shape[0] / n;
                var features = torch.addmm(bias, zc, w, 1, 1).tanh_();
                var slope = Psi((features.view(r, n, m) * theta).sum(2, keepdim: false)).square().neg_().add_(1).mul_(eta);
                grad.addmm_(slope.mm(a.t()).view(1, r * n), features);
            }
            grad.sum().ToDouble();                                            // read back, as the trainer does
        }
        for (int i = 0; i < 3; i++) Step();
        var times = new List<double>();
        for (int i = 0; i < 30; i++)
        {
            var clock = Stopwatch.StartNew();
            Step();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"roofline threads={threads} min_ms={times[0]:F2} ms_per_step={times[times.Count / 2]:F2}"));
    }
}
