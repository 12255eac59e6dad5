using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fupin.Accounts;
using Fupin.Data;
using Fupin.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fupin.Tests.Infrastructure;

/// <summary>
/// The web app on a fresh database of the engine under test, with the demo's business date
/// 2018-10-08 and no demo seed. One per test class; tests add the households they need.
/// <see cref="Client"/> acts as a signed-in county administrator: pages through a session cookie
/// from the real /login form, /api with a bearer token; other users come from <see cref="SignInAsync"/>.
/// </summary>
public class FupinApp : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public TestDatabase Db { get; private set; } = null!;
    public FupinFactory Factory { get; private set; } = null!;

    /// <summary>Settings on top of the test database's; the browser fixture turns the demo on.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual bool UseKestrel => false;

    /// <summary>Data put in the database before the app starts (what the app does at start-up sees it).</summary>
    protected virtual Task BeforeStartAsync(TestDatabase db) => Task.CompletedTask;

    public virtual async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>(Db.ConfigurationValues)
        {
            ["Fupin:BusinessDate"] = "2018-10-08T10:00",
            ["Fupin:Demo"] = "false",
            // Tests sign in many times from one address; the limit itself has its own test.
            ["Fupin:SignInPerMinute"] = "10000",
            // Hundreds of apps start in a run; the warm-up has its own test.
            ["Fupin:WarmUpBoards"] = "false",
        };
        foreach (var (key, value) in Settings) settings[key] = value;
        await BeforeStartAsync(Db);
        Factory = new FupinFactory(settings, UseKestrel);
        if (UseKestrel) Factory.StartServer();
        else Factory.CreateClient().Dispose();
        if (UseKestrel) return;
        Admin = await SignInAsync(await UserAsync(Role.CountyAdmin, [RegistryBuilder.County], AdminName));
    }

    public const string AdminName = "test-admin";
    public const string Password = "Passw0rd2018";

    /// <summary>The county administrator every <see cref="Client"/> acts as.</summary>
    public SignedInClient Admin { get; private set; } = null!;

    /// <summary>A user with a known password (not a one-time one) and an API token.</summary>
    public async Task<TestUser> UserAsync(Role role, string[] regions, string? name = null)
    {
        name ??= $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}";
        await using var db = Db.NewContext();
        var user = new User
        {
            UserName = name,
            DisplayName = Roles.Label(role) + "（测试）",
            Role = role,
            PasswordHash = "",
            SecurityStamp = Passwords.NewSecurityStamp(),
            Regions = [.. regions.Select(r => new UserRegion { RegionCode = r })],
        };
        user.PasswordHash = Passwords.Hash(user, Password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        var token = await new CreateApiToken(db).HandleAsync(new CreateApiTokenRequest(name, "测试", "test"), default);
        return new TestUser(user.Id, name, role, token.Value!.Token, token.Value.Id);
    }

    /// <summary>Signs in through the /login form (with its anti-forgery token), as a browser would.</summary>
    public async Task<SignedInClient> SignInAsync(TestUser user)
    {
        var cookies = new CookieContainer();
        using var client = Factory.CreateDefaultClient(new CookieContainerHandler(cookies));
        var response = await PostLoginAsync(client, user.UserName, Password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {user.UserName}: {(int)response.StatusCode}");
        return new SignedInClient(user, cookies);
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var form = Api.HiddenFields(await client.GetStringAsync("/login"));
        form["UserName"] = userName;
        form["Password"] = password;
        return await client.PostAsync("/login", new FormUrlEncodedContent(form));
    }

    /// <summary>A client of a signed-in user: the session cookie for pages, the bearer token for /api.</summary>
    public HttpClient ClientFor(SignedInClient user, bool bearerForApi = true) =>
        bearerForApi
            ? Factory.CreateDefaultClient(new CookieContainerHandler(user.Cookies), new BearerForApi(user.User.Token))
            : Factory.CreateDefaultClient(new CookieContainerHandler(user.Cookies));

    /// <summary>Nobody signed in (cookies kept, redirects not followed).</summary>
    public HttpClient AnonymousClient() => Factory.CreateDefaultClient(new CookieContainerHandler());

    public virtual async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Db.DisposeAsync();
    }

    /// <summary>The county administrator's client; redirects are not followed.</summary>
    public HttpClient Client() => ClientFor(Admin);

    public async Task<T> GetJsonAsync<T>(string url)
    {
        using var client = Client();
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }
}

public sealed record TestUser(long Id, string UserName, Role Role, string Token, long TokenId);

public sealed record SignedInClient(TestUser User, CookieContainer Cookies);

/// <summary>Adds the API token to /api requests only: pages go by the session cookie.</summary>
public sealed class BearerForApi(string token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
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
