using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Fupin.Verification;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Fupin.Tests.Verification;

/// <summary>
/// 石门乡 (411321304) with 石门村 and 竹园村, 四棵树乡 (411321305) with 四棵树村; findings are written
/// straight into the database by <see cref="FindingAsync"/>, one fresh household each, so the tests
/// do not step on each other. A township officer of 石门乡, a village cadre of 石门村, a county leader.
/// </summary>
public sealed class FindingsApp : FupinApp
{
    public const string MyTownship = RegistryBuilder.Township;
    public const string MyVillage = RegistryBuilder.Village;
    public const string NeighbourVillage = "411321304202";
    public const string OtherTownship = "411321305";
    public const string OtherVillage = "411321305201";

    public SignedInClient Officer { get; private set; } = null!;
    public SignedInClient Cadre { get; private set; } = null!;
    public SignedInClient Leader { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db, OtherVillage, "四棵树村");
        await RegistryBuilder.EnsureVillageAsync(Db, NeighbourVillage, "竹园村");
        Officer = await SignInAsync(await UserAsync(Role.TownshipOfficer, [MyTownship]));
        Cadre = await SignInAsync(await UserAsync(Role.VillageCadre, [MyVillage]));
        Leader = await SignInAsync(await UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
    }

    static int _n;

    /// <summary>A new household in the village (head and one member) and a 待核实 finding about the member.</summary>
    public async Task<(long FindingId, long HouseholdId, string Number, string Member)> FindingAsync(string village, string rule = "list.deceased")
    {
        var n = Interlocked.Increment(ref _n);
        var head = "核户" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string number = "";
        var householdId = await Seed.HouseholdAsync(Db, village, head, h => (number, h.Members[1].Name) = (h.Number, head + "子"), extraMembers: 1);
        await using var db = Db.NewContext();
        var member = await db.Members.Where(m => m.HouseholdId == householdId && m.Relation != "户主").SingleAsync();
        var finding = new Finding
        {
            Rule = rule,
            SubjectId = member.Id,
            HouseholdId = householdId,
            MemberId = member.Id,
            CountyCode = RegistryBuilder.County,
            VillageCode = village,
            AssignedTo = village,
            Evidence = "公安局《户籍注销（死亡、迁出）》（截至2018-09-30）第5行：注销原因：死亡，注销日期：2018-03-02",
            Status = FindingStatus.Open,
            FirstRunId = 1,
            LastSeenRunId = 1,
            CreatedAt = Db.Clock.GetUtcNow(),
            UpdatedAt = Db.Clock.GetUtcNow(),
        };
        db.Findings.Add(finding);
        await db.SaveChangesAsync();
        db.FindingEvents.Add(new FindingEvent { FindingId = finding.Id, At = Db.Clock.GetUtcNow(), User = "system", Action = "发现", Note = "第1次比对" });
        await db.SaveChangesAsync();
        return (finding.Id, householdId, number, member.Name);
    }
}

