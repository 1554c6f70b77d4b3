using System.Buffers.Binary;
using static MlGan.Evaluation.Tests.Statistics.StatisticsTestSupport;
using static MlGan.Evaluation.Tests.TestData;

namespace MlGan.Evaluation.Tests.Statistics;

/// <summary>.npz statistics against Debian's NumPy: files NumPy writes are read exactly, files MlGan writes NumPy reads exactly.</summary>
[TestClass]
public sealed class NpzInteropTests
{
    public TestContext TestContext { get; set; } = null!;

    private string NewFolder()
    {
        string folder = TempPath(TestContext, "npz");
        Directory.CreateDirectory(folder);
        return folder;
    }

    // σ is deliberately not symmetric, so a transposition (C vs Fortran order) cannot go unnoticed.
    private const string WriteForeignFiles = """
        import io, json, sys, zipfile
        import numpy as np
        out = sys.argv[1]
        rng = np.random.default_rng(1234)
        d = 5
        mu = rng.normal(size=d) * 10
        a = rng.normal(size=(d, d))
        sigma = a @ a.T + np.triu(rng.normal(size=(d, d)), 1)
        np.savez(f'{out}/stored.npz', mu=mu, sigma=sigma)
        np.savez_compressed(f'{out}/deflated.npz', mu=mu, sigma=sigma)
        np.savez(f'{out}/float32.npz', mu=mu.astype('<f4'), sigma=sigma.astype('<f4'))
        np.savez(f'{out}/fortran.npz', mu=mu, sigma=np.asfortranarray(sigma))
        np.savez_compressed(f'{out}/bigendian.npz', mu=mu.astype('>f8'), sigma=np.asfortranarray(sigma.astype('>f8')))
        with zipfile.ZipFile(f'{out}/fortran.npz') as z:
            assert b"'fortran_order': True" in z.read('sigma.npy')[:128]
        with zipfile.ZipFile(f'{out}/deflated.npz') as z:
            assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist())
        with zipfile.ZipFile(f'{out}/v2v3.npz', 'w') as z:
            for name, array, version in (('mu', mu, (2, 0)), ('sigma', sigma, (3, 0))):
                b = io.BytesIO()
                np.lib.format.write_array(b, array, version=version)
                assert b.getvalue()[6] == version[0]
                z.writestr(name + '.npy', b.getvalue())
        np.savez(f'{out}/count-vector.npz', mu=mu, sigma=sigma, mlgan_count=np.array([30], dtype=np.int64))
        provenance = {'extractor': 'numpy-made', 'preprocessing': 'none', 'feature_dimension': d, 'count': 30, 'mlgan_version': 'by hand', 'input_shape': [2, 2]}
        np.savez(f'{out}/with-provenance.npz', mu=mu, sigma=sigma, mlgan_count=np.int64(30),
                 mlgan_provenance=np.frombuffer(json.dumps(provenance).encode('utf-8'), dtype=np.uint8))
        np.concatenate([mu, sigma.ravel()]).astype('<f8').tofile(f'{out}/expected64.bin')
        np.concatenate([mu.astype('<f4'), sigma.astype('<f4').ravel()]).astype('<f8').tofile(f'{out}/expected32.bin')

        # Damaged or unsuitable files.
        np.savez(f'{out}/no-sigma.npz', mu=mu)
        np.savez(f'{out}/mu-2d.npz', mu=mu[None, :], sigma=sigma)
        np.savez(f'{out}/sigma-shape.npz', mu=mu, sigma=sigma[:, :4])
        np.savez(f'{out}/sigma-int.npz', mu=mu, sigma=sigma.astype(np.int32))
        bad = mu.copy(); bad[2] = np.nan
        np.savez(f'{out}/mu-nan.npz', mu=bad, sigma=sigma)
        np.savez(f'{out}/count-one.npz', mu=mu, sigma=sigma, mlgan_count=np.int64(1))
        np.savez(f'{out}/count-float.npz', mu=mu, sigma=sigma, mlgan_count=np.float64(30))
        np.savez(f'{out}/provenance-bad.npz', mu=mu, sigma=sigma, mlgan_provenance=np.frombuffer(b'{oops', dtype=np.uint8))
        with zipfile.ZipFile(f'{out}/npy-version-9.npz', 'w') as z:
            b = io.BytesIO(); np.lib.format.write_array(b, mu); raw = bytearray(b.getvalue()); raw[6] = 9
            z.writestr('mu.npy', bytes(raw))
            b = io.BytesIO(); np.lib.format.write_array(b, sigma); z.writestr('sigma.npy', b.getvalue())
        """;

