using System.Net;
using System.Net.Http.Json;
using Fupin.Accounts;
using Fupin.Households;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Accounts;

/// <summary>Two villages of 石门乡; a household in each, one more in the first paired to a pairing cadre.</summary>
public sealed class AccessApp : FupinApp
{
    public const string Mine = RegistryBuilder.Village;
    public const string Other = "411321304202";

    public long MyHousehold { get; private set; }
    public long PairedHousehold { get; private set; }
    public long OtherHousehold { get; private set; }
    public string OtherNumber { get; private set; } = "";
    public Dictionary<Role, SignedInClient> Users { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        MyHousehold = await Seed.HouseholdAsync(Db, Mine, "本村甲");
        PairedHousehold = await Seed.HouseholdAsync(Db, Mine, "本村乙");
        OtherHousehold = await Seed.HouseholdAsync(Db, Other, "外村丙", h => OtherNumber = h.Number);
        foreach (var role in Enum.GetValues<Role>())
        {
            string[] regions = role switch
            {
                Role.TownshipOfficer => [RegistryBuilder.Township],
                Role.VillageCadre or Role.PairingCadre => [Mine],
                _ => [RegistryBuilder.County],
            };
            Users[role] = await SignInAsync(await UserAsync(role, regions));
        }
        await using var db = Db.NewContext();
        db.Pairings.Add(new Pairing { UserId = Users[Role.PairingCadre].User.Id, CadreName = "帮扶干部", HouseholdId = PairedHousehold, CountyCode = RegistryBuilder.County, From = new DateOnly(2018, 1, 1) });
        await db.SaveChangesAsync();
    }
}

public class AccessTests(AccessApp app) : IClassFixture<AccessApp>
{
    HttpClient As(Role role) => app.ClientFor(app.Users[role]);

