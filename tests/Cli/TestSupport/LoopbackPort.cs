using System.Net;
using System.Net.Sockets;

namespace MlGan.Cli.Tests.TestSupport;

/// <summary>A loopback port free at the time of asking, for a server process a test starts on a known URL.</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