    [TestMethod]
    public void NpzWrittenByNumPy_IsReadExactly_InEveryLayout()
    {
        string folder = NewFolder();
        RunPythonOk(WriteForeignFiles, folder);
        var expected64 = ReadRawDoubles(Path.Combine(folder, "expected64.bin"));
        var expected32 = ReadRawDoubles(Path.Combine(folder, "expected32.bin"));
        foreach (var (file, expected) in new[]
                 {
                     ("stored.npz", expected64), ("deflated.npz", expected64), ("float32.npz", expected32),
                     ("fortran.npz", expected64), ("bigendian.npz", expected64), ("v2v3.npz", expected64),
                 })
        {
            var stats = FeatureStatistics.Load(Path.Combine(folder, file));
            Assert.AreEqual(5, stats.Dimension, file);
            Assert.IsFalse(stats.HasCount, $"{file}: pytorch-fid files carry no count");
            Assert.IsNull(stats.Provenance, file);
            CollectionAssert.AreEqual(expected[..5], stats.Mean, $"{file}: mu");
            CollectionAssert.AreEqual(expected[5..], stats.Covariance, $"{file}: sigma");
        }

        Assert.AreEqual(30L, FeatureStatistics.Load(Path.Combine(folder, "count-vector.npz")).Count, "mlgan_count of shape (1,)");
        var withProvenance = FeatureStatistics.Load(Path.Combine(folder, "with-provenance.npz"));
        Assert.AreEqual(30L, withProvenance.Count);
        Assert.AreEqual("numpy-made", withProvenance.Provenance!.Extractor);
        Assert.AreEqual("by hand", withProvenance.Provenance.MlGanVersion);
        CollectionAssert.AreEqual(new[] { 2, 2 }, withProvenance.Provenance.InputShape);
        CollectionAssert.AreEqual(expected64[5..], withProvenance.Covariance);
    }

