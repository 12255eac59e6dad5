using System.Net;
using Fupin.Households;
using Fupin.Registry;
using Fupin.Tests.Infrastructure;

namespace Fupin.Tests.Households;

/// <summary>A small registry: four distinct households in 石门乡 and 城关镇, and 25 alike in one village for paging.</summary>
public sealed class SearchApp : FupinApp
{
    public const string VillageA = "411321304201";
    public const string VillageB = "411321304202";
    public const string PagingVillage = "411321304203";
    public const string OtherTownshipVillage = "411321100201";

    public long LiJianguo { get; private set; }
    public long WangXiuying { get; private set; }
    public long LiXiaoming { get; private set; }
    public long ZhaoSi { get; private set; }
    public ResidentId WangXiuyingId { get; private set; }
    public string LiJianguoNumber { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        LiJianguo = await Seed.HouseholdAsync(Db, VillageA, "李建国", h =>
        {
            (h.Attribute, h.Status, h.MainCause, h.IdentificationYear) = (HouseholdAttribute.General, PovertyStatus.NotExited, PovertyCause.Illness, 2014);
            LiJianguoNumber = h.Number;
        }, extraMembers: 2);
        WangXiuying = await Seed.HouseholdAsync(Db, VillageA, "王秀英", h =>
        {
            (h.Attribute, h.Status, h.ExitYear, h.MainCause, h.IdentificationYear) = (HouseholdAttribute.Dibao, PovertyStatus.ExitedWithPolicy, 2016, PovertyCause.Disability, 2015);
            WangXiuyingId = h.Members[0].IdNumber!.Value;
        });
        LiXiaoming = await Seed.HouseholdAsync(Db, VillageB, "李小明", h =>
            (h.Attribute, h.Status, h.MainCause, h.IdentificationYear) = (HouseholdAttribute.Tekun, PovertyStatus.NotExited, PovertyCause.LackOfLabour, 2016), extraMembers: 1);
        ZhaoSi = await Seed.HouseholdAsync(Db, OtherTownshipVillage, "赵四", h =>
            (h.Attribute, h.Status, h.MainCause) = (HouseholdAttribute.General, PovertyStatus.Relapsed, PovertyCause.Schooling), extraMembers: 3);
        for (var i = 0; i < 25; i++)
            await Seed.HouseholdAsync(Db, PagingVillage, "张" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), h => h.IdentificationYear = 2014 + i % 3, extraMembers: i % 4);
    }
}

public class SearchHouseholdsTests(SearchApp app) : IClassFixture<SearchApp>
{
    async Task<HouseholdPage> SearchAsync(string query) => await app.GetJsonAsync<HouseholdPage>("/api/households?" + query);

    [Theory]
    [InlineData("name=%E6%9D%8E", new[] { "李建国", "李小明" })]                 // 李: contains, any member
    [InlineData("name=%E5%B0%8F%E6%98%8E", new[] { "李小明" })]                  // 小明
    [InlineData("attribute=Dibao", new[] { "王秀英" })]
    [InlineData("status=Relapsed", new[] { "赵四" })]
    [InlineData("mainCause=LackOfLabour", new[] { "李小明" })]
    [InlineData("region=411321100", new[] { "赵四" })]                           // township
    [InlineData("region=411321304202", new[] { "李小明" })]                      // village
    [InlineData("region=411321304201&status=NotExited", new[] { "李建国" })]     // filters combine
    public async Task Search_Filter_ReturnsExactlyTheMatchingHouseholds(string query, string[] heads)
    {
        var page = await SearchAsync(query + "&pageSize=100");

        Assert.Equal(heads.Order(StringComparer.Ordinal), page.Rows.Select(r => r.HeadName).Order(StringComparer.Ordinal));
        Assert.Equal(heads.Length, page.Total);
    }

    [Fact]
    public async Task Search_RegionCounty_IncludesEveryTownship()
    {
        var page = await SearchAsync("region=411321&pageSize=100");
        Assert.Equal(29, page.Total);
    }

    [Fact]
    public async Task Search_IdNumber_MatchesExactlyAfterNormalising()
    {
        var id = app.WangXiuyingId.ToString();
        var spaced = " " + id[..6] + " " + id[6..] + " ";          // as typed, with spaces
        var page = await SearchAsync("idNumber=" + Uri.EscapeDataString(spaced));

        var row = Assert.Single(page.Rows);
        Assert.Equal("王秀英", row.HeadName);
        Assert.Equal(app.WangXiuyingId.Masked, row.HeadIdNumberMasked);
        Assert.DoesNotContain(id, row.HeadIdNumberMasked);
    }

