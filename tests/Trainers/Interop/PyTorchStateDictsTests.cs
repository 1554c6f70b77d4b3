using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Interop;
using MlGan.Transforms.Generators;
using TorchSharp;

namespace MlGan.Trainers.Tests.Interop;

/// <summary>
/// PyTorch state_dicts into MlGan's critics (Sequential names), and MlGan's networks out as safetensors, read back by
/// MlGan and by an independent reader of the format (Python's json + struct: an 8-byte header length, a JSON header of
/// dtype, shape and byte offsets, then the raw little-endian data).
/// </summary>
[TestClass]
public sealed class PyTorchStateDictsTests
{
    private static string Temp() => Directory.CreateTempSubdirectory("mlgan-statedict-").FullName;

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.HasCount(expected.Length, actual);
        for (int i = 0; i < expected.Length; i++) Assert.AreEqual(expected[i], actual[i], 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"value {i}");
    }

    [TestMethod]
    public void SequentialDcganAndMlpCriticsFromPyTorchScoreAlike()
    {
        string dir = Temp();
        try
        {
            string dcgan = Path.Combine(dir, "D.pt");
            var (x, expected) = DebianTorch.Network(dcgan, "--net", "dcgan", "--critic", "--width", "3", "--shape", "1,28,28", "--seed", "7", "--count", "4");
            using (var critic = new DcganDiscriminator(3, [1, 28, 28], seed: 99))
            using (var scope = torch.NewDisposeScope())
            using (torch.no_grad())
            {
                Assert.AreEqual(PyTorchLayout.Sequential, PyTorchStateDicts.Load(critic, dcgan));
                AssertClose(expected, critic.forward(torch.tensor(x, [4, 1, 28, 28])).data<float>().ToArray());
            }

            string mlp = Path.Combine(dir, "M.pt");
            (x, expected) = DebianTorch.Network(mlp, "--net", "mlp", "--critic", "--width", "5", "--shape", "2", "--hidden", "3", "--seed", "8", "--count", "6");
            using (var critic = new MlpDiscriminator([2], 5, 3, seed: 99))
            using (var scope = torch.NewDisposeScope())
            using (torch.no_grad())
            {
                Assert.AreEqual(PyTorchLayout.Sequential, PyTorchStateDicts.Load(critic, mlp, PyTorchLayout.Sequential));
                AssertClose(expected, critic.forward(torch.tensor(x, [6, 2])).data<float>().ToArray());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void SafetensorsRoundTripAndTheBytesAreWhatTheFormatSays()
    {
        string dir = Temp();
        try
        {
            string file = Path.Combine(dir, "G.safetensors");
            using var source = new DcganGenerator(4, 2, [1, 8, 8], seed: 5);
            PyTorchStateDicts.SaveSafetensors(source, file);
            using var copy = new DcganGenerator(4, 2, [1, 8, 8], seed: 6);
            Assert.AreEqual(PyTorchLayout.MlGan, PyTorchStateDicts.Load(copy, file));
            source.eval();
            copy.eval();
            using (var scope = torch.NewDisposeScope())
            using (torch.no_grad())
            {
                var z = torch.randn(3, 4, generator: new torch.Generator(1));
                CollectionAssert.AreEqual(source.forward(z).data<float>().ToArray(), copy.forward(z).data<float>().ToArray());
            }

            // The file read without safetensors' own code: every tensor MlGan has, same shape, same values.
            string read = DebianTorch.Python("-c", """
                import json, struct, sys
                import numpy as np
                raw = open(sys.argv[1], 'rb').read()
                (n,) = struct.unpack('<Q', raw[:8])
                header = json.loads(raw[8:8 + n])
                header.pop('__metadata__', None)
                types = {'F32': '<f4', 'I64': '<i8'}
                for name in sorted(header):
                    h = header[name]
                    a, b = h['data_offsets']
                    v = np.frombuffer(raw[8 + n + a:8 + n + b], dtype=types[h['dtype']]).reshape(h['shape'])
                    print(name, h['dtype'], ','.join(map(str, h['shape'])), repr(float(v.astype(np.float64).sum())))
                """, file);
            var lines = read.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0]);
            var state = source.state_dict();
            CollectionAssert.AreEquivalent(state.Keys.ToArray(), lines.Keys.ToArray());
            foreach (var (name, tensor) in state)
            {
                var line = lines[name];
                Assert.AreEqual(string.Join(",", tensor.shape), line[2], name);
                double sum = tensor.to(torch.ScalarType.Float64).sum().item<double>();
                Assert.AreEqual(sum, double.Parse(line[3], System.Globalization.CultureInfo.InvariantCulture), 1e-9 * Math.Max(1, Math.Abs(sum)), name);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void AGeneratorsFileDoesNotLoadIntoACriticAndSaysWhy()
    {
        string dir = Temp();
        try
        {
            string file = Path.Combine(dir, "G.safetensors");
            using (var g = new MlpGenerator(2, [2], 4, 1, seed: 1)) PyTorchStateDicts.SaveSafetensors(g, file);
            using var critic = new MlpDiscriminator([2], 4, 1, seed: 1);
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => PyTorchStateDicts.Load(critic, file));
            StringAssert.Contains(ex.Message, file);
            // Same names (layers.i), another shape: the output layer is [2, 4] in the generator, [1, 4] in the critic.
            StringAssert.Contains(ex.Message, "'layers.1.weight' has shape [2, 4]; the MlpDiscriminator built from the options has [1, 4]");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
