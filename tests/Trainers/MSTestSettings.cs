[assembly: Parallelize(Scope = ExecutionScope.MethodLevel, Workers = 2)]

namespace MlGan.Trainers.Tests
{
    [TestClass]
    public static class TorchAssemblySetup
    {
        /// <summary>Loads libtorch through MlGan's gate first, so tests that call TorchSharp directly run under the same oneDNN policy.</summary>
        [AssemblyInitialize]
        public static void LoadLibTorch(TestContext _) => MlGan.Transforms.Native.TorchNative.EnsureAvailable();
    }
}