    [Fact]
    public async Task Search_InvalidIdNumber_Returns400WithChineseMessageAndCode()
    {
        var id = app.WangXiuyingId.ToString();
        var wrongCheck = id[..17] + (id[17] == '0' ? '1' : '0');
        using var client = app.Client();

        var (errors, codes) = await Api.ValidationAsync(await client.GetAsync("/api/households?idNumber=" + wrongCheck));

        Assert.Contains("校验码错误", Assert.Single(errors["idNumber"]));
        Assert.Equal("id.bad_check_character", Assert.Single(codes["idNumber"]));
    }

    [Fact]
    public async Task Search_HouseholdNumber_MatchesFromTheStart()
    {
        var page = await SearchAsync("number=" + app.LiJianguoNumber);
        Assert.Equal("李建国", Assert.Single(page.Rows).HeadName);
    }

    [Fact]
    public async Task Search_Paging_SplitsTheResultWithoutGapsOrOverlap()
    {
        var pages = new List<HouseholdPage>();
        for (var p = 1; p <= 3; p++) pages.Add(await SearchAsync($"region={SearchApp.PagingVillage}&pageSize=10&page={p}"));

        Assert.All(pages, p => Assert.Equal(25, p.Total));
        Assert.Equal([10, 10, 5], pages.Select(p => p.Rows.Count));
        Assert.Equal(3, pages[0].PageCount);
        var ids = pages.SelectMany(p => p.Rows).Select(r => r.Id).ToList();
        Assert.Equal(25, ids.Distinct().Count());
    }

    [Fact]
    public async Task Search_PageSizeAbove100_IsCappedAt100()
    {
        var page = await SearchAsync("pageSize=5000");
        Assert.Equal(SearchHouseholds.MaxPageSize, page.PageSize);
    }

    [Theory]
    [InlineData("MemberCount")]
    [InlineData("IdentificationYear")]
    [InlineData("Status")]
    [InlineData("Village")]
    [InlineData("Number")]
    public async Task Search_Sort_OrdersTheWholeResultBothWays(string sort)
    {
        var asc = await SearchAsync($"region=411321&sort={sort}&pageSize=100");
        var desc = await SearchAsync($"region=411321&sort={sort}&desc=true&pageSize=100");

        Func<HouseholdRow, IComparable> key = sort switch
        {
            "MemberCount" => r => r.MemberCount,
            "IdentificationYear" => r => r.IdentificationYear,
            "Status" => r => (int)r.Status,
            "Village" => r => r.VillageCode,
            _ => r => r.Number,
        };
        var ascKeys = asc.Rows.Select(key).ToList();
        var descKeys = desc.Rows.Select(key).ToList();
        Assert.Equal(ascKeys.Order(), ascKeys);
        Assert.Equal(descKeys.OrderDescending(), descKeys);
        Assert.NotEqual(ascKeys, descKeys);
    }

    [Fact]
    public async Task Search_Rows_CarryVillageTownshipHeadAndCounts()
    {
        var page = await SearchAsync("region=411321304201&sort=MemberCount&desc=true");

        var first = page.Rows[0];
        Assert.Equal(("李建国", 3, "石门村", "石门乡"), (first.HeadName, first.MemberCount, first.VillageName, first.TownshipName));
        Assert.Equal(("王秀英", 1), (page.Rows[1].HeadName, page.Rows[1].MemberCount));
    }

    [Fact]
    public async Task SearchPage_RendersChineseFormRowsAndSortLinks_WithMaskedIds()
    {
        using var client = app.Client();
        var html = await client.GetStringAsync("/households?region=411321304201&sort=MemberCount&desc=true");

        Assert.Contains("户查询", html);
        Assert.Contains("李建国", html);
        Assert.Contains("王秀英", html);
        Assert.Contains(app.WangXiuyingId.Masked, html);
        Assert.DoesNotContain(app.WangXiuyingId.ToString(), html);
        Assert.Contains("共 <strong data-total-households=\"2\">2</strong> 户", html);
        Assert.Contains("aria-sort=\"descending\"", html);
        Assert.Contains("href=\"/households?region=411321304201&amp;sort=MemberCount\"", html);   // flips to ascending
        Assert.Contains($"href=\"/households/{app.LiJianguo}\"", html);
    }

    [Fact]
    public async Task SearchPage_InvalidIdNumber_ShowsChineseMessageBesideTheField()
    {
        using var client = app.Client();
        var response = await client.GetAsync("/households?idNumber=12345");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("证件号码应为18位（或15位旧号码），实际为5位", html);
    }

    [Fact]
    public async Task SearchPage_Paging_LinksToNextPageKeepingFilters()
    {
        using var client = app.Client();
        var html = await client.GetStringAsync($"/households?region={SearchApp.PagingVillage}&pageSize=20");

        Assert.Contains("第 1 页，共 2 页", html);
        Assert.Contains($"href=\"/households?region={SearchApp.PagingVillage}&amp;page=2&amp;pageSize=20\"", html);
    }
}