    public static TheoryData<Role, int, int, int, int, int, int> Matrix => new()
    {
        // role, search page, search API, edit page, PUT API (empty body), audit log, users
        { Role.CountyAdmin, 200, 200, 200, 400, 200, 200 },
        { Role.CountyLeader, 200, 200, 403, 403, 403, 403 },
        { Role.Department, 403, 403, 403, 403, 403, 403 },
        { Role.TownshipOfficer, 200, 200, 200, 400, 403, 403 },
        { Role.VillageCadre, 200, 200, 200, 400, 403, 403 },
        { Role.PairingCadre, 200, 200, 403, 403, 403, 403 },
        { Role.Inspector, 200, 200, 403, 403, 403, 403 },
        { Role.Auditor, 403, 403, 403, 403, 200, 403 },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task RoleMatrix_EachRoleReachesExactlyWhatItMay(Role role, int searchPage, int searchApi, int editPage, int putApi, int audit, int users)
    {
        using var client = As(role);
        var household = role == Role.PairingCadre ? app.PairedHousehold : app.MyHousehold;

        Assert.Equal(searchPage, (int)(await client.GetAsync("/households")).StatusCode);
        Assert.Equal(searchApi, (int)(await client.GetAsync("/api/households")).StatusCode);
        Assert.Equal(editPage, (int)(await client.GetAsync($"/households/{household}/edit")).StatusCode);
        Assert.Equal(putApi, (int)(await client.PutJsonAsync($"/api/households/{household}", new { })).StatusCode);
        Assert.Equal(audit, (int)(await client.GetAsync("/audit")).StatusCode);
        Assert.Equal(users, (int)(await client.GetAsync("/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Forbidden_Api_AnswersProblemDetailsInChinese()
    {
        using var client = As(Role.Auditor);
        var response = await client.GetAsync("/api/households");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("没有权限", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forbidden_FormPost_WithAFieldNamedCode_StillAnswers403InChinese()
    {
        using var client = As(Role.Auditor);
        var response = await client.PostAsync("/users", new FormUrlEncodedContent([new("Code", "AC"), new("code", "abc")]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("没有权限", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task VillageCadre_OtherVillagesHousehold_IsNotFoundByPageApiSearchAndExport()
    {
        using var client = As(Role.VillageCadre);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/households/{app.MyHousehold}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/households/{app.OtherHousehold}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/households/{app.OtherHousehold}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/households/{app.OtherHousehold}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/households?region={AccessApp.Other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/households?region={AccessApp.Other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/households/export.csv?region={AccessApp.Other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/households/export?region={AccessApp.Other}")).StatusCode);

        var byNumber = await (await client.GetAsync($"/api/households?number={app.OtherNumber}")).Content.ReadFromJsonAsync<HouseholdPage>(FupinApp.Json);
        Assert.Equal(0, byNumber!.Total);
        var township = await (await client.GetAsync($"/api/households?region={RegistryBuilder.Township}")).Content.ReadFromJsonAsync<HouseholdPage>(FupinApp.Json);
        Assert.All(township!.Rows, r => Assert.Equal(AccessApp.Mine, r.VillageCode));
        var csv = await client.GetStringAsync("/households/export.csv");
        Assert.Contains("本村甲", csv);
        Assert.DoesNotContain("外村丙", csv);
    }

    [Fact]
    public async Task PairingCadre_SeesThePairedHousehold_AndNotAnUnpairedOneOfTheSameVillage()
    {
        using var client = As(Role.PairingCadre);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/households/{app.PairedHousehold}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/households/{app.MyHousehold}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/households/{app.MyHousehold}")).StatusCode);
        var page = await (await client.GetAsync("/api/households")).Content.ReadFromJsonAsync<HouseholdPage>(FupinApp.Json);
        Assert.Equal([app.PairedHousehold], page!.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Anonymous_PagesRedirectToLogin_ApiAnswers401_LoginHealthAndStaticFilesOpen()
    {
        using var client = app.AnonymousClient();

        var page = await client.GetAsync("/households");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/login?returnUrl=%2Fhouseholds", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        var api = await client.GetAsync($"/api/households/{app.MyHousehold}");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("请先登录", await api.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_IsRejected400_AndNothingChanges()
    {
        using var client = app.Client();
        var form = Api.HiddenFields(await client.GetStringAsync($"/households/{app.MyHousehold}/edit"));
        form.Remove("__RequestVerificationToken");
        form["Input.HousingArea"] = "99";
        form["Input.Reason"] = "无令牌";

        var response = await client.PostAsync($"/households/{app.MyHousehold}/edit", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.Db.NewContext();
        Assert.False(await db.Changes.AnyAsync(c => c.HouseholdId == app.MyHousehold && c.Reason == "无令牌"));
        using var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "x", ["Password"] = "y" }))).StatusCode);
    }

    [Fact]
    public async Task RevokedToken_Answers401()
    {
        var user = await app.UserAsync(Role.CountyLeader, [RegistryBuilder.County]);
        using var client = app.Factory.CreateDefaultClient(new BearerForApi(user.Token));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/households")).StatusCode);

        await using (var db = app.Db.NewContext())
            Assert.True((await new RevokeApiToken(db).HandleAsync(new RevokeApiTokenRequest(user.TokenId, "test"), default)).IsOk);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/households")).StatusCode);
        using var wrong = app.Factory.CreateDefaultClient(new BearerForApi("fp_" + new string('a', 32)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/households")).StatusCode);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        using var client = app.AnonymousClient();
        foreach (var url in new[] { "/login", "/api/households", "/health" })
        {
            var response = await client.GetAsync(url);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
        var html = await client.GetStringAsync("/login");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Header_ShowsDisplayNameRoleAndRegions_AndNavFitsTheRole()
    {
        using var village = As(Role.VillageCadre);
        var html = await village.GetStringAsync("/");
        Assert.Contains("村干部/第一书记（测试）", html);
        Assert.Contains("石门村", html);
        Assert.DoesNotContain("href=\"/audit\"", html);
        Assert.DoesNotContain("href=\"/users\"", html);

        using var auditor = As(Role.Auditor);
        html = await auditor.GetStringAsync("/");
        Assert.Contains("href=\"/audit\"", html);
        Assert.DoesNotContain("href=\"/households\"", html);
    }
}
