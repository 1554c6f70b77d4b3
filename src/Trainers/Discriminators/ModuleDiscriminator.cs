using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Discriminators;

/// <summary><see cref="DiscriminatorModule.Wrap"/>'s adapter: a user's module as a critic; logits come back as [N].</summary>
internal sealed class ModuleDiscriminator : DiscriminatorModule
{
    private readonly nn.Module<Tensor, Tensor> module;
    private readonly string _architecture;

    public ModuleDiscriminator(nn.Module<Tensor, Tensor> module, long[] inputShape, string architecture)
        : base(nameof(ModuleDiscriminator), inputShape)
    {
        this.module = MlGan.Transforms.Guard.NotNull(module, nameof(module));
        _architecture = string.IsNullOrWhiteSpace(architecture) ? throw new ArgumentException("architecture must be a non-empty name.", nameof(architecture)) : architecture;
        RegisterComponents();
    }

    public override string Architecture => _architecture;

    public override Tensor forward(Tensor x)
    {
        var logits = module.forward(x);
        if (logits.numel() != x.shape[0])
            throw new InvalidOperationException($"The critic module '{_architecture}' returned shape [{string.Join(", ", logits.shape)}] for {x.shape[0]} samples; expected [{x.shape[0]}] or [{x.shape[0]}, 1].");
        return logits.reshape(-1);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) module.Dispose();
        base.Dispose(disposing);
    }
}
