using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Imports;

/// <summary>石门乡 with 石门村 (the village cadre's) and 竹园村, a household in each; a village cadre and a county leader.</summary>
public sealed class ImportsApp : FupinApp
{
    public const string Mine = RegistryBuilder.Village;
    public const string Other = "411321304202";

    public SignedInClient Cadre { get; private set; } = null!;
    public SignedInClient Leader { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Seed.HouseholdAsync(Db, Mine, "本村甲", extraMembers: 1);
        await Seed.HouseholdAsync(Db, Other, "外村丙");
        Cadre = await SignInAsync(await UserAsync(Role.VillageCadre, [Mine]));
        Leader = await SignInAsync(await UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
    }
}

/// <summary>Small national-layout member lists written by the tests.</summary>
public static class MemberList
{
    static readonly string[] Header =
    [
        "县(市、区、旗)", "乡（镇）", "行政村", "户编号", "人编号", "姓名", "身份证号码", "人数", "户主关系", "性别", "民族",
        "文化程度", "在校生状况", "健康状况", "劳动技能", "务工所在地", "务工时间（月）", "是否参加大病保险", "贫困户属性", "脱贫属性", "主要致贫原因", "户联系电话",
    ];

    public static string Id(int day, int sequence) => ResidentId.Create(RegistryBuilder.County, new DateOnly(1975, 1, 1).AddDays(day), sequence).ToString();

    public static string?[] Person(string household, string name, string id, string relation, string village = "石门村")
    {
        var gender = ResidentId.Parse(id, new DateOnly(2018, 10, 8)).Id!.Value.Gender == Gender.Male ? "男" : "女";
        return ["南召县", "石门乡", village, household, null, name, id, "2", relation, gender, "汉族",
            "初中", null, "健康", "普通劳动力", null, null, "是", "一般贫困户", "未脱贫", "因病", "13800001111"];
    }

    /// <summary>A household of two: 户主 and 配偶, ID numbers from <paramref name="day"/> on.</summary>
    public static IEnumerable<string?[]> Couple(string household, int day, string village = "石门村") =>
    [
        Person(household, "王" + day.ToString(CultureInfo.InvariantCulture), Id(day, 11), "户主", village),
        Person(household, "李" + day.ToString(CultureInfo.InvariantCulture), Id(day + 1, 12), "配偶", village),
    ];

    public static byte[] Csv(IEnumerable<string?[]> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", Header));
        foreach (var r in rows) sb.AppendLine(string.Join(",", r.Select(c => c ?? "")));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public static MultipartFormDataContent Upload(byte[] file, string fileName, string field = "file")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/octet-stream");
        return new MultipartFormDataContent { { content, field, fileName } };
    }
}

public class ImportsTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    static async Task<(HttpStatusCode Status, JsonElement Report)> ImportAsync(HttpClient client, byte[] file, string fileName, string query = "")
    {
        var response = await client.PostAsync("/api/imports/households" + query, MemberList.Upload(file, fileName));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    async Task<bool> ExistsAsync(string number)
    {
        await using var db = app.Db.NewContext(AccessScope.System);
        return await db.Households.AnyAsync(h => h.Number == number);
    }

