namespace MlGan.Tests.Shared;

/// <summary>
/// Linked into every test project: loads libtorch through MlGan's gate before any test runs, so tests that call
/// TorchSharp directly run under the same oneDNN policy as the library (see MlGan.Transforms.Native.OneDnn).
/// </summary>
[TestClass]
public static class TorchAssemblySetup
{
    [AssemblyInitialize]
    public static void LoadLibTorch(TestContext _) => MlGan.Transforms.Native.TorchNative.EnsureAvailable();
}
