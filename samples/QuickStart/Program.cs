using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Transforms;

// Placeholder until the random-feature WGAN lands: draw the 8-Gaussian ring and print a few samples.
var ml = new MLContext(seed: 1);
var ring = ml.Gan().Data.GaussianRing(count: 8, seed: 1);
foreach (var row in ring.GetColumn<float[]>("Features"))
    Console.WriteLine($"{row[0],8:F3} {row[1],8:F3}");
