using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fupin.Households;

namespace Fupin.Tests.Infrastructure;

/// <summary>Small helpers for calling the app as a client would.</summary>
public static partial class Api
{
    public static async Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T body) =>
        await client.PutAsJsonAsync(url, body, FupinApp.Json);

    public static async Task<HouseholdDetails> HouseholdAsync(this FupinApp app, long id) =>
        await app.GetJsonAsync<HouseholdDetails>($"/api/households/{id}");

    /// <summary>The "errors" and "codes" of a 400 ValidationProblem, keyed by JSON field name.</summary>
    public static async Task<(Dictionary<string, string[]> Errors, Dictionary<string, string[]> Codes)> ValidationAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        var codes = json.RootElement.GetProperty("codes").Deserialize<Dictionary<string, string[]>>()!;
        return (errors, codes);
    }

    /// <summary>Fields of a rendered form (hidden inputs included), for posting it back like a browser.</summary>
    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match tag in InputTag().Matches(html))
        {
            var attrs = Attributes(tag.Value);
            if (attrs.GetValueOrDefault("type") == "hidden" && attrs.TryGetValue("name", out var name))
                fields[name] = attrs.GetValueOrDefault("value") ?? "";
        }
        return fields;
    }

    public static Dictionary<string, string> Attributes(string tag)
    {
        var attrs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match a in Attribute().Matches(tag)) attrs[a.Groups["k"].Value] = WebUtility.HtmlDecode(a.Groups["v"].Value);
        return attrs;
    }

    [GeneratedRegex("<input[^>]*>")]
    public static partial Regex InputTag();

    [GeneratedRegex("(?<k>[a-zA-Z-]+)=\"(?<v>[^\"]*)\"")]
    private static partial Regex Attribute();
}
