using System.Globalization;

namespace Fupin.Web.Infrastructure;

/// <summary>
/// Who an edit is recorded under. Accounts come with their own issue; until then an edit is
/// recorded as anonymous with the client's address, which is what is actually known.
/// </summary>
public static class Editor
{
    const int MaxLength = 64;

    public static string Of(HttpContext http)
    {
        var who = http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? name
            : string.Create(CultureInfo.InvariantCulture, $"匿名@{http.Connection.RemoteIpAddress?.ToString() ?? "本机"}");
        return who.Length <= MaxLength ? who : who[..MaxLength];
    }
}
