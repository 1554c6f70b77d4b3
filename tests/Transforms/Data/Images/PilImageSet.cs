using System.Diagnostics;

namespace MlGan.Transforms.Tests.Data.Images;

/// <summary>
/// Reference images written by Debian's PIL (python3-pil) into a temporary folder, with PIL's own decoding of
/// each file: <c>Image.open(p).convert('RGB').tobytes()</c> and <c>convert('L')</c>, the values MlGan must match.
/// Every image is 13×7 (odd, non-square); the pixels come from a seeded NumPy generator.
/// </summary>
internal sealed class PilImageSet : IDisposable
{
    public const string Python = "/usr/bin/python3";
    public const int Width = 13, Height = 7;

    // Noise for the lossless formats (every byte value matters), a smooth gradient for the lossy ones.
    private const string Script = """
        import sys, os
        import numpy as np
        from PIL import Image, PngImagePlugin
        out, ref = sys.argv[1], sys.argv[2]
        os.makedirs(out, exist_ok=True); os.makedirs(ref, exist_ok=True)
        rng = np.random.default_rng(15)
        W, H = 13, 7
        def noise(*shape): return rng.integers(0, 256, size=shape, dtype=np.uint8)
        y, x = np.mgrid[0:H, 0:W]
        smooth = np.stack([x * 255 // (W - 1), y * 255 // (H - 1), (x + y) * 255 // (W + H - 2)], axis=-1)
        smooth = np.clip(smooth + rng.integers(-12, 13, size=smooth.shape), 0, 255).astype(np.uint8)
        rgb = Image.fromarray(noise(H, W, 3), 'RGB')
        rgba_px = noise(H, W, 4); rgba_px[0, :, 3] = 0; rgba_px[1, :, 3] = 255
        rgba = Image.fromarray(rgba_px, 'RGBA')
        grey = Image.fromarray(noise(H, W), 'L')
        la = Image.fromarray(noise(H, W, 2), 'LA')
        pal = Image.fromarray(rng.integers(0, 16, size=(H, W), dtype=np.uint8), 'P')
        pal.putpalette(noise(48).tolist())
        photo = Image.fromarray(smooth, 'RGB')
        gamma = PngImagePlugin.PngInfo(); gamma.add(b'gAMA', (100000).to_bytes(4, 'big'))
        images = [
            ('rgb.png', rgb, {}), ('rgba.png', rgba, {}), ('grey.png', grey, {}), ('la.png', la, {}),
            ('palette.png', pal, {}), ('palette-trns.png', pal, {'transparency': 3}), ('gamma1.png', rgb, {'pnginfo': gamma}),
            ('rgb.bmp', rgb, {}), ('grey.bmp', grey, {}), ('palette.bmp', pal, {}),
            ('photo.jpg', photo, {'quality': 90}), ('grey.jpg', photo.convert('L'), {'quality': 90}),
            ('lossless.webp', rgb, {'lossless': True}), ('rgba-lossless.webp', rgba, {'lossless': True}),
            ('photo.webp', photo, {'quality': 80}),
        ]
        for name, im, kw in images:
            path = os.path.join(out, name)
            im.save(path, **kw)
            back = Image.open(path); back.load()
            with open(os.path.join(ref, name + '.rgb'), 'wb') as f: f.write(back.convert('RGB').tobytes())
            with open(os.path.join(ref, name + '.l'), 'wb') as f: f.write(back.convert('L').tobytes())
            print(name, back.size[0], back.size[1], back.mode)
        """;

    private readonly string _root, _references;

    private PilImageSet(string root, string directory, string references, IReadOnlyList<(string Name, string Mode)> images)
    {
        (_root, Directory, _references, Images) = (root, directory, references, images);
    }

    /// <summary>The folder holding the image files (and nothing else).</summary>
    public string Directory { get; }

    /// <summary>Each file's name and the PIL mode it opens as.</summary>
    public IReadOnlyList<(string Name, string Mode)> Images { get; }

    /// <summary>Names of the files whose format is lossless (PNG, BMP, lossless WebP): these must match PIL exactly.</summary>
    public IEnumerable<string> Lossless => Images.Select(i => i.Name).Where(n => !n.EndsWith(".jpg") && n != "photo.webp");

    /// <summary>Writes the set into a fresh temporary folder.</summary>
    public static PilImageSet Create()
    {
        string root = Path.Combine(Path.GetTempPath(), $"mlgan-pil-{Guid.NewGuid():N}");
        string directory = Path.Combine(root, "images"), references = Path.Combine(root, "pil");
        var (code, output) = Run(Script, directory, references);
        Assert.AreEqual(0, code, $"PIL could not write the reference images:\n{output}");
        var images = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(f =>
            {
                Assert.AreEqual($"{Width} {Height}", $"{f[1]} {f[2]}", $"PIL reports another size for {f[0]}");
                return (f[0], f[3]);
            }).ToArray();
        return new PilImageSet(root, directory, references, images);
    }

    /// <summary>Full path of image <paramref name="name"/>.</summary>
    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>PIL's <c>convert('RGB')</c> bytes of image <paramref name="name"/> (HWC).</summary>
    public byte[] Rgb(string name) => File.ReadAllBytes(Path.Combine(_references, name + ".rgb"));

    /// <summary>PIL's <c>convert('L')</c> bytes of image <paramref name="name"/>.</summary>
    public byte[] Grey(string name) => File.ReadAllBytes(Path.Combine(_references, name + ".l"));

    /// <summary>Runs a Python snippet with Debian's interpreter; a missing PIL fails the test (tests/run.sh must install python3-pil).</summary>
    public static (int Code, string Output) Run(string script, params string[] args)
    {
        Assert.IsTrue(File.Exists(Python), $"{Python} is missing: install python3-pil and python3-numpy.");
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_root)) System.IO.Directory.Delete(_root, recursive: true);
    }
}
