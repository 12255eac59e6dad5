using System.Net;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;

namespace Fupin.Tests.Board;

/// <summary>The board API and page on a small registry: who sees which region's board.</summary>
public class BoardApiTests : IClassFixture<FupinApp>, IAsyncLifetime
{
    readonly FupinApp _app;

    public BoardApiTests(FupinApp app) => _app = app;

    public async Task InitializeAsync()
    {
        await using var db = _app.Db.NewContext();
        if (db.Households.Any()) return;
        await RegistryBuilder.AddHouseholdAsync(_app.Db, h => h.Members.Add(RegistryBuilder.Member(h)));
        await RegistryBuilder.AddHouseholdAsync(_app.Db, h => { h.Status = PovertyStatus.ExitedWithPolicy; h.ExitYear = 2018; });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Admin_GetsTheCountyBoard_WithTheRegistryFigures()
    {
        var board = await _app.GetJsonAsync<BoardView>("/api/board/411321");
        Assert.Equal("411321", board.RegionCode);
        Assert.Equal(2m, board.Figure("households")!.Value);
        Assert.Equal(3m, board.Figure("persons")!.Value);
        Assert.Equal(1m, board.Figure("poor_households")!.Value);
        Assert.Equal(1m, board.Figure("exited_households")!.Value);
        Assert.Contains(board.Children, c => c.Code == RegistryBuilder.Township && c.Indicators["poor_households"] == 1m);
    }

    [Fact]
    public async Task TownshipUser_GetsItsTownship_AndNotFoundForTheCountyOrAnotherTownship()
    {
        var user = await _app.SignInAsync(await _app.UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township]));
        using var client = _app.ClientFor(user);
        var own = await client.GetAsync("/api/board/" + RegistryBuilder.Township);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var board = System.Text.Json.JsonSerializer.Deserialize<BoardView>(await own.Content.ReadAsStringAsync(), FupinApp.Json)!;
        Assert.Equal(RegistryBuilder.Township, board.RegionCode);
        Assert.Equal(2m, board.Figure("households")!.Value);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/board/411321")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/board/411321100")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/board/411321")).StatusCode);

        // The page without a code shows the user's own region.
        var page = await client.GetAsync("/board");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("挂图作战 · 石门乡", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_UnknownOrMalformedRegion_IsNotFound()
    {
        using var client = _app.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/board/411321999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/board/41132")).StatusCode);
    }

    [Fact]
    public async Task PairingCadre_MayNotSeeTheBoard()
    {
        var user = await _app.SignInAsync(await _app.UserAsync(Role.PairingCadre, [RegistryBuilder.Village]));
        using var client = _app.ClientFor(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/board/" + RegistryBuilder.Village)).StatusCode);
    }

    [Fact]
    public async Task HouseholdsList_BoardFilters_PoorExitYearPlannedYear_ShowTheirTotals()
    {
        using var client = _app.Client();
        static int Total(string html, string measure)
        {
            var m = System.Text.RegularExpressions.Regex.Match(html, $"data-total-{measure}=\"(\\d+)\"");
            Assert.True(m.Success, "no data-total-" + measure);
            return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        var poor = await client.GetStringAsync("/households?region=411321&poor=true");
        Assert.Equal(1, Total(poor, "households"));
        Assert.Equal(2, Total(poor, "persons"));
        var exited = await client.GetStringAsync("/households?region=411321&exitYear=2018");
        Assert.Equal(1, Total(exited, "households"));
        Assert.Equal(1, Total(exited, "persons"));
        var planned = await client.GetStringAsync("/households?region=411321&plannedExitYear=2017");
        Assert.Equal(0, Total(planned, "households"));
    }
}
