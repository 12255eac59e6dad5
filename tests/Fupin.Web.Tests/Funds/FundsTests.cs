using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Funds;
using Fupin.Projects;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Funds;

/// <summary>石门村 and 四棵树村; a county leader (reads, records nothing) and a township officer of 石门乡.</summary>
public sealed class FundsApp : FupinApp
{
    public const string OtherVillage = "411321305201";

    public SignedInClient Leader { get; private set; } = null!;
    public SignedInClient Officer { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db);
        await RegistryBuilder.EnsureVillageAsync(Db, OtherVillage, "四棵树村");
        Leader = await SignInAsync(await UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
        Officer = await SignInAsync(await UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township]));
    }

    static int _n;

    public async Task<long> ProjectAsync(string region = RegistryBuilder.Village, ProjectStage stage = ProjectStage.Implementing, string? name = null)
    {
        var n = Interlocked.Increment(ref _n);
        await using var db = Db.NewContext();
        var p = new Project
        {
            CountyCode = RegistryBuilder.County, RegionCode = region, Code = $"NZ2018-W-{n:D3}", Name = name ?? $"网页测试项目{n}", Category = ProjectCategory.Water,
            Year = 2018, ResponsibleUnit = "县水利局", ResponsiblePerson = "李工", BudgetFen = 50_000_000, Stage = stage, CreatedBy = "t",
        };
        db.Projects.Add(p);
        await db.SaveChangesAsync();
        return p.Id;
    }
}