    [TestMethod]
    public void UnsuitableNpz_ThrowsInvalidDataNamingFileAndProblem()
    {
        string folder = NewFolder();
        RunPythonOk(WriteForeignFiles, folder);
        foreach (var (file, expected) in new[]
                 {
                     ("no-sigma.npz", "'sigma'"), ("mu-2d.npz", "(1, 5)"), ("sigma-shape.npz", "(5, 4)"),
                     ("sigma-int.npz", "'<i4'"), ("mu-nan.npz", "non-finite"), ("count-one.npz", "'mlgan_count' is 1"),
                     ("count-float.npz", "'<f8'"), ("provenance-bad.npz", "mlgan_provenance"), ("npy-version-9.npz", "version 9.0"),
                 })
        {
            string path = Path.Combine(folder, file);
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(path), file);
            StringAssert.Contains(ex.Message, path, file);
            StringAssert.Contains(ex.Message, expected, file);
        }
    }

    [TestMethod]
    public void NpzWrittenByMlGan_IsReadByNumPyWithIdenticalValues()
    {
        string folder = NewFolder();
        var x = CorrelatedGaussian(40, 4, seed: 12, shift: 3);
        var provenance = new StatisticsProvenance { Extractor = "identity", Preprocessing = "none", FeatureDimension = 4, Source = "grïd" };
        var stats = FeatureStatistics.FromFeatures(x).WithProvenance(provenance);
        string withMetadata = Path.Combine(folder, "mlgan.npz"), plain = Path.Combine(folder, "plain.npz");
        stats.SaveNpz(withMetadata);
        new FeatureStatistics(stats.Mean, stats.Covariance, FeatureStatistics.UnknownCount).Save(plain, StatisticsFileFormat.Npz);
        WriteRawDoubles(Path.Combine(folder, "expected.bin"), stats.Mean.Concat(stats.Covariance));

        const string check = """
            import json, sys, zipfile
            import numpy as np
            folder, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            expected = np.fromfile(f'{folder}/expected.bin', dtype='<f8')
            for name in ('mlgan.npz', 'plain.npz'):
                path = f'{folder}/{name}'
                with zipfile.ZipFile(path) as z:
                    assert z.testzip() is None, 'CRC'
                    assert all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist()), [i.compress_type for i in z.infolist()]
                    for info in z.infolist():
                        with z.open(info) as f:
                            version = np.lib.format.read_magic(f)
                            assert version == (1, 0), version
                            np.lib.format.read_array_header_1_0(f)
                            assert f.tell() % 64 == 0, f'{info.filename}: data at offset {f.tell()}'
                f = np.load(path)
                mu, sigma = f['mu'], f['sigma']
                assert mu.dtype == np.dtype('<f8') and mu.shape == (d,), (mu.dtype, mu.shape)
                assert sigma.dtype == np.dtype('<f8') and sigma.shape == (d, d) and sigma.flags.c_contiguous
                assert np.array_equal(np.concatenate([mu, sigma.ravel()]), expected), 'values'
            f = np.load(f'{folder}/mlgan.npz')
            assert sorted(f.files) == ['mlgan_count', 'mlgan_provenance', 'mu', 'sigma'], f.files
            assert f['mlgan_count'].dtype == np.int64 and int(f['mlgan_count']) == n
            assert f['mlgan_provenance'].dtype == np.uint8 and f['mlgan_provenance'].ndim == 1
            provenance = json.loads(bytes(f['mlgan_provenance']).decode('utf-8'))
            assert provenance['feature_dimension'] == d and provenance['count'] == n and provenance['source'] == 'grïd', provenance
            assert sorted(np.load(f'{folder}/plain.npz').files) == ['mu', 'sigma']
            print('ok')
            """;
        StringAssert.Contains(RunPythonOk(check, folder, "40", "4"), "ok");

        var back = FeatureStatistics.Load(withMetadata);
        Assert.AreEqual(stats.Provenance, back.Provenance);
        Assert.AreEqual(40L, back.Count);
        CollectionAssert.AreEqual(stats.Mean, back.Mean);
        CollectionAssert.AreEqual(stats.Covariance, back.Covariance);
        Assert.IsFalse(FeatureStatistics.Load(plain).HasCount);
    }

    [TestMethod]
    public void NumPyCov_EqualsOurUnbiasedCovariance()
    {
        string folder = NewFolder();
        const string script = """
            import sys
            import numpy as np
            out = sys.argv[1]
            rng = np.random.default_rng(99)
            x = (rng.normal(size=(300, 6)) @ rng.normal(size=(6, 6)) + 50).astype(np.float32)
            x.astype('<f4').tofile(f'{out}/x.bin')
            np.cov(x, rowvar=False).astype('<f8').tofile(f'{out}/cov.bin')
            x.astype(np.float64).mean(axis=0).astype('<f8').tofile(f'{out}/mean.bin')
            """;
        RunPythonOk(script, folder);
        var raw = File.ReadAllBytes(Path.Combine(folder, "x.bin"));
        var x = Enumerable.Range(0, 300)
            .Select(i => Enumerable.Range(0, 6).Select(j => BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(4 * (6 * i + j)))).ToArray())
            .ToArray();
        var cov = ReadRawDoubles(Path.Combine(folder, "cov.bin"));
        var mean = ReadRawDoubles(Path.Combine(folder, "mean.bin"));

        var direct = FeatureStatistics.FromFeatures(x);
        AssertClose(cov, direct.Covariance, 1e-12, "FromFeatures Σ vs np.cov");
        AssertClose(mean, direct.Mean, 1e-12, "FromFeatures μ vs NumPy mean");
        var streamed = new RunningMoments(6);
        foreach (var (from, to) in new[] { (0, 1), (1, 120), (120, 123), (123, 300) }) streamed.Add(x[from..to]);
        AssertClose(cov, streamed.ToStatistics().Covariance, 1e-12, "streamed Σ vs np.cov");
    }

    [TestMethod]
    public void FlippedByteInAnEntry_FailsTheCrcCheck()
    {
        string path = TempPath(TestContext, "flip.npz");
        FeatureStatistics.FromFeatures(CorrelatedGaussian(10, 3, seed: 1)).SaveNpz(path);
        var original = File.ReadAllBytes(path);
        // Stored entries are contiguous in the file: each .npy starts at its magic.
        byte[] magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
        var starts = Enumerable.Range(0, original.Length - magic.Length).Where(i => original.AsSpan(i, magic.Length).SequenceEqual(magic)).ToArray();
        Assert.HasCount(3, starts, "mu, sigma and mlgan_count entries");
        foreach (int start in starts)
            for (int i = start; i < start + 128 + 8; i++)
            {
                var bytes = (byte[])original.Clone();
                bytes[i] ^= 0x40;
                File.WriteAllBytes(path, bytes);
                var ex = Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(path), $"flipped byte {i}");
                StringAssert.Contains(ex.Message, path);
                StringAssert.Contains(ex.Message, "CRC-32");
            }
    }

    [TestMethod]
    public void EveryTruncation_ThrowsInvalidDataNamingTheFile()
    {
        string path = TempPath(TestContext, "cut.npz");
        FeatureStatistics.FromFeatures(CorrelatedGaussian(10, 2, seed: 1)).SaveNpz(path);
        var original = File.ReadAllBytes(path);
        CollectionAssert.AreEqual("PK\x03\x04"u8.ToArray(), original[..4]);
        for (int length = 0; length < original.Length; length++)
        {
            File.WriteAllBytes(path, original[..length]);
            var ex = Assert.ThrowsExactly<InvalidDataException>(() => FeatureStatistics.Load(path), $"length {length} of {original.Length}");
            StringAssert.Contains(ex.Message, path);
        }
    }
}
