using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Transforms.Generators;

/// <summary>
/// <see cref="GeneratorModule.Wrap"/>'s adapter: a user's module as an MlGan generator. Its parameters are the
/// wrapped module's (state-dict keys prefixed "module."), its output is checked once per call against the shape.
/// </summary>
internal sealed class ModuleGenerator : GeneratorModule
{
    private readonly nn.Module<Tensor, Tensor> module;
    private readonly string _architecture;

    public ModuleGenerator(nn.Module<Tensor, Tensor> module, int latentDimension, long[] outputShape, string architecture)
        : base(nameof(ModuleGenerator), latentDimension, MlpGenerator.CheckShape(outputShape))
    {
        this.module = Guard.NotNull(module, nameof(module));
        _architecture = string.IsNullOrWhiteSpace(architecture) ? throw new ArgumentException("architecture must be a non-empty name.", nameof(architecture)) : architecture;
        RegisterComponents();
    }

    public override string Architecture => _architecture;

    public override Tensor forward(Tensor z)
    {
        var y = module.forward(z);
        if (y.dim() == 0 || y.shape[0] != z.shape[0] || y.numel() != z.shape[0] * OutputSize)
            throw new InvalidOperationException($"The generator module '{_architecture}' returned shape [{string.Join(", ", y.shape)}] for {z.shape[0]} latents; " +
                $"expected [{z.shape[0]}, {string.Join(", ", OutputShape)}].");
        return y.reshape([-1, .. OutputShape]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) module.Dispose();
        base.Dispose(disposing);
    }
}
