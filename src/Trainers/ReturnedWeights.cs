using MlGan.Trainers.Regularizers;
using MlGan.Transforms.Generators;
using TorchSharp;

namespace MlGan.Trainers;

/// <summary>
/// Runs code on the generator as Fit would return it at this moment — eval mode, and the EMA weights when EMA is on —
/// then puts the training weights and mode back exactly (checkpoint exports and training evaluations use it).
/// </summary>
internal static class ReturnedWeights
{
    public static T With<T>(GeneratorModule generator, GeneratorEma? ema, Func<T> body)
    {
        bool training = generator.training;
        generator.eval();
        try
        {
            if (ema is null) return body();
            var saved = generator.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            try
            {
                ema.CopyTo(generator);
                return body();
            }
            finally
            {
                using (torch.no_grad())
                    foreach (var (name, t) in generator.state_dict()) t.copy_(saved[name]);
                foreach (var t in saved.Values) t.Dispose();
            }
        }
        finally
        {
            generator.train(training);
        }
    }
}
