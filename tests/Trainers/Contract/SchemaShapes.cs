using System.Reflection;
using Microsoft.ML;

namespace MlGan.Trainers.Tests.Contract;

/// <summary>
/// SchemaShape of a DataViewSchema, as ML.NET's own estimator tests and EstimatorChain build it. ML.NET keeps
/// <c>SchemaShape.Create</c> internal (it is documented, but [BestFriend]), so the test reaches it by reflection.
/// </summary>
internal static class SchemaShapes
{
    private static readonly MethodInfo Create = typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(DataViewSchema)])
        ?? throw new InvalidOperationException("ML.NET no longer has SchemaShape.Create(DataViewSchema).");

    public static SchemaShape Of(DataViewSchema schema) => (SchemaShape)Create.Invoke(null, [schema])!;
}
