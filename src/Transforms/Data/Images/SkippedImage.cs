namespace MlGan.Transforms.Data.Images;

/// <summary>An image that <see cref="ImageFolderOptions.SkipBad"/> left out, and why (the decoder's message).</summary>
/// <param name="Name">The image's name in its collection (<see cref="ImageCollection.NameOf"/>).</param>
/// <param name="Reason">The <see cref="InvalidDataException"/> message that rejected it.</param>
public readonly record struct SkippedImage(string Name, string Reason);
