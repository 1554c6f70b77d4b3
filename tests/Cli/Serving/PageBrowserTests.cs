using Microsoft.Playwright;
using SkiaSharp;

namespace MlGan.Cli.Tests.Serving;

/// <summary>
/// The page of `mlgan serve` in a real browser: Debian's chromium (headless), driven by Playwright. It renders the
/// grid, a click draws new samples, interpolation and the class picker work, the PNG downloads, and the console
/// stays free of errors.
/// </summary>
[TestClass]
public sealed class PageBrowserTests
{
    /// <summary>Debian's chromium package (tests/run.sh installs it); Playwright downloads no browser.</summary>
    private const string Chromium = "/usr/bin/chromium";

    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        Assert.IsTrue(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (tests/run.sh does).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    [ClassCleanup]
    public static async Task Stop()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>A fresh page on <paramref name="url"/> whose console errors and uncaught exceptions land in <paramref name="errors"/>.</summary>
    private static async Task<IPage> Open(string url, List<string> errors)
    {
        var page = await _browser!.NewPageAsync(new() { AcceptDownloads = true });
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        await page.GotoAsync(url + "/");
        await WaitForRender(page, 1);
        return page;
    }

    private static Task WaitForRender(IPage page, int n) =>
        page.WaitForFunctionAsync($"() => document.getElementById('view').dataset.renders === '{n}'", null, new() { Timeout = 20_000 });

    private static Task<string> Canvas(IPage page) => page.EvaluateAsync<string>("() => document.getElementById('view').toDataURL()");

    [TestMethod]
    public async Task ImageModel_GridRenders_NewSamplesRedraws_InterpolatesAndDownloads()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Image());
        var errors = new List<string>();
        var page = await Open(server.Url, errors);

        // 16 samples of 1×4×4, each drawn 24× (96 px) in a 4 × 4 grid with 2 px gutters.
        Assert.AreEqual(4 * (96 + 2) + 2, await page.EvaluateAsync<int>("() => document.getElementById('view').width"));
        StringAssert.Contains(await page.TextContentAsync("#status"), "16 samples, seed 1");
        // Top-left pixel of the first tile: the server's first sample for seed 1, value range [0, 1] → 0..255.
        float first = server.Generator.Generate(server.Generator.SampleLatent(16, 1))[0][0];
        int red = await page.EvaluateAsync<int>("() => document.getElementById('view').getContext('2d').getImageData(2, 2, 1, 1).data[0]");
        Assert.AreEqual(Math.Round(first * 255), red, 1.0);

        string before = await Canvas(page);
        await page.ClickAsync("#new-samples");
        await WaitForRender(page, 2);
        Assert.AreNotEqual(before, await Canvas(page), "new samples are drawn");
        Assert.AreNotEqual("1", await page.InputValueAsync("#seed"), "with a new seed in the box");

        await page.FillAsync("#steps", "6");
        await page.ClickAsync("#interpolate");
        await WaitForRender(page, 3);
        Assert.AreEqual(6 * (96 + 2) + 2, await page.EvaluateAsync<int>("() => document.getElementById('view').width"), "one row of 6");
        StringAssert.Contains(await page.TextContentAsync("#status"), "6 samples, seed 1 → seed 2");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        Assert.AreEqual("mlgan-samples.png", download.SuggestedFilename);
        string saved = Path.Combine(Path.GetTempPath(), $"mlgan-page-{Guid.NewGuid():N}.png");
        await download.SaveAsAsync(saved);
        try
        {
            using var png = SKBitmap.Decode(saved);
            Assert.AreEqual(6 * (96 + 2) + 2, png.Width);
            Assert.AreEqual(96 + 4, png.Height);
        }
        finally
        {
            File.Delete(saved);
        }
        Assert.IsEmpty(errors, string.Join("\n", errors));
    }

    [TestMethod]
    public async Task ConditionalTwoDModel_ScatterWithAClassPicker()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Conditional());
        var errors = new List<string>();
        var page = await Open(server.Url, errors);
        Assert.AreEqual(480, await page.EvaluateAsync<int>("() => document.getElementById('view').width"), "a scatter for 2-D samples");
        Assert.IsTrue(await page.IsVisibleAsync("#class"));
        Assert.AreEqual(4, await page.Locator("#class option").CountAsync(), "balanced + classes 0, 1, 2");

        string balanced = await Canvas(page);
        await page.SelectOptionAsync("#class", "2");
        await page.ClickAsync("#generate");
        await WaitForRender(page, 2);
        Assert.AreNotEqual(balanced, await Canvas(page), "one class draws other points than all classes");
        StringAssert.Contains(await page.TextContentAsync("#status"), "512 samples");
        Assert.IsEmpty(errors, string.Join("\n", errors));
    }

    [TestMethod]
    public async Task KeyedServer_PageAsksForTheKeyThenDraws()
    {
        await using var server = await RunningServer.StartAsync(TestModels.Mlp(), new() { ApiKey = "page-key" });
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(server.Url + "/");
        await page.WaitForSelectorAsync("#key-box:not([hidden])", new() { Timeout = 20_000 });
        StringAssert.Contains(await page.TextContentAsync("#status"), "API key");
        await page.FillAsync("#key", "page-key");
        await page.ClickAsync("#key-use");
        await WaitForRender(page, 1);
        StringAssert.Contains(await page.TextContentAsync("#model"), "Latent 3");
    }
}
