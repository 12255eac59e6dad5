using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fupin.Data;
using Fupin.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fupin.Tests.Infrastructure;

/// <summary>
/// The web app on a fresh database of the engine under test, with the demo's business date
/// 2018-10-08 and no demo seed. One per test class; tests add the households they need.
/// </summary>
public class FupinApp : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public TestDatabase Db { get; private set; } = null!;
    public FupinFactory Factory { get; private set; } = null!;

    /// <summary>Settings on top of the test database's; the browser fixture turns the demo on.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual bool UseKestrel => false;

    public virtual async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>(Db.ConfigurationValues)
        {
            ["Fupin:BusinessDate"] = "2018-10-08",
            ["Fupin:Demo"] = "false",
        };
        foreach (var (key, value) in Settings) settings[key] = value;
        Factory = new FupinFactory(settings, UseKestrel);
        if (UseKestrel) Factory.StartServer();
        else Factory.CreateClient().Dispose();
    }

    public virtual async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Db.DisposeAsync();
    }

    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<T> GetJsonAsync<T>(string url)
    {
        using var client = Client();
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }
}

public sealed class FupinFactory : WebApplicationFactory<Program>
{
    readonly IReadOnlyDictionary<string, string?> settings;
    readonly bool kestrel;

    public FupinFactory(IReadOnlyDictionary<string, string?> settings, bool kestrel)
    {
        this.settings = settings;
        this.kestrel = kestrel;
        if (kestrel) UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string BaseUrl => kestrel
        ? Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/')
        : "http://localhost";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development: appsettings.Development.json turns the demo on.
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>The settings the app actually resolved (guards against the defaults leaking into tests).</summary>
    public DatabaseSettings Database => Services.GetRequiredService<DatabaseSettings>();
}