    [Fact]
    public async Task ValidCsv_CreatesHouseholds_AuditedWithTheFileNameAndUser()
    {
        using var client = app.Client();
        var file = MemberList.Csv([.. MemberList.Couple("41132130410001", 1), .. MemberList.Couple("41132130410002", 3)]);

        var (status, report) = await ImportAsync(client, file, "石门村名单.csv");

        Assert.True(status == HttpStatusCode.OK, report.ToString());
        Assert.True(report.GetProperty("written").GetBoolean());
        Assert.Equal(2, report.GetProperty("added").GetInt32());
        Assert.Equal(4, report.GetProperty("members").GetInt32());
        Assert.Equal("石门村名单.csv", report.GetProperty("file").GetString());
        Assert.True(await ExistsAsync("41132130410001"));
        await using var db = app.Db.NewContext(AccessScope.System);
        var changes = await db.Changes.Where(c => c.Reason == "导入 石门村名单.csv").ToListAsync();
        Assert.NotEmpty(changes);
        Assert.All(changes, c => Assert.Equal(FupinApp.AdminName, c.User));

        // The same file again changes nothing.
        var (again, second) = await ImportAsync(client, file, "石门村名单.csv");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(0, second.GetProperty("added").GetInt32());
        Assert.Equal(0, second.GetProperty("changed").GetInt32());
        Assert.Equal(2, second.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task OneBadRow_Rejects422_NamesRowAndRule_WritesNothing()
    {
        using var client = app.Client();
        var bad = MemberList.Person("41132130420002", "赵错", MemberList.Id(21, 13), "户主");
        bad[6] = bad[6]![..17] + (bad[6]![17] == '0' ? "1" : "0"); // wrong check character
        var file = MemberList.Csv([.. MemberList.Couple("41132130420001", 11), bad]);

        var (status, report) = await ImportAsync(client, file, "bad.csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.False(report.GetProperty("written").GetBoolean());
        var problem = report.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("severity").GetString() == "error");
        Assert.Equal(4, problem.GetProperty("row").GetInt32()); // header is row 1
        Assert.Equal("id.bad_check_character", problem.GetProperty("rule").GetString());
        Assert.Equal("身份证号码", problem.GetProperty("column").GetString());
        Assert.False(await ExistsAsync("41132130420001"));
        Assert.False(await ExistsAsync("41132130420002"));

        // Importing the valid households only writes the good one.
        var (valid, partial) = await ImportAsync(client, file, "bad.csv", "?mode=valid");
        Assert.Equal(HttpStatusCode.OK, valid);
        Assert.Equal(1, partial.GetProperty("added").GetInt32());
        Assert.Equal(1, partial.GetProperty("rejected").GetInt32());
        Assert.True(await ExistsAsync("41132130420001"));
        Assert.False(await ExistsAsync("41132130420002"));
    }

    [Fact]
    public async Task DryRun_ReportsWhatWouldBeAdded_WritesNothing()
    {
        using var client = app.Client();
        var file = MemberList.Csv(MemberList.Couple("41132130430001", 31));

        var (status, report) = await ImportAsync(client, file, "dry.csv", "?dryRun=true");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(report.GetProperty("dryRun").GetBoolean());
        Assert.False(report.GetProperty("written").GetBoolean());
        Assert.Equal(1, report.GetProperty("added").GetInt32());
        Assert.False(await ExistsAsync("41132130430001"));
        await using var db = app.Db.NewContext(AccessScope.System);
        Assert.False(await db.Changes.AnyAsync(c => c.Reason == "导入 dry.csv"));
    }

    [Fact]
    public async Task VillageCadre_FileForAnotherVillage_RejectedWhole_NothingWritten()
    {
        using var client = app.ClientFor(app.Cadre);
        var file = MemberList.Csv([.. MemberList.Couple("41132130440001", 41), .. MemberList.Couple("41132130440002", 43, "竹园村")]);

        var (status, report) = await ImportAsync(client, file, "mixed.csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.False(report.GetProperty("written").GetBoolean());
        var problems = report.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("rule").GetString() == "scope.outside" && p.GetProperty("household").GetString() == "41132130440002");
        Assert.DoesNotContain(problems, p => p.GetProperty("household").GetString() == "41132130440001");
        Assert.False(await ExistsAsync("41132130440001"));
        Assert.False(await ExistsAsync("41132130440002"));

        // A new village name under the township would be created outside the cadre's village too.
        var (newVillage, _) = await ImportAsync(client, MemberList.Csv(MemberList.Couple("41132130440003", 45, "新建村")), "new.csv");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, newVillage);
        await using (var db = app.Db.NewContext(AccessScope.System))
            Assert.False(await db.Regions.AnyAsync(r => r.Name == "新建村"));

        // Their own village alone is imported.
        var (own, ownReport) = await ImportAsync(client, MemberList.Csv(MemberList.Couple("41132130440001", 41)), "own.csv");
        Assert.True(own == HttpStatusCode.OK, ownReport.ToString());
        Assert.True(await ExistsAsync("41132130440001"));
    }

    [Fact]
    public async Task VillageCadre_HouseholdNumberOrIdRegisteredInAnotherVillage_Rejected()
    {
        await using (var db = app.Db.NewContext(AccessScope.System))
        {
            var other = await db.Households.Include(h => h.Members).FirstAsync(h => h.VillageCode == ImportsApp.Other);
            using var client = app.ClientFor(app.Cadre);
            // The other village's household number, placed in the cadre's own village.
            var (byNumber, report) = await ImportAsync(client, MemberList.Csv(MemberList.Couple(other.Number, 51)), "number.csv");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, byNumber);
            Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetProperty("rule").GetString() == "scope.outside");

            // A person of the other village, in a new household of the cadre's village.
            var person = MemberList.Person("41132130450001", other.Members[0].Name, other.Members[0].IdNumber!.Value.ToString(), "户主");
            var (byId, _) = await ImportAsync(client, MemberList.Csv([person]), "id.csv");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, byId);
        }
        Assert.False(await ExistsAsync("41132130450001"));
    }

    [Fact]
    public async Task CountyLeader_Forbidden_Anonymous_ToLogin()
    {
        using var leader = app.ClientFor(app.Leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/imports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/imports/template")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/imports/export?region={RegistryBuilder.Township}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/imports/export?region={RegistryBuilder.Township}")).StatusCode);
        var post = await leader.PostAsync("/api/imports/households", MemberList.Upload(MemberList.Csv(MemberList.Couple("41132130460001", 61)), "x.csv"));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.False(await ExistsAsync("41132130460001"));
        Assert.DoesNotContain("href=\"/imports\"", await leader.GetStringAsync("/"));

        using var anonymous = app.AnonymousClient();
        var page = await anonymous.GetAsync("/imports");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/login", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/imports/households", MemberList.Upload([1], "x.csv"))).StatusCode);
    }

    [Fact]
    public async Task BadFileType_400()
    {
        using var client = app.Client();
        var response = await client.PostAsync("/api/imports/households", MemberList.Upload(Encoding.UTF8.GetBytes("hello"), "notes.txt"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains(".xlsx 或 .csv", StringComparison.Ordinal), body);

        var fake = await client.PostAsync("/api/imports/households", MemberList.Upload(Encoding.UTF8.GetBytes("not a zip"), "fake.xlsx"));
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/imports/households?layout=other", MemberList.Upload([1], "x.csv"))).StatusCode);
    }

    [Theory]
    [InlineData("xlsx", "national")]
    [InlineData("csv", "national")]
    [InlineData("xlsx", "template")]
    public async Task ExportOfTownship_ImportsBackWithZeroChanges_AndIsLogged(string format, string layout)
    {
        using var client = app.Client();
        var response = await client.GetAsync($"/api/imports/export?region={RegistryBuilder.Township}&layout={layout}&format={format}&reveal=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fileName = response.Content.Headers.ContentDisposition!.FileNameStar!;
        Assert.EndsWith("." + format, fileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (format == "xlsx") Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        else Assert.Contains("外村丙", Encoding.UTF8.GetString(bytes));

        var (status, report) = await ImportAsync(client, bytes, fileName);
        Assert.True(status == HttpStatusCode.OK, report.ToString());
        Assert.Equal(0, report.GetProperty("added").GetInt32());
        Assert.Equal(0, report.GetProperty("changed").GetInt32());
        Assert.True(report.GetProperty("unchanged").GetInt32() >= 2);

        await using var db = app.Db.NewContext(AccessScope.System);
        var log = await db.Changes.Where(c => c.Action == AccountLog.Exported && c.Reason!.Contains(fileName)).ToListAsync();
        var entry = Assert.Single(log);
        Assert.Equal(FupinApp.AdminName, entry.User);
        Assert.Equal("明文", entry.Field);
    }

    [Fact]
    public async Task Export_MaskedByDefault_AndForRolesThatMayNotReveal_Logged()
    {
        using var client = app.Client();
        var response = await client.GetAsync($"/imports/export?region={RegistryBuilder.Township}&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        await using var db = app.Db.NewContext(AccessScope.System);
        var someId = (await db.Members.FirstAsync(m => m.Household!.VillageCode == ImportsApp.Other)).IdNumber!.Value.ToString();
        Assert.DoesNotContain(someId, text);
        var fileName = response.Content.Headers.ContentDisposition!.FileNameStar!;
        var entry = await db.Changes.SingleAsync(c => c.Action == AccountLog.Exported && c.Reason!.Contains(fileName));
        Assert.Equal("脱敏", entry.Field);
    }

    [Fact]
    public async Task Export_OutOfScope_404()
    {
        using var cadre = app.ClientFor(app.Cadre);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/api/imports/export?region={ImportsApp.Other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/imports/export?region={ImportsApp.Other}&format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync("/api/imports/export?region=999999")).StatusCode);
        var own = await cadre.GetAsync($"/api/imports/export?region={ImportsApp.Mine}&format=csv");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var text = await own.Content.ReadAsStringAsync();
        Assert.Contains("本村甲", text);
        Assert.DoesNotContain("外村丙", text);
    }

    [Fact]
    public async Task Page_UploadsWithAntiforgery_ShowsReport_AndOffersTemplateAndExport()
    {
        using var client = app.Client();
        var html = await client.GetStringAsync("/imports");
        Assert.Contains("/imports/template", html);
        Assert.Contains("仅检查不写入", html);
        Assert.Contains("显示完整号码", html);
        Assert.Contains($"value=\"{ImportsApp.Other}\"", html);

        var form = new MultipartFormDataContent();
        foreach (var (k, v) in Api.HiddenFields(html)) form.Add(new StringContent(v), k);
        form.Add(new StringContent("national"), "Layout");
        form.Add(new StringContent("all"), "Mode");
        form.Add(new StringContent("true"), "DryRun");
        var file = new ByteArrayContent(MemberList.Csv(MemberList.Couple("41132130470001", 71)));
        form.Add(file, "Upload", "页面.csv");
        var response = await client.PostAsync("/imports", form);
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, page);
        Assert.Contains("仅检查", page);
        Assert.Contains("data-count=\"added\">1", page);
        Assert.False(await ExistsAsync("41132130470001"));

        // Without the anti-forgery token the post is refused.
        var bare = new MultipartFormDataContent { { new ByteArrayContent(MemberList.Csv(MemberList.Couple("41132130470001", 71))), "Upload", "x.csv" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/imports", bare)).StatusCode);

        var template = await client.GetAsync("/imports/template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal("PK"u8.ToArray(), (await template.Content.ReadAsByteArrayAsync())[..2]);
    }

    [Fact]
    public async Task Page_VillageCadre_OtherVillage_ShowsScopeRejection()
    {
        using var client = app.ClientFor(app.Cadre);
        var html = await client.GetStringAsync("/imports");
        Assert.DoesNotContain($"value=\"{ImportsApp.Other}\"", html);
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in Api.HiddenFields(html)) form.Add(new StringContent(v), k);
        form.Add(new ByteArrayContent(MemberList.Csv(MemberList.Couple("41132130480001", 81, "竹园村"))), "Upload", "other.csv");
        var response = await client.PostAsync("/imports", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("不在您的管辖范围内", page);
        Assert.Contains("scope.outside", page);
        Assert.False(await ExistsAsync("41132130480001"));
    }
}
