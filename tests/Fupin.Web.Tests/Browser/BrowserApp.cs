using Fupin.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Fupin.Tests.Browser;

/// <summary>
/// The app on a real Kestrel loopback port, started in demo mode so that startup migrates, writes
/// the demo county 南召县 and freezes 2017, as `dotnet run` does; and the machine's Chromium.
/// </summary>
public sealed class BrowserApp : FupinApp
{
    public const string Chromium = "/usr/bin/chromium";
    static readonly string[] Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => Factory.BaseUrl;

    protected override bool UseKestrel => true;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Fupin:Demo"] = "true" };

    public static string OutDir
    {
        get
        {
            var dir = Path.GetFullPath(Environment.GetEnvironmentVariable("FUPIN_TEST_OUT") is { Length: > 0 } d ? d : Path.Combine("TestResults", "screens"));
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = Args });
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>
    /// A page signed in as a demo account (<paramref name="user"/>, null for nobody) through the sign-in
    /// form, that records every console error, page error and failed or 4xx/5xx request.
    /// </summary>
    public async Task<(IPage Page, List<string> Problems)> NewPageAsync(int width = 1366, int height = 900, string? user = "admin")
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN", DeviceScaleFactor = 1 });
        // Generous waits: the test projects run side by side on two cores, and the first request of a
        // page compiles its view. Playwright still returns as soon as the condition holds.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add("console: " + m.Text); };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.RequestFailed += (_, r) => problems.Add($"request failed: {r.Url} {r.Failure}");
        page.Response += (_, r) => { if (r.Status >= 400) problems.Add($"HTTP {r.Status}: {r.Url}"); };
        if (user is not null)
        {
            await page.GotoAsync(BaseUrl + "/login");
            await page.FillAsync("#UserName", user);
            await page.FillAsync("#Password", Fupin.Accounts.SeedDemoAccounts.Password);
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        }
        return (page, problems);
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(OutDir, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty");
        return path;
    }
}
