using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace MlGan.Cli.Tests.Serving;

/// <summary>
/// A JSON request body the test releases when it wants: sent with <c>Expect: 100-continue</c>, so
/// <see cref="Reading"/> completes only once the server's endpoint has started reading — that is, once the request
/// holds its concurrency slot — and the endpoint then waits until <see cref="Release"/>.
/// </summary>
internal sealed class HoldingBody : HttpContent
{
    private readonly byte[] _bytes;
    private readonly TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HoldingBody(string json)
    {
        _bytes = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    /// <summary>Completes when the server asked for the body.</summary>
    public Task Reading => _reading.Task;

    /// <summary>Lets the body go to the server.</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>Sends <paramref name="body"/> to <paramref name="url"/>/generate, to be released later.</summary>
    public static Task<HttpResponseMessage> Post(HttpClient client, string url, HoldingBody body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url + "/generate") { Content = body };
        request.Headers.ExpectContinue = true;
        return client.SendAsync(request);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        _reading.TrySetResult();
        await _release.Task;
        await stream.WriteAsync(_bytes);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return true;
    }
}
