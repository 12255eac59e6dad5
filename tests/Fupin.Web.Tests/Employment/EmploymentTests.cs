using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Employment;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Employment;

/// <summary>
/// 石门村 (…201) holds 石门甲 (able, no tie) and 石门老 (丧失劳动力); 竹园村 (…202) holds 竹园乙 (able, no tie). 石门甲's
/// household is paired with 王帮扶 (县教育局, 0377-66123456). A village cadre of 竹园村 and a county leader sign in.
/// </summary>
public sealed class EmploymentApp : FupinApp
{
    public const string Zhuyuan = "411321304202";
    public SignedInClient Cadre { get; private set; } = null!;
    public SignedInClient Leader { get; private set; } = null!;
    public long Shimen { get; private set; }
    public long ShimenJia { get; private set; }
    public long ShimenLao { get; private set; }
    public long ZhuyuanYi { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Shimen = await Seed.HouseholdAsync(Db, RegistryBuilder.Village, "石门甲", h =>
            h.Members.Add(RegistryBuilder.Member(h, m => (m.Name, m.Relation, m.LabourSkill) = ("石门老", "之父", LabourSkill.Lost))));
        var zhuyuan = await Seed.HouseholdAsync(Db, Zhuyuan, "竹园乙");
        await using var db = Db.NewContext();
        ShimenJia = await db.Members.Where(m => m.Name == "石门甲").Select(m => m.Id).SingleAsync();
        ShimenLao = await db.Members.Where(m => m.Name == "石门老").Select(m => m.Id).SingleAsync();
        ZhuyuanYi = await db.Members.Where(m => m.HouseholdId == zhuyuan).Select(m => m.Id).SingleAsync();
        db.Pairings.Add(new Pairing
        {
            CadreName = "王帮扶", CadreUnit = "县教育局", CadrePhone = "0377-66123456", HouseholdId = Shimen, CountyCode = RegistryBuilder.County,
            From = new DateOnly(2016, 3, 1),
        });
        await db.SaveChangesAsync();
        Cadre = await SignInAsync(await UserAsync(Role.VillageCadre, [Zhuyuan]));
        Leader = await SignInAsync(await UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
    }
}

public class EmploymentTests(EmploymentApp app) : IClassFixture<EmploymentApp>
{
    static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Task<HttpResponseMessage> send)
    {
        var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    static string[] Codes(JsonElement problem, string field) =>
        [.. problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    static void Refused(HttpStatusCode status, JsonElement problem, string field, string code)
    {
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([code], Codes(problem, field));
    }

    [Fact]
    public async Task Api_VillageCadre_SeesOnlyTheirVillage_InCoverageAndGaps()
    {
        using var cadre = app.ClientFor(app.Cadre);

        var own = await cadre.GetFromJsonAsync<CoverageView>("/api/employment/coverage", FupinApp.Json);
        Assert.Equal((EmploymentApp.Zhuyuan, 1, 0), (own!.RegionCode, own.All.Target, own.All.Covered));
        var township = await cadre.GetFromJsonAsync<CoverageView>($"/api/employment/coverage?region={RegistryBuilder.Township}", FupinApp.Json);
        Assert.Equal([EmploymentApp.Zhuyuan], township!.Children.Select(c => c.RegionCode));
        Assert.Equal(1, township.All.Target);
        var gaps = await cadre.GetFromJsonAsync<CoverageGaps>($"/api/employment/coverage/gaps?region={RegistryBuilder.Township}", FupinApp.Json);
        Assert.Equal(["竹园乙"], gaps!.Gaps.Select(g => g.MemberName));

        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/api/employment/coverage?region={RegistryBuilder.Village}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/api/employment/coverage/gaps?region={RegistryBuilder.Village}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/api/employment/coverage/gaps/export?region={RegistryBuilder.Village}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/api/employment/households/{app.Shimen}")).StatusCode);
        var (bad, problem) = await SendAsync(cadre.GetAsync("/api/employment/coverage?region=41132"));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal(["region.invalid"], Codes(problem, "region"));
    }

    [Fact]
    public async Task Api_GapList_ShowsThePairingCadreWithPhone_AndTheCountyRollsUpTheVillages()
    {
        var gaps = await app.GetJsonAsync<CoverageGaps>($"/api/employment/coverage/gaps?region={RegistryBuilder.Village}");
        var gap = Assert.Single(gaps.Gaps, g => g.MemberName == "石门甲");
        Assert.Equal(new PairingCadre("王帮扶", "县教育局", "0377-66123456"), gap.Cadre);
        Assert.True(gap.NotAsked);
        Assert.DoesNotContain(gaps.Gaps, g => g.MemberName == "石门老");

        var county = await app.GetJsonAsync<CoverageView>($"/api/employment/coverage?region={RegistryBuilder.County}");
        var township = await app.GetJsonAsync<CoverageView>($"/api/employment/coverage?region={RegistryBuilder.Township}");
        Assert.Equal(CoverageFigures.Sum(township.Children.Select(c => c.All)), township.All);
        Assert.Equal(township.All, county.Children.Single(c => c.RegionCode == RegistryBuilder.Township).All);
    }

    [Fact]
    public async Task Api_RecordJobAndWillingness_RefusalsCarryCodes_AndWriteNothing()
    {
        using var client = app.Client();
        async Task<(HttpStatusCode, JsonElement)> Job(object body) => await SendAsync(client.PostAsJsonAsync("/api/employment/jobs", body, FupinApp.Json));

        var (s1, p1) = await Job(new { memberId = app.ShimenJia, year = 2018, kind = "PublicWelfare", months = 12 });
        Refused(s1, p1, "post", "employment.post_required");
        var (s2, p2) = await Job(new { memberId = app.ShimenJia, year = 2018, kind = "Migrant", months = 13, place = "浙江省义乌市" });
        Refused(s2, p2, "months", "employment.months_invalid");
        var (s3, p3) = await Job(new { memberId = app.ShimenJia, year = 2018, kind = "Local", months = 3, monthlyIncomeYuan = 1200.005m });
        Refused(s3, p3, "monthlyIncomeYuan", "employment.income_invalid");
        var (s4, p4) = await SendAsync(client.PostAsJsonAsync("/api/employment/willingness", new { memberId = app.ShimenLao, willing = true }, FupinApp.Json));
        Refused(s4, p4, "memberId", RecordWillingness.NotAbleCode);
        var (s5, p5) = await SendAsync(client.PostAsJsonAsync("/api/employment/willingness", new { memberId = app.ShimenJia, willing = false }, FupinApp.Json));
        Refused(s5, p5, "note", "willingness.note_required");
        using (var leader = app.ClientFor(app.Leader))
            Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync("/api/employment/jobs",
                new { memberId = app.ShimenJia, year = 2018, kind = "Local", months = 3 }, FupinApp.Json)).StatusCode);
        using (var cadre = app.ClientFor(app.Cadre))
        {
            var (s6, p6) = await SendAsync(cadre.PostAsJsonAsync("/api/employment/jobs", new { memberId = app.ShimenJia, year = 2018, kind = "Local", months = 3 }, FupinApp.Json));
            Refused(s6, p6, "memberId", "employment.member_unknown");
        }
        await using (var db = app.Db.NewContext())
        {
            Assert.Equal(0, await db.Jobs.CountAsync());
            Assert.Equal(0, await db.Willingness.CountAsync());
        }

        var (created, saved) = await Job(new { memberId = app.ShimenJia, year = 2018, kind = "PublicWelfare", months = 12, post = "护林员", monthlyIncomeYuan = 400m });
        Assert.Equal(HttpStatusCode.Created, created);
        var household = await app.GetJsonAsync<HouseholdEmployment>($"/api/employment/households/{app.Shimen}");
        var jia = household.Members.Single(m => m.Name == "石门甲");
        Assert.Equal((CoverageState.Covered, "护林员", 40_000L), (jia.State!.Value, Assert.Single(jia.Jobs).Post, jia.Jobs[0].MonthlyIncomeFen));
        var jobs = await app.GetJsonAsync<JobList>($"/api/employment/jobs?region={RegistryBuilder.Village}&kind=PublicWelfare");
        Assert.Equal((1, 12), (jobs.Persons, jobs.PersonMonths));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/employment/jobs/{saved.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/employment/jobs/{saved.GetProperty("id").GetInt64()}")).StatusCode);
        var after = await app.GetJsonAsync<HouseholdEmployment>($"/api/employment/households/{app.Shimen}");
        Assert.Equal(CoverageState.Gap, after.Members.Single(m => m.Name == "石门甲").State);
    }

    [Fact]
    public async Task Export_GapList_IsAnXlsxNamedForTheRegion_AndLogged()
    {
        using var client = app.Client();
        var response = await client.GetAsync($"/api/employment/coverage/gaps/export?region={RegistryBuilder.Village}&year=2018");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportCoverageGaps.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("石门村", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(bytes, 0, 2));
        await using var db = app.Db.NewContext();
        Assert.True(await db.Changes.AnyAsync(c => c.Entity == ExportCoverageGaps.Entity && c.Action == AccountLog.Exported && c.User == FupinApp.AdminName));
    }

    [Fact]
    public async Task Pages_CoverageJobsAndHousehold_Render_AndTheHouseholdFormRecordsWillingness()
    {
        using var client = app.ClientFor(app.Admin, bearerForApi: false);
        var coverage = await client.GetStringAsync($"/employment/coverage?region={RegistryBuilder.Village}");
        Assert.Contains("石门甲", coverage, StringComparison.Ordinal);
        Assert.Contains("0377-66123456", coverage, StringComparison.Ordinal);
        Assert.Contains("/employment/coverage/export?region=411321304201", coverage, StringComparison.Ordinal);
        var county = await client.GetStringAsync("/employment/coverage");
        Assert.Contains($"/employment/coverage?region={RegistryBuilder.Township}", county, StringComparison.Ordinal);
        Assert.Contains("data-coverage-chart", county, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/employment")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/employment/coverage/export?region=411321304201")).StatusCode);

        var page = await client.GetStringAsync($"/households/{app.Shimen}");
        Assert.Contains("就业与产业帮扶", page, StringComparison.Ordinal);
        var form = System.Text.RegularExpressions.Regex.Match(page, $"<form[^>]*data-willingness-form=\"{app.ShimenJia}\"[\\s\\S]*?</form>").Value;
        var fields = Api.HiddenFields(form);
        fields["recordedOn"] = "2018-10-01";
        fields["note"] = "";
        fields["willing"] = "true";
        var post = await client.PostAsync("/employment?handler=Willingness", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal($"/households/{app.Shimen}?employment=saved#employment", post.Headers.Location!.OriginalString);
        fields["willing"] = "false";
        var refused = await client.PostAsync("/employment?handler=Willingness", new FormUrlEncodedContent(fields));
        Assert.Contains("employment=willingness.note_required", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);

        await using var db = app.Db.NewContext();
        var w = await db.Willingness.SingleAsync(x => x.MemberId == app.ShimenJia);
        Assert.Equal((true, new DateOnly(2018, 10, 1), FupinApp.AdminName), (w.Willing, w.RecordedOn, w.RecordedBy));
        db.Willingness.Remove(w);
        await db.SaveChangesAsync();
    }
}
