namespace MlGan.Transforms.Data;

/// <summary>Which half of Fashion-MNIST to read.</summary>
public enum FashionMnistSplit
{
    /// <summary>60,000 training images (train-images-idx3-ubyte).</summary>
    Train,
    /// <summary>10,000 test images (t10k-images-idx3-ubyte).</summary>
    Test,
}

/// <summary>How pixel bytes 0..255 are scaled.</summary>
public enum PixelRange
{
    /// <summary>x/127.5 − 1, the usual range of a tanh generator.</summary>
    MinusOneToOne,
    /// <summary>x/255.</summary>
    ZeroToOne,
}

/// <summary>Fashion-MNIST images (28×28 grey, 784-vectors) and labels from the IDX files.</summary>
public static class FashionMnist
{
    /// <summary>Where Debian's dataset-fashion-mnist package puts the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";
    /// <summary>The Debian package that installs the IDX files into <see cref="DefaultDirectory"/>.</summary>
    public const string AptPackage = "dataset-fashion-mnist";
    /// <summary>Image height, width (28 each) and pixels per image (784).</summary>
    public const int Height = 28, Width = 28, Pixels = Height * Width;

    /// <summary>Reads images (count × 784, scaled) and labels (0..9) of a split.</summary>
    public static (float[][] Images, float[] Labels) Load(string? directory, FashionMnistSplit split, PixelRange range, int? maxCount = null)
    {
        if (maxCount is { } m) Guard.Positive(m, nameof(maxCount));
        directory ??= DefaultDirectory;
        string prefix = split == FashionMnistSplit.Train ? "train" : "t10k";
        var (imageShape, imageBytes) = IdxFile.Read(Locate(directory, $"{prefix}-images-idx3-ubyte"));
        var (labelShape, labelBytes) = IdxFile.Read(Locate(directory, $"{prefix}-labels-idx1-ubyte"));
        if (imageShape.Length != 3 || imageShape[1] != Height || imageShape[2] != Width)
            throw new InvalidDataException($"Fashion-MNIST images in '{directory}' have shape [{string.Join(", ", imageShape)}]; expected [N, 28, 28].");
        if (labelShape.Length != 1 || labelShape[0] != imageShape[0])
            throw new InvalidDataException($"Fashion-MNIST in '{directory}' has {imageShape[0]} images but labels of shape [{string.Join(", ", labelShape)}].");
        int count = Math.Min(imageShape[0], maxCount ?? int.MaxValue);
        var images = new float[count][];
        var labels = new float[count];
        float scale = range == PixelRange.ZeroToOne ? 1f / 255f : 1f / 127.5f;
        float shift = range == PixelRange.ZeroToOne ? 0f : -1f;
        for (int n = 0; n < count; n++)
        {
            var row = new float[Pixels];
            for (int p = 0; p < Pixels; p++) row[p] = imageBytes[n * Pixels + p] * scale + shift;
            images[n] = row;
            labels[n] = labelBytes[n];
        }
        return (images, labels);
    }

    /// <summary>The file itself, or its .gz, or an error naming the path and the apt package.</summary>
    private static string Locate(string directory, string name)
    {
        string plain = Path.Combine(directory, name), gz = plain + ".gz";
        if (File.Exists(plain)) return plain;
        if (File.Exists(gz)) return gz;
        throw new FileNotFoundException(
            $"Fashion-MNIST file not found: '{gz}' (nor '{plain}'). Install it with 'apt-get install -y {AptPackage}' " +
            $"(files go to {DefaultDirectory}) or pass the directory that holds the IDX files.", gz);
    }
}