public class FindingsTests(FindingsApp app) : IClassFixture<FindingsApp>
{
    static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Task<HttpResponseMessage> send)
    {
        var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    static Task<HttpResponseMessage> StatusAsync(HttpClient client, long id, long version, FindingStatus? status, string? note = null, string? assignedTo = null) =>
        client.PostAsJsonAsync($"/api/verification/findings/{id}/status", new { version, status, note, assignedTo }, FupinApp.Json);

    static MultipartFormDataContent File(byte[] content, string fileName, string contentType)
    {
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { part, "file", fileName } };
    }

    static string[] Codes(JsonElement problem, string field) =>
        problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();

    async Task<long> VersionAsync(long id)
    {
        await using var db = app.Db.NewContext();
        return await db.Findings.Where(f => f.Id == id).Select(f => f.Version).SingleAsync();
    }

    [Fact]
    public async Task TownshipOfficer_SeesAndWorksOwnTownshipOnly_AnotherTownshipsFindingIs404OnPageAndApi()
    {
        var mine = await app.FindingAsync(FindingsApp.NeighbourVillage);
        var other = await app.FindingAsync(FindingsApp.OtherVillage);
        using (var admin = app.Client())
        {
            var (uploaded, _) = await SendAsync(admin.PostAsync($"/api/verification/findings/{other.FindingId}/evidence", File(Pdf, "外乡证明.pdf", "application/pdf")));
            Assert.Equal(HttpStatusCode.Created, uploaded);
        }
        await using (var db = app.Db.NewContext())
        {
            var evidenceId = await db.FindingEvidence.Where(e => e.FindingId == other.FindingId).Select(e => e.Id).SingleAsync();
            using var officer = app.ClientFor(app.Officer);

            var (status, list) = await SendAsync(officer.GetAsync($"/api/verification/findings?region={RegistryBuilder.County}&pageSize=200"));
            Assert.Equal(HttpStatusCode.OK, status);
            var ids = list.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
            Assert.Contains(mine.FindingId, ids);
            Assert.DoesNotContain(other.FindingId, ids);
            Assert.All(list.GetProperty("rows").EnumerateArray(), r => Assert.StartsWith(FindingsApp.MyTownship, r.GetProperty("villageCode").GetString()));

            Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/verification/findings/{mine.FindingId}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/verification/findings/{mine.FindingId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/verification/findings/{other.FindingId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/verification/findings/{other.FindingId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/verification/evidence/{evidenceId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/verification/findings?region={FindingsApp.OtherTownship}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/verification/counts?region={FindingsApp.OtherTownship}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/verification/findings/print?village={FindingsApp.OtherVillage}")).StatusCode);
            var (worked, _) = await SendAsync(StatusAsync(officer, other.FindingId, 0, FindingStatus.Verifying));
            Assert.Equal(HttpStatusCode.NotFound, worked);
            Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsync($"/api/verification/findings/{other.FindingId}/evidence", File(Pdf, "x.pdf", "application/pdf"))).StatusCode);

            var (ok, saved) = await SendAsync(StatusAsync(officer, mine.FindingId, 0, FindingStatus.Verifying));
            Assert.Equal(HttpStatusCode.OK, ok);
            Assert.Equal("Verifying", saved.GetProperty("status").GetString());

            // The county dashboard, seen by the officer: their township's findings only.
            var (countStatus, counts) = await SendAsync(officer.GetAsync($"/api/verification/counts?region={RegistryBuilder.County}"));
            Assert.Equal(HttpStatusCode.OK, countStatus);
            var children = counts.GetProperty("children").EnumerateArray().ToList();
            Assert.Equal([FindingsApp.MyTownship], children.Select(c => c.GetProperty("code").GetString()));
            var expected = await db.Findings.CountAsync(f => EF.Functions.Like(f.VillageCode, FindingsApp.MyTownship + "%") && f.GoneInRunId == null);
            Assert.Equal(expected, counts.GetProperty("total").GetProperty("total").GetInt32());

            var other2 = await db.Findings.SingleAsync(f => f.Id == other.FindingId);
            Assert.Equal(FindingStatus.Open, other2.Status);
        }
    }

    [Fact]
    public async Task Status_FollowsTheWorkflow_NoteRequiredToClose_ReopenOnlyByCountyAdmin_EachStepLogged()
    {
        var (id, householdId, _, _) = await app.FindingAsync(FindingsApp.MyVillage);
        using var cadre = app.ClientFor(app.Cadre);

        var (ok, saved) = await SendAsync(StatusAsync(cadre, id, 0, FindingStatus.Verifying));
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(1, saved.GetProperty("version").GetInt64());

        var (back, backBody) = await SendAsync(StatusAsync(cadre, id, 1, FindingStatus.Open));
        Assert.Equal(HttpStatusCode.BadRequest, back);
        Assert.Equal(["finding.transition"], Codes(backBody, "status"));

        var (noNote, noNoteBody) = await SendAsync(StatusAsync(cadre, id, 1, FindingStatus.Confirmed, "  "));
        Assert.Equal(HttpStatusCode.BadRequest, noNote);
        Assert.Equal(["finding.note_required"], Codes(noNoteBody, "note"));

        var (stale, staleBody) = await SendAsync(StatusAsync(cadre, id, 0, FindingStatus.Confirmed, "已入户核实"));
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal("conflict", staleBody.GetProperty("code").GetString());

        var (closed, _) = await SendAsync(StatusAsync(cadre, id, 1, FindingStatus.Confirmed, "入户核实：本人已于2018年3月去世，已做自然减员"));
        Assert.Equal(HttpStatusCode.OK, closed);

        using var officer = app.ClientFor(app.Officer);
        var (reopenByOfficer, reopenBody) = await SendAsync(StatusAsync(officer, id, 2, FindingStatus.Verifying, "重新核实"));
        Assert.Equal(HttpStatusCode.BadRequest, reopenByOfficer);
        Assert.Equal(["finding.reopen_admin_only"], Codes(reopenBody, "status"));

        using var admin = app.Client();
        var (reopened, reopenedBody) = await SendAsync(StatusAsync(admin, id, 2, FindingStatus.Verifying, "县扶贫办抽查，重新核实"));
        Assert.Equal(HttpStatusCode.OK, reopened);
        Assert.Equal("Verifying", reopenedBody.GetProperty("status").GetString());

        await using var db = app.Db.NewContext();
        var finding = await db.Findings.SingleAsync(f => f.Id == id);
        Assert.Equal((FindingStatus.Verifying, 3L, "县扶贫办抽查，重新核实"), (finding.Status, finding.Version, finding.Note));
        var events = await db.FindingEvents.Where(e => e.FindingId == id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["发现", "状态变更", "状态变更", "状态变更"], events.Select(e => e.Action));
        Assert.Equal([(FindingStatus?)FindingStatus.Open, FindingStatus.Verifying, FindingStatus.Confirmed], events.Skip(1).Select(e => e.From));
        Assert.Equal([(FindingStatus?)FindingStatus.Verifying, FindingStatus.Confirmed, FindingStatus.Verifying], events.Skip(1).Select(e => e.To));
        var changes = await db.Changes.Where(c => c.Entity == nameof(Finding) && c.EntityId == id).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(["待核实", "核实中", "属实（已整改）"], changes.Select(c => c.OldValue));
        Assert.Equal(["核实中", "属实（已整改）", "核实中"], changes.Select(c => c.NewValue));
        Assert.All(changes, c => Assert.Equal(householdId, c.HouseholdId));
        Assert.Equal(app.Cadre.User.UserName, changes[1].User);
        Assert.Contains("本人已于2018年3月去世", changes[1].Reason);
        Assert.Equal(FupinApp.AdminName, changes[2].User);
    }

    [Fact]
    public async Task Status_OpenStraightToFalseAlarm_Allowed_AssignToTownshipOnly_ReadOnlyRoleIs403()
    {
        var (id, _, _, _) = await app.FindingAsync(FindingsApp.MyVillage);
        using var officer = app.ClientFor(app.Officer);

        var (wrongVillage, wrongBody) = await SendAsync(StatusAsync(officer, id, 0, null, assignedTo: FindingsApp.NeighbourVillage));
        Assert.Equal(HttpStatusCode.BadRequest, wrongVillage);
        Assert.Equal(["finding.assign_invalid"], Codes(wrongBody, "assignedTo"));
        var (nothing, nothingBody) = await SendAsync(StatusAsync(officer, id, 0, null));
        Assert.Equal(["finding.unchanged"], Codes(nothingBody, "status"));
        Assert.Equal(HttpStatusCode.BadRequest, nothing);

        var (assigned, assignedBody) = await SendAsync(StatusAsync(officer, id, 0, null, assignedTo: FindingsApp.MyTownship));
        Assert.Equal(HttpStatusCode.OK, assigned);
        Assert.Equal(FindingsApp.MyTownship, assignedBody.GetProperty("assignedTo").GetString());

        var (falseAlarm, _) = await SendAsync(StatusAsync(officer, id, 1, FindingStatus.FalseAlarm, "同名同号为公安系统录入错误，公安已更正"));
        Assert.Equal(HttpStatusCode.OK, falseAlarm);

        using var leader = app.ClientFor(app.Leader);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/verification/findings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StatusAsync(leader, id, 2, FindingStatus.Verifying, "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/api/verification/findings/{id}/evidence", File(Pdf, "x.pdf", "application/pdf"))).StatusCode);
        var page = await leader.GetStringAsync($"/verification/findings/{id}");
        Assert.DoesNotContain("handler=Status", page);

        await using var db = app.Db.NewContext();
        var events = await db.FindingEvents.Where(e => e.FindingId == id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["发现", "分派", "状态变更"], events);
    }

    [Fact]
    public async Task Page_StatusForm_CloseWithoutNoteIsRefusedInChinese_WithNoteSaves_ConfirmedOffersTheMemberEdit()
    {
        var (id, householdId, _, member) = await app.FindingAsync(FindingsApp.MyVillage);
        using var cadre = app.ClientFor(app.Cadre);
        var html = await cadre.GetStringAsync($"/verification/findings/{id}");
        Assert.Contains("已死亡人员仍在册", html);
        Assert.Contains("注销原因：死亡", html);
        Assert.Contains($"href=\"/households/{householdId}\"", html);
        var form = Api.HiddenFields(html);
        Assert.Equal("0", form["Version"]);

        form["Status"] = "Confirmed";
        form["AssignedTo"] = FindingsApp.MyVillage;
        form["Note"] = "";
        var refused = await cadre.PostAsync($"/verification/findings/{id}?handler=Status", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("须填写核实情况", refusedHtml);
        Assert.Contains("data-error=\"finding.note_required\"", refusedHtml);
        Assert.Equal(0, await VersionAsync(id));

        form["Note"] = "入户核实属实，已报乡镇做成员减少";
        var saved = await cadre.PostAsync($"/verification/findings/{id}?handler=Status", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/verification/findings/{id}?saved=status", saved.Headers.Location?.OriginalString);

        var after = await cadre.GetStringAsync($"/verification/findings/{id}");
        Assert.Contains("属实（已整改）", after);
        Assert.Contains("data-remedy", after);
        var remedy = $"/households/{householdId}/edit?reason={Uri.EscapeDataString($"核实疑点#{id}")}";
        Assert.Contains($"href=\"{remedy}\" data-remedy-link", after);
        Assert.Contains($"核实疑点#{id}", after);
        // The edit page starts with the finding as its reason, so the registry change names it in the history.
        Assert.Contains($"核实疑点#{id}</textarea>", await cadre.GetStringAsync(remedy));
        Assert.Contains("入户核实属实，已报乡镇做成员减少", after);
        Assert.Contains(member, after);

        // Posting the form of the old version again: someone else's change is not overwritten.
        form["Note"] = "另一人的核实情况";
        var conflict = await cadre.PostAsync($"/verification/findings/{id}?handler=Status", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("已被他人办理", await conflict.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Evidence_TextRenamedJpg_RefusedWithEvidenceType_OnApiAndPage()
    {
        var (id, _, _, _) = await app.FindingAsync(FindingsApp.MyVillage);
        var fake = Encoding.UTF8.GetBytes("这不是照片，只是一段文字");
        using var cadre = app.ClientFor(app.Cadre);

        var (status, problem) = await SendAsync(cadre.PostAsync($"/api/verification/findings/{id}/evidence", File(fake, "现场照片.jpg", "image/jpeg")));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["evidence.type"], Codes(problem, "file"));
        Assert.Contains("JPEG", problem.GetProperty("errors").GetProperty("file")[0].GetString());

        var (empty, emptyBody) = await SendAsync(cadre.PostAsync($"/api/verification/findings/{id}/evidence", File([], "空.pdf", "application/pdf")));
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Equal(["evidence.empty"], Codes(emptyBody, "file"));

        var big = new byte[AddFindingEvidence.MaxBytes + 1];
        Pdf.CopyTo(big, 0);
        var (tooLarge, tooLargeBody) = await SendAsync(cadre.PostAsync($"/api/verification/findings/{id}/evidence", File(big, "大文件.pdf", "application/pdf")));
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge);
        Assert.Equal(["evidence.too_large"], Codes(tooLargeBody, "file"));

        var html = await cadre.GetStringAsync($"/verification/findings/{id}");
        var token = Api.HiddenFields(html)["__RequestVerificationToken"];
        var multipart = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var part = new ByteArrayContent(fake);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        multipart.Add(part, "Upload", "现场照片.jpg");
        var page = await cadre.PostAsync($"/verification/findings/{id}?handler=Evidence", multipart);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var pageHtml = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-code=\"evidence.type\"", pageHtml);
        Assert.Contains("只能上传 JPEG、PNG 图片或 PDF 文件", pageHtml);

        await using var db = app.Db.NewContext();
        Assert.False(await db.FindingEvidence.AnyAsync(e => e.FindingId == id));
        Assert.False(await db.FindingEvents.AnyAsync(e => e.FindingId == id && e.Action == "上传证据"));
    }

    [Fact]
    public async Task Evidence_Pdf_AcceptedThroughThePage_ListedAndDownloadedAsAttachment_Logged()
    {
        var (id, householdId, _, _) = await app.FindingAsync(FindingsApp.MyVillage);
        using var officer = app.ClientFor(app.Officer);
        var html = await officer.GetStringAsync($"/verification/findings/{id}");
        var token = Api.HiddenFields(html)["__RequestVerificationToken"];
        var part = new ByteArrayContent(Pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain"); // the client's word is not taken
        var multipart = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { part, "Upload", "核实证明.PDF" } };

        var response = await officer.PostAsync($"/verification/findings/{id}?handler=Evidence", multipart);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var after = await officer.GetStringAsync($"/verification/findings/{id}");
        await using var db = app.Db.NewContext();
        var stored = await db.FindingEvidence.SingleAsync(e => e.FindingId == id);
        Assert.Equal(("application/pdf", Pdf.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf))), (stored.ContentType, stored.Size, stored.Sha256));
        Assert.Contains($"href=\"/api/verification/evidence/{stored.Id}\" download>核实证明.PDF</a>", after);

        var download = await officer.GetAsync($"/api/verification/evidence/{stored.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("核实证明.PDF", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        var logged = await db.Changes.SingleAsync(c => c.Entity == nameof(Finding) && c.EntityId == id && c.Field == "证据");
        Assert.Equal((app.Officer.User.UserName, householdId), (logged.User, logged.HouseholdId));
        Assert.Contains(stored.Sha256, logged.NewValue);
        Assert.True(await db.FindingEvents.AnyAsync(e => e.FindingId == id && e.Action == "上传证据"));
    }

    [Fact]
    public async Task Export_IsAnXlsxOfTheFilteredFindings_WithABlankFieldColumn_AndIsLogged()
    {
        const string village = "411321304203";
        await RegistryBuilder.EnsureVillageAsync(app.Db, village, "西庄村");
        var first = await app.FindingAsync(village);
        var second = await app.FindingAsync(village, "list.payroll");
        using var client = app.Client();

        var response = await client.GetAsync($"/verification/findings/export?region={village}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportFindings.ContentType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(ExportFindings.Columns, rows[0].Keys);
        Assert.Equal([first.Number, second.Number], rows.Select(r => (string)r["户编号"]!).Order());
        var payroll = rows.Single(r => (string)r["户编号"]! == second.Number);
        Assert.Equal(("西庄村", second.Member, "财政供养人员", "待核实"), ((string)payroll["村"]!, (string)payroll["成员姓名"]!, (string)payroll["疑点"]!, (string)payroll["状态"]!));
        Assert.Contains("注销原因", (string)payroll["依据"]!);
        Assert.All(rows, r => Assert.True(r["核实情况"] is null or ""));

        await using var db = app.Db.NewContext();
        var log = await db.Changes.SingleAsync(c => c.Action == AccountLog.Exported && c.Entity == nameof(Finding) && c.NewValue == $"region={village}");
        Assert.Equal((FupinApp.AdminName, "导出疑点 2 条"), (log.User, log.Reason));
    }

    [Fact]
    public async Task ListPage_FiltersPagesAndPrints_ThePrintPageHasBlankColumnsForTheField()
    {
        const string village = "411321304204";
        await RegistryBuilder.EnsureVillageAsync(app.Db, village, "东岭村");
        var found = new List<(long FindingId, long HouseholdId, string Number, string Member)>();
        for (var i = 0; i < 3; i++) found.Add(await app.FindingAsync(village));
        using var cadreOfOther = app.ClientFor(app.Cadre);
        using var client = app.Client();

        var html = await client.GetStringAsync($"/verification/findings?region={village}&stage=pending&pageSize=2");
        Assert.Contains("共 <strong data-total data-total-findings=\"3\">3</strong> 条", html);
        Assert.Equal(2, html.Split("data-finding=").Length - 1);
        Assert.Contains("rel=\"next\"", html);
        Assert.Contains($"href=\"/verification/findings/print?village={village}&amp;stage=pending\"", html);
        Assert.Contains($"href=\"/verification/findings/export?region={village}&amp;stage=pending\"", html);

        var byName = await client.GetStringAsync($"/verification/findings?q={Uri.EscapeDataString(found[1].Member)}");
        Assert.Contains($"data-finding=\"{found[1].FindingId}\"", byName);
        Assert.DoesNotContain($"data-finding=\"{found[0].FindingId}\"", byName);

        var print = await client.GetStringAsync($"/verification/findings/print?village={village}");
        Assert.Contains("石门乡东岭村 疑点入户核实表", print);
        Assert.Contains("<th scope=\"col\" class=\"c-blank\">核实情况</th>", print);
        Assert.Contains("<th scope=\"col\" class=\"c-sign\">签字</th>", print);
        Assert.All(found, f => Assert.Contains(f.Number, print));
        Assert.DoesNotContain("sidenav", print);

        // The village cadre of 石门村 has no business in 东岭村.
        Assert.Equal(HttpStatusCode.NotFound, (await cadreOfOther.GetAsync($"/verification/findings/print?village={village}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadreOfOther.GetAsync($"/verification/findings/{found[0].FindingId}")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_CountsByRuleAndRegion_DrillsDownFromCountyToVillage()
    {
        const string village = "411321305202";
        await RegistryBuilder.EnsureVillageAsync(app.Db, village, "南坪村");
        await app.FindingAsync(village);
        await app.FindingAsync(village, "list.payroll");
        using var client = app.Client();

        var county = await client.GetStringAsync("/verification");
        Assert.Contains("排查核对 · 南召县", county);
        Assert.Contains($"href=\"/verification?region={FindingsApp.OtherTownship}\">四棵树乡</a>", county);
        Assert.Contains("开始比对", county);

        var township = await client.GetStringAsync($"/verification?region={FindingsApp.OtherTownship}");
        Assert.Contains($"href=\"/verification?region={village}\">南坪村</a>", township);
        Assert.Contains("data-rule=\"list.payroll\"", township);
        Assert.Contains($"href=\"/verification/findings?region={village}&amp;rule=list.payroll&amp;stage=pending\"", township);

        var (status, counts) = await SendAsync(client.GetAsync($"/api/verification/counts?region={village}"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, counts.GetProperty("total").GetProperty("open").GetInt32());
        Assert.Equal(["list.deceased", "list.payroll"], counts.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("rule").GetString()));

        using var cadre = app.ClientFor(app.Cadre);
        var cadrePage = await cadre.GetStringAsync("/verification");
        Assert.DoesNotContain("开始比对", cadrePage);
        Assert.Contains("aria-current=\"page\">疑点总览", cadrePage);
    }

    [Fact]
    public async Task Rules_OneCatalogue_PageAndApi_DataQualityAndComparisonRules()
    {
        using var client = app.ClientFor(app.Leader);
        var (status, rules) = await SendAsync(client.GetAsync("/api/verification/rules"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(RuleCatalog.All.Count, rules.GetArrayLength());
        var deceased = rules.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "list.deceased");
        Assert.Equal(("已死亡人员仍在册", "部门比对", "error"), (deceased.GetProperty("title").GetString(), deceased.GetProperty("kind").GetString(), deceased.GetProperty("severity").GetString()));

        var html = await client.GetStringAsync("/verification/rules");
        Assert.Equal(RuleCatalog.All.Count, html.Split("<tr data-rule=").Length - 1);
        Assert.Contains("data-rule=\"head.several\"", html);
        Assert.Contains("村干部及其近亲属为贫困户的", html);
    }
}