public class FundsTests(FundsApp app) : IClassFixture<FundsApp>
{
    static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Task<HttpResponseMessage> send)
    {
        var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    static string[] Codes(JsonElement problem, string field) =>
        [.. problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    static async Task<long> SourceAsync(HttpClient client, decimal yuan, string name)
    {
        var (status, body) = await SendAsync(client.PostAsJsonAsync("/api/funds/sources",
            new { year = 2018, kind = "CentralSpecial", name, documentNo = "豫财农〔2018〕12号", receivedOn = "2018-03-01", amountYuan = yuan }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, status);
        return body.GetProperty("id").GetInt64();
    }

    async Task<(int Allocations, int Payments, long SourceAllocated, long ProjectAllocated, long ProjectDisbursed, long ProjectSpent)> StateAsync(long source, long project)
    {
        await using var db = app.Db.NewContext();
        var s = await db.FundSources.AsNoTracking().SingleAsync(x => x.Id == source);
        var p = await db.Projects.AsNoTracking().SingleAsync(x => x.Id == project);
        return (await db.FundAllocations.CountAsync(), await db.FundPayments.CountAsync(), s.AllocatedFen, p.AllocatedFen, p.DisbursedFen, p.SpentFen);
    }

    [Fact]
    public async Task Api_OverAllocationOverPaymentOverExpenditure_400WithCodes_NothingWritten_ThenWithinLimitsCreated()
    {
        using var admin = app.Client();
        var source = await SourceAsync(admin, 100_000m, "API测试资金");
        var project = await app.ProjectAsync();

        var (s1, p1) = await SendAsync(admin.PostAsJsonAsync("/api/funds/allocations",
            new { sourceId = source, projectId = project, allocatedOn = "2018-04-01", amountYuan = 100_000.01m }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        Assert.Equal(["funds.over_allocation"], Codes(p1, "amountFen"));
        Assert.Contains("剩余100,000.00元", p1.GetProperty("errors").GetProperty("amountFen")[0].GetString());
        var before = await StateAsync(source, project);

        var (s2, allocation) = await SendAsync(admin.PostAsJsonAsync("/api/funds/allocations",
            new { sourceId = source, projectId = project, allocatedOn = "2018-04-01", amountFen = 6_000_000 }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, s2);
        var allocationId = allocation.GetProperty("id").GetInt64();
        Assert.Equal(4_000_000, allocation.GetProperty("sourceRemainingFen").GetInt64());

        var (s3, p3) = await SendAsync(admin.PostAsJsonAsync("/api/funds/payments",
            new { allocationId, kind = "Disbursement", paidOn = "2018-05-01", amountYuan = 60_000.01m }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s3);
        Assert.Equal(["funds.over_payment"], Codes(p3, "amountFen"));
        var (s4, p4) = await SendAsync(admin.PostAsJsonAsync("/api/funds/payments",
            new { allocationId, kind = "Expenditure", paidOn = "2018-05-01", amountYuan = 1m }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s4);
        Assert.Equal(["funds.over_expenditure"], Codes(p4, "amountFen"));
        var (s5, p5) = await SendAsync(admin.PostAsJsonAsync("/api/funds/payments",
            new { allocationId, kind = "Disbursement", paidOn = "2018-05-01", amountYuan = 1.005m }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s5);
        Assert.Equal(["funds.amount_invalid"], Codes(p5, "amountYuan"));
        var middle = await StateAsync(source, project);
        Assert.Equal((before.Allocations + 1, before.Payments, 6_000_000L, 6_000_000L, 0L, 0L), middle);

        var (s6, paid) = await SendAsync(admin.PostAsJsonAsync("/api/funds/payments",
            new { allocationId, kind = "Disbursement", paidOn = "2018-05-01", amountYuan = 25_000.5m, payee = "县水利工程公司" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, s6);
        Assert.Equal(2_500_050, paid.GetProperty("projectDisbursedFen").GetInt64());

        var list = await app.GetJsonAsync<JsonElement>($"/api/funds/payments?project={project}");
        Assert.Equal("县水利工程公司", list.GetProperty("rows")[0].GetProperty("payee").GetString());
        Assert.Equal(6_000_000, list.GetProperty("project").GetProperty("figures").GetProperty("allocatedFen").GetInt64());
        var details = await app.GetJsonAsync<JsonElement>($"/api/funds/sources/{source}");
        Assert.Equal(60.0m, details.GetProperty("source").GetProperty("figures").GetProperty("allocationRate").GetDecimal());
    }

    [Fact]
    public async Task Api_LeaderAndTownshipOfficer_Forbidden_ToRecord_ButRead_NothingWritten()
    {
        using var admin = app.Client();
        var source = await SourceAsync(admin, 1_000m, "角色测试资金");
        var project = await app.ProjectAsync();
        var before = await StateAsync(source, project);
        foreach (var user in new[] { app.Leader, app.Officer })
        {
            using var client = app.ClientFor(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/funds/allocations",
                new { sourceId = source, projectId = project, allocatedOn = "2018-04-01", amountYuan = 10m }, FupinApp.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/funds/sources",
                new { year = 2018, kind = "Social", name = "x", receivedOn = "2018-03-01", amountYuan = 10m }, FupinApp.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/funds/overview?year=2018")).StatusCode);
        }
        Assert.Equal(before, await StateAsync(source, project));
        using var officer = app.ClientFor(app.Officer);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/funds/overview?region={FundsApp.OtherVillage[..9]}")).StatusCode);
    }

    [Fact]
    public async Task Api_NotPooledProject_400_FutureDate_400_BadRegion_400()
    {
        using var admin = app.Client();
        var source = await SourceAsync(admin, 1_000m, "入库测试资金");
        var applied = await app.ProjectAsync(stage: ProjectStage.TownshipReviewed);
        var (s1, p1) = await SendAsync(admin.PostAsJsonAsync("/api/funds/allocations",
            new { sourceId = source, projectId = applied, allocatedOn = "2018-04-01", amountYuan = 10m }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        Assert.Equal(["funds.project_not_pooled"], Codes(p1, "projectId"));
        var (s2, p2) = await SendAsync(admin.PostAsJsonAsync("/api/funds/sources",
            new { year = 2018, kind = "Social", name = "未来资金", receivedOn = "2018-10-09", amountYuan = 10m }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Equal(["funds.date_future"], Codes(p2, "receivedOn"));
        var (s3, p3) = await SendAsync(admin.GetAsync("/api/funds/overview?region=4113x"));
        Assert.Equal(HttpStatusCode.BadRequest, s3);
        Assert.Equal(["region.invalid"], Codes(p3, "region"));
    }

    [Fact]
    public async Task Page_AdminAllocatesThroughTheForm_OverAllocationShownAndNothingWritten_ProjectFilterListsIt_LeaderSeesNoForms()
    {
        using var api = app.Client();
        var source = await SourceAsync(api, 5_000m, "页面测试资金");
        var project = await app.ProjectAsync(name: "页面测试道路");
        using var admin = app.ClientFor(app.Admin, bearerForApi: false);

        var html = await admin.GetStringAsync($"/funds?project={project}");
        Assert.Contains("项目资金：页面测试道路", html);
        Assert.Contains($"<option value=\"{project}\" selected=\"selected\">", html);
        var form = Api.HiddenFields(html);
        form["SourceId"] = source.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["ProjectId"] = project.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["Date"] = "2018-04-02";
        form["Amount"] = "5,000.01";
        var before = await StateAsync(source, project);
        var refused = await admin.PostAsync($"/funds?project={project}&handler=Allocate", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("剩余5,000.00元", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, await StateAsync(source, project));

        form["Amount"] = "1234.56";
        var saved = await admin.PostAsync($"/funds?project={project}&handler=Allocate", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/funds?project={project}&saved=allocate", saved.Headers.Location!.OriginalString);
        Assert.Equal(123_456, (await StateAsync(source, project)).ProjectAllocated);
        var after = await admin.GetStringAsync(saved.Headers.Location.OriginalString);
        Assert.Contains("资金已下达到项目", after);
        Assert.Contains("1,234.56", after);
        Assert.Contains("data-allocation=", after);

        using var leader = app.ClientFor(app.Leader, bearerForApi: false);
        var leaderPage = await leader.GetStringAsync("/funds?year=2018");
        Assert.Contains("data-funds-chart=\"kind\"", leaderPage);
        Assert.Contains("data-funds-chart=\"months\"", leaderPage);
        Assert.DoesNotContain("data-form=", leaderPage);
        var leaderForm = Api.HiddenFields(leaderPage);
        leaderForm["Amount"] = "1";
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync("/funds?handler=Allocate", new FormUrlEncodedContent(leaderForm))).StatusCode);

        var sourcePage = await leader.GetAsync($"/funds/sources/{source}");
        Assert.Equal(HttpStatusCode.OK, sourcePage.StatusCode);
        Assert.Contains("页面测试道路", await sourcePage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/funds/sources/999999")).StatusCode);
    }

    [Fact]
    public async Task Export_Xlsx_ThreeSheets_LoggedWithFilters()
    {
        using var api = app.Client();
        await SourceAsync(api, 300m, "导出测试资金");
        using var admin = app.ClientFor(app.Admin, bearerForApi: false);

        var response = await admin.GetAsync("/funds/export?year=2018");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportFundLedger.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["资金来源", "资金下达", "拨付支出"], MiniExcelLibs.MiniExcel.GetSheetNames(stream));
        await using var db = app.Db.NewContext();
        Assert.True(await db.Changes.AnyAsync(c => c.Entity == ExportFundLedger.Entity && c.Action == AccountLog.Exported && c.NewValue == "year=2018"));
    }
}
