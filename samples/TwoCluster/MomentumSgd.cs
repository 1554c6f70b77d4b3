using static TorchSharp.torch;

namespace MlGan.Samples.TwoCluster;

/// <summary>
/// SGD with heavy-ball momentum, PyTorch's rule (buf ← μ·buf + g, θ ← θ − lr·buf; buf starts at g), as the
/// authors' script uses. Gradients come from autograd.grad for this optimiser's parameters only, so nothing
/// accumulates in .grad: the G steps do not fill critic gradients and no zero_grad is needed. Written here
/// because it costs about half the native calls of optim.SGD + zero_grad, which dominate these tiny nets.
/// </summary>
internal sealed class MomentumSgd
{
    private readonly TorchSharp.Modules.Parameter[] _parameters;
    private readonly Tensor[] _buffers;
    private readonly double _lr, _momentum;

    public MomentumSgd(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate, double momentum)
    {
        _parameters = parameters.ToArray();
        _buffers = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _lr = learningRate;
        _momentum = momentum;
    }

    public void Step(Tensor loss)
    {
        using var scope = NewDisposeScope();
        var grads = autograd.grad([loss], _parameters);
        using var _ = no_grad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            _buffers[i].mul_(_momentum).add_(grads[i]);
            _parameters[i].add_(_buffers[i], alpha: -_lr);
        }
    }
}
