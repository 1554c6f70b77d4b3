using MlGan.Transforms.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Augmentation;

/// <summary>
/// Differentiable Augmentation (Zhao et al. 2020, "Differentiable Augmentation for Data-Efficient GAN Training"): a
/// random transform T applied to every batch the discriminator sees, real and generated alike, built from
/// differentiable tensor operations so that the generator's gradient flows back through T(G(z)). With limited data
/// it keeps the discriminator from memorising the training set without T leaking into the generated samples.
/// </summary>
/// <remarks>
/// <para>Policies (names case-insensitive, any subset):</para>
/// <list type="bullet">
/// <item><c>translation</c> — shift each image by an integer (dy, dx) of up to round(⅛·size) pixels per axis, zero fill.</item>
/// <item><c>cutout</c> — zero one square of side round(½·size) per axis, its centre uniform over the image.</item>
/// <item><c>color</c> — brightness + U(−0.5, 0.5), saturation × U(0, 2) around the per-pixel channel mean, contrast
/// × U(0.5, 1.5) around the per-sample mean; on MlGan's [−1, 1] images the brightness shift is ±¼ of the range
/// (saturation and contrast are scale-free). One-channel images: saturation is the identity.</item>
/// </list>
/// <para>
/// Whatever the order they are named in, the enabled policies run in the paper's order, color → translation →
/// cutout, so that padded and cut pixels stay exactly 0. Each sample gets its own draw; all randomness comes from
/// the <see cref="torch.Generator"/> handed to <see cref="Apply"/>, in that order: color 3·N uniforms (b, s, k),
/// translation 2·N integers (rows, columns), cutout 2·N integers (rows, columns). Draws are made on the CPU and
/// moved to the batch's device, so a seed gives the same transform on every device.
/// </para>
/// </remarks>
public sealed class DiffAugment
{
    /// <summary>The translation policy's name.</summary>
    public const string Translation = "translation";

    /// <summary>The cutout policy's name.</summary>
    public const string Cutout = "cutout";

    /// <summary>The color policy's name.</summary>
    public const string Color = "color";

    /// <summary>Every policy name, in canonical order (the order of <see cref="Policies"/> and <see cref="ToString"/>).</summary>
    public static IReadOnlyList<string> Names { get; } = [Translation, Cutout, Color];

    private readonly bool _translation, _cutout, _color;

    private DiffAugment(IReadOnlyCollection<string> policies)
    {
        _translation = policies.Contains(Translation);
        _cutout = policies.Contains(Cutout);
        _color = policies.Contains(Color);
        Policies = Names.Where(policies.Contains).ToArray();
    }

    /// <summary>The enabled policies, in canonical order (<see cref="Names"/>'s), not in the order they are applied.</summary>
    public IReadOnlyList<string> Policies { get; }

    /// <summary>
    /// The augmentation named by a comma-separated policy list, e.g. <c>"translation,cutout,color"</c>: any non-empty
    /// subset of <see cref="Names"/> in any order, case-insensitive, whitespace around names ignored.
    /// </summary>
    /// <param name="policies">The policy list.</param>
    /// <returns>The augmentation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policies"/> is null.</exception>
    /// <exception cref="ArgumentException">The list is empty, has an empty entry, names a policy twice or names an
    /// unknown policy (the message lists the valid ones).</exception>
    public static DiffAugment Parse(string policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        string valid = string.Join(", ", Names);
        if (string.IsNullOrWhiteSpace(policies))
            throw new ArgumentException($"DiffAugment policies must name at least one of {valid}; got an empty list.", nameof(policies));
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (string entry in policies.Split(','))
        {
            string name = entry.Trim();
            if (name.Length == 0)
                throw new ArgumentException($"DiffAugment policies '{policies}' has an empty entry; expected comma-separated names from {valid}.", nameof(policies));
            string? known = Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
                throw new ArgumentException($"Unknown DiffAugment policy '{name}' in '{policies}'. Valid policies: {valid}.", nameof(policies));
            if (!named.Add(known))
                throw new ArgumentException($"DiffAugment policies '{policies}' names '{known}' twice.", nameof(policies));
        }
        // Fail here, with the gate's explanation, rather than at the first augmented batch of a training run.
        TorchNative.EnsureAvailable();
        return new DiffAugment(named);
    }

    /// <summary>
    /// T(images): the enabled policies applied to a batch [N, C, H, W] of floating-point images (MlGan's range
    /// [−1, 1]), a fresh draw per sample from <paramref name="random"/>. The result is differentiable in
    /// <paramref name="images"/> (nothing is detached) and lives on its device, in its dtype.
    /// </summary>
    /// <param name="images">The batch [N, C, H, W].</param>
    /// <param name="random">The stream every random draw comes from (a CPU generator).</param>
    /// <returns>The augmented batch, of the same shape.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="images"/> is not a 4-D floating-point batch.</exception>
    public Tensor Apply(Tensor images, torch.Generator random)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(random);
        if (images.dim() != 4 || !images.is_floating_point())
            throw new ArgumentException(
                $"DiffAugment needs a floating-point image batch [N, C, H, W]; got {images.dtype} [{string.Join(", ", images.shape)}].", nameof(images));
        using var scope = NewDisposeScope();
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        var x = images;
        if (_color) x = ColorAugmentation.Apply(x, ColorAugmentation.Draw(count, random));
        if (_translation) x = TranslationAugmentation.Apply(x, TranslationAugmentation.Draw(count, height, width, random));
        if (_cutout) x = CutoutAugmentation.Apply(x, CutoutAugmentation.Draw(count, height, width, random));
        // At least one policy is enabled, so x is a new tensor, never the caller's.
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>The canonical policy list, e.g. <c>translation,cutout,color</c>; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() => string.Join(",", Policies);

    /// <summary>
    /// Requires image data: DiffAugment's policies act on height and width, so they need a per-sample shape
    /// (C, H, W). Meant for option validation, with the name of the option that turned DiffAugment on.
    /// </summary>
    /// <param name="imageShape">The data's per-sample image shape (C, H, W), or null for vector data.</param>
    /// <param name="optionName">The option that enabled DiffAugment, named in the message.</param>
    /// <exception cref="ArgumentException"><paramref name="imageShape"/> is null or not three positive sizes.</exception>
    public static void RequireImages(long[]? imageShape, string optionName)
    {
        ArgumentNullException.ThrowIfNull(optionName);
        if (imageShape is null)
            throw new ArgumentException(
                $"{optionName} (DiffAugment) augments images, but the data are vectors: set the image shape (C, H, W) or leave {optionName} unset.", optionName);
        if (imageShape.Length != 3 || imageShape.Any(d => d <= 0))
            throw new ArgumentException(
                $"{optionName} (DiffAugment) needs an image shape (C, H, W) with positive sizes; got [{string.Join(", ", imageShape)}].", optionName);
    }
}
