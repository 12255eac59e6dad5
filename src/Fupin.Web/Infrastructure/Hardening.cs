using System.Globalization;
using System.Threading.RateLimiting;

namespace Fupin.Web.Infrastructure;

/// <summary>Security headers on every response, the sign-in rate limit and the forced password change.</summary>
public static class Hardening
{
    const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>POST /login: at most <c>Fupin:SignInPerMinute</c> (default 10) a minute from one address.</summary>
    public static IServiceCollection AddFupinHardening(this IServiceCollection services, IConfiguration config)
    {
        var perMinute = config.GetValue("Fupin:SignInPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("other"));
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask; // the status code page says it in Chinese
            };
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "fupin.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(http);
        });
        return app;
    }

    /// <summary>A user with a one-time password sees only the change-password page until they choose one.</summary>
    public static WebApplication UseForcedPasswordChange(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var path = http.Request.Path;
            if (http.User.HasClaim(c => c.Type == Claims.MustChangePassword)
                && !ErrorHandling.IsApi(path)
                && !path.StartsWithSegments("/account/password", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments("/logout", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.Redirect("/account/password");
                return Task.CompletedTask;
            }
            return next(http);
        });
        return app;
    }
}
