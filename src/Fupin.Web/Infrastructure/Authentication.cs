using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Fupin.Accounts;
using Fupin.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Fupin.Web.Infrastructure;

/// <summary>
/// People sign in with a cookie (HttpOnly, SameSite=Strict, Secure over HTTPS, 30 minutes idle);
/// programs send <c>Authorization: Bearer fp_…</c>. A session's user (security stamp, active, role, regions) is read
/// from the database again at least every <see cref="SessionRecheck"/>, so a password, role or region changed by another
/// process (the CLI, another app server) takes effect within that time; a password changed here ends the other sessions at
/// once. <see cref="AccessScope"/> is built from that user. (Reading the user on every request was a third of the
/// board's cost under load.)
/// </summary>
public static class Authentication
{
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Bearer = "Bearer";
    const string Selector = "Fupin";

    public static IServiceCollection AddFupinAuth(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "Cookie or API token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Bearer : Cookie)
            .AddCookie(Cookie, o =>
            {
                o.Cookie.Name = "fupin.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.ReturnUrlParameter = "returnUrl";
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = ValidateSessionAsync,
                    OnRedirectToLogin = c =>
                    {
                        if (ErrorHandling.IsApi(c.Request.Path)) c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        else c.Response.Redirect(c.RedirectUri);
                        return Task.CompletedTask;
                    },
                    // A page or API the role may not use answers 403 (the error page or ProblemDetails).
                    OnRedirectToAccessDenied = c =>
                    {
                        c.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    },
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(Bearer, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.ReadRegistry, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allowed(c.User, Roles.CanReadRegistry)))
            .AddPolicy(Policies.EditRegistry, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allowed(c.User, Roles.CanEditRegistry)))
            .AddPolicy(Policies.ReadAuditLog, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allowed(c.User, Roles.CanReadAuditLog)))
            .AddPolicy(Policies.ManageUsers, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allowed(c.User, Roles.CanManageUsers)));

        services.AddScoped<CurrentUser>();
        services.AddScoped(sp => sp.GetRequiredService<CurrentUser>().Scope);
        return services;
    }

    static bool Allowed(ClaimsPrincipal user, Func<Role, bool> rule) => CurrentUser.RoleOf(user) is { } role && rule(role);

    /// <summary>How long a session's user, once read from the database, is trusted before it is read again.</summary>
    public static readonly TimeSpan SessionRecheck = TimeSpan.FromSeconds(10);

    sealed record Session(AuthenticatedUser User, string RegionNames);

    static (string, long) SessionKey(long userId) => ("fupin:session", userId);

    /// <summary>Forgets the user's sessions read so far: their next request reads the user from the database (after a password change).</summary>
    public static void ForgetSessions(IServiceProvider services, long userId) => services.GetRequiredService<IMemoryCache>().Remove(SessionKey(userId));

    /// <summary>The cookie keeps only id and stamp; the rest is read from the database (or from the last reading, if recent and of the same stamp).</summary>
    static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var id = long.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var v) ? v : 0;
        var stamp = context.Principal?.FindFirstValue(Claims.Stamp) ?? "";
        var cache = context.HttpContext.RequestServices.GetRequiredService<IMemoryCache>();
        if (!cache.TryGetValue(SessionKey(id), out Session? session) || session is null || session.User.SecurityStamp != stamp)
        {
            await using var db = SystemContext(context.HttpContext.RequestServices);
            var user = await new GetSessionUser(db).HandleAsync(id, stamp, context.HttpContext.RequestAborted);
            if (user is null)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Cookie);
                return;
            }
            var names = await db.Regions.Where(r => user.RegionCodes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, context.HttpContext.RequestAborted);
            session = new Session(user, string.Join("、", user.RegionCodes.Select(c => names.GetValueOrDefault(c, c))));
            cache.Set(SessionKey(id), session, SessionRecheck);
        }
        var principal = Principal(session.User, Cookie);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Claims.RegionNames, session.RegionNames));
        context.ReplacePrincipal(principal);
    }

    /// <summary>Accounts are read outside the request's scope: the scope is what is being decided.</summary>
    public static AppDbContext SystemContext(IServiceProvider services) =>
        new(services.GetRequiredService<Microsoft.EntityFrameworkCore.DbContextOptions<AppDbContext>>(), services.GetRequiredService<TimeProvider>(), AccessScope.System);

    /// <summary>What the session cookie holds.</summary>
    public static ClaimsPrincipal SessionPrincipal(SignedInUser user) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.UserName),
        new Claim(Claims.Stamp, user.SecurityStamp),
    ], Cookie));

    public static ClaimsPrincipal Principal(AuthenticatedUser user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(Claims.DisplayName, user.DisplayName),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(Claims.Stamp, user.SecurityStamp),
        };
        claims.AddRange(user.RegionCodes.Select(c => new Claim(Claims.Region, c)));
        if (user.MustChangePassword) claims.Add(new Claim(Claims.MustChangePassword, "1"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}

public static class Policies
{
    public const string ReadRegistry = "ReadRegistry";
    public const string EditRegistry = "EditRegistry";
    public const string ReadAuditLog = "ReadAuditLog";
    public const string ManageUsers = "ManageUsers";
}

public static class Claims
{
    public const string DisplayName = "fupin:display_name";
    public const string Region = "fupin:region";

    /// <summary>The names of the user's regions, for the page header (sessions only).</summary>
    public const string RegionNames = "fupin:region_names";
    public const string Stamp = "fupin:stamp";
    public const string MustChangePassword = "fupin:must_change_password";
}

/// <summary><c>Authorization: Bearer fp_…</c>: an API token of an active user, not revoked.</summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        await using var db = Authentication.SystemContext(Context.RequestServices);
        var user = await new AuthenticateToken(db).HandleAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("无效或已吊销的令牌");
        return AuthenticateResult.Success(new AuthenticationTicket(Authentication.Principal(user, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

/// <summary>The signed-in user of this request (none for an anonymous one) and their scope.</summary>
public sealed class CurrentUser(IHttpContextAccessor http)
{
    ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsSignedIn => Id is not null;

    public long? Id => Role is null ? null
        : long.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) ? id : null;

    public string UserName => Principal.Identity?.Name ?? "";
    public string DisplayName => Principal.FindFirstValue(Claims.DisplayName) ?? UserName;
    public Role? Role => RoleOf(Principal);
    public string RoleLabel => Role is { } r ? Roles.Label(r) : "";
    public IReadOnlyList<string> Regions => [.. Principal.FindAll(Claims.Region).Select(c => c.Value)];
    public bool MustChangePassword => Principal.HasClaim(c => c.Type == Claims.MustChangePassword);

    public bool Can(Func<Role, bool> rule) => Role is { } r && rule(r);

    public AccessScope Scope => Id is { } id && Role is { } role ? AccessScope.For(id, role, Regions) : AccessScope.None;

    /// <summary>The names of the user's regions (their codes for an API token's user).</summary>
    public string RegionNames => Principal.FindFirstValue(Claims.RegionNames) ?? string.Join("、", Regions);

    /// <summary>Only a role read from a full (database-validated) principal counts, not one from a bare session cookie.</summary>
    public static Role? RoleOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) && Enum.IsDefined(role) ? role : null;
}
