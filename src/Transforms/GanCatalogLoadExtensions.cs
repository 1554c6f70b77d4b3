using Microsoft.ML;
using MlGan.Transforms.Data;
using MlGan.Transforms.Onnx;

namespace MlGan.Transforms;

/// <summary><c>ml.Gan().LoadGenerator(path)</c>: the way back from a saved generator to a typed transformer.</summary>
public static class GanCatalogLoadExtensions
{
    /// <summary>
    /// Loads a generator saved by <c>ml.Model.Save</c> (an ML.NET zip) or exported as .onnx (ExportOnnx, <c>mlgan export</c>).
    /// <c>ml.Model.Load</c> alone gives back a bare OnnxTransformer, which requires the latent column; this reads the ONNX
    /// model and its mlgan.* metadata (missing keys filled from the graph's shapes) and binds it to the given columns
    /// under the generator schema rule (see <see cref="LoadedGenerator"/>: a view without the latent column passes through).
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Neither an ML.NET zip holding an ONNX model nor an ONNX generator ([N, k] → [N, ...]).</exception>
    public static LoadedGenerator LoadGenerator(this GanCatalog catalog, string path,
        string outputColumnName = "Generated", string latentColumnName = GanDataCatalog.LatentColumn)
    {
        Guard.NotNull(catalog, nameof(catalog));
        var model = ReadModel(path);
        var metadata = GeneratorMetadata.FromModel(model, path);
        return new LoadedGenerator(catalog.Context, model, metadata, latentColumnName, outputColumnName, path);
    }

    /// <summary>The ONNX model of a generator zip or .onnx file.</summary>
    public static Onnx.Proto.ModelProto ReadModel(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The model path must be non-empty.", nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        // A zip holds the ML.NET binding's copy (a conditional generator's label input adapted to Single): restore the export's.
        return MlNetModelZip.IsZip(path) ? OnnxLabelInput.Restore(MlNetModelZip.ReadOnnx(path)) : OnnxModelFile.Load(path);
    }
}
