using System.Text.RegularExpressions;
using Fupin.Accounts;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;

namespace Fupin.Tests.Board;

/// <summary>
/// The board page below the breadcrumb is rendered once per region, business date and data stamp and then served from
/// memory: a change in the county shows on the next load, and what is the user's own (header, which crumbs are links)
/// is not taken from another user's rendering.
/// </summary>
public partial class BoardPageCacheTests(FupinApp app) : IClassFixture<FupinApp>
{
    [Fact]
    public async Task BoardPage_ServedAgain_ShowsAChangeInTheCountyOnTheNextLoad()
    {
        await RegistryBuilder.AddHouseholdAsync(app.Db);
        using var admin = app.Client();
        var first = Households(await admin.GetStringAsync("/board/" + RegistryBuilder.County));
        Assert.Equal(first, Households(await admin.GetStringAsync("/board/" + RegistryBuilder.County)));

        await RegistryBuilder.AddHouseholdAsync(app.Db);
        Assert.Equal(first + 1, Households(await admin.GetStringAsync("/board/" + RegistryBuilder.County)));
    }

    [Fact]
    public async Task BoardPage_RenderedForOneUser_KeepsTheNextUsersOwnHeaderAndCrumbs()
    {
        await RegistryBuilder.EnsureVillageAsync(app.Db);
        using var admin = app.Client();
        var adminPage = await admin.GetStringAsync("/board/" + RegistryBuilder.Township);
        var township = await app.SignInAsync(await app.UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township], "township-cache"));
        using var officer = app.ClientFor(township);
        var officerPage = await officer.GetStringAsync("/board/" + RegistryBuilder.Township);

        Assert.Equal(Body(adminPage), Body(officerPage)); // the same rendering of the board itself
        Assert.Contains("<a href=\"/board/411321\">", Crumbs(adminPage), StringComparison.Ordinal);
        Assert.DoesNotContain("<a href=\"/board/411321\">", Crumbs(officerPage), StringComparison.Ordinal); // the county is above the officer's region
        Assert.Contains(Roles.Label(Role.TownshipOfficer), Header(officerPage), StringComparison.Ordinal);
        Assert.DoesNotContain(Roles.Label(Role.TownshipOfficer), Header(adminPage), StringComparison.Ordinal);
    }

    static int Households(string html) =>
        int.Parse(HouseholdsFigure().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no households figure"), System.Globalization.CultureInfo.InvariantCulture);

    static string Body(string html) => html[html.IndexOf("<p class=\"lead board-lead\">", StringComparison.Ordinal)..html.IndexOf("<script src=\"/lib/echarts.min.js\"", StringComparison.Ordinal)];

    static string Crumbs(string html) => html[html.IndexOf("<nav class=\"breadcrumb\"", StringComparison.Ordinal)..html.IndexOf("</nav>", html.IndexOf("<nav class=\"breadcrumb\"", StringComparison.Ordinal), StringComparison.Ordinal)];

    static string Header(string html) => html[..html.IndexOf("<main", StringComparison.Ordinal)];

    [GeneratedRegex("data-figure=\"households\"[\\s\\S]*?data-value=\"(\\d+)\"")]
    private static partial Regex HouseholdsFigure();
}
