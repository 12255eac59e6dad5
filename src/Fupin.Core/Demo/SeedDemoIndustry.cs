using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Employment;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Demo;

/// <param name="Households">Households that were given a pairing cadre.</param>
/// <param name="Cadres">Distinct pairing cadres currently paired.</param>
public sealed record SeedDemoIndustryResult(
    int Industries, int Entities, int Contracts, int Parties, int Payments, long PaidFen, int Jobs, int MigrantJobs, int WelfarePosts,
    int Engagements, int Willingness, int Unwilling, int PlanItems, int Households, int Cadres)
{
    public static SeedDemoIndustryResult Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// The demo county's industry and employment (<see cref="DemoIndustry"/>): 南召's six local industries, the business
/// entities (leading enterprises, cooperatives, family farms, 艾草 bases, one per operating workshop), their benefit-linkage
/// contracts with household and person parties and the payments of each year, the members' jobs (every registry migrant
/// worker, local jobs, public-welfare posts), households' own industries, development willingness, the 艾草 plan, and a
/// pairing cadre for every household that has none. Each village gets a diligence drawn once, so 2018 coverage runs from
/// full in some villages to well short in others. The whole history (2016–2019) is drawn from seeded randoms — per village
/// and per household, so it does not depend on the business date — and only what is dated on or before the business date is
/// written. A payment is carved out of the household's existing income record of its year (the generated incomes already
/// include it): never more than what is left of the part it feeds, none where that part is empty or the year has no record.
/// Does nothing when the county already has local industries.
/// </summary>
public sealed class SeedDemoIndustry(AppDbContext db, TimeProvider clock)
{
    public const int Seed = DemoCounty.DefaultSeed + 8;
    const string County = DemoCounty.CountyCode;
    const string Admin = "admin";
    const string TownshipAccount = "township";

    /// <summary>The day the 2018 draws are judged on (ages, what has started), whatever the business date.</summary>
    static readonly DateOnly Reference = DemoCounty.BusinessDate;
    static readonly DateOnly PlanMadeOn = new(2018, 3, 20);
    static readonly int[] Years = [2016, 2017, 2018, 2019];

    public async Task<SeedDemoIndustryResult> HandleAsync(CancellationToken ct)
    {
        if (await db.Industries.IgnoreQueryFilters().AnyAsync(i => i.CountyCode == County, ct)) return SeedDemoIndustryResult.Empty;
        var today = clock.Today();
        var townships = DemoProjects.Townships;
        var regions = await db.Regions.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Level == RegionLevel.Township || r.Level == RegionLevel.Village)
            .Select(r => new { r.Code, r.Name, r.Level, r.ParentCode, r.IsPoorVillage }).ToListAsync(ct);
        var names = regions.ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
        var villages = regions.Where(r => r.Level == RegionLevel.Village && r.ParentCode is not null && townships.Contains(r.ParentCode))
            .OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new Village(r.Code, r.ParentCode!, r.Name, r.IsPoorVillage)).ToList();
        if (villages.Count == 0 || townships.Any(t => !names.ContainsKey(t))) return SeedDemoIndustryResult.Empty;

        var households = await db.Households.IgnoreQueryFilters().AsNoTracking().Where(h => h.CountyCode == County).OrderBy(h => h.Id)
            .Select(h => new Home(h.Id, h.VillageCode, h.Number, h.Status)).ToListAsync(ct);
        var members = await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => m.CountyCode == County).OrderBy(m => m.Id)
            .Select(m => new Person(m.Id, m.HouseholdId, m.Gender, m.BirthDate, m.LabourSkill, m.MigrantWorkPlace, m.MigrantWorkMonths)).ToListAsync(ct);
        var incomes = await db.Incomes.IgnoreQueryFilters().AsNoTracking().Where(i => i.CountyCode == County)
            .Select(i => new { i.HouseholdId, i.Year, i.Wage, i.Production, i.AssetDividend, i.OtherProperty }).ToListAsync(ct);
        var shops = await db.Workshops.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.CountyCode == County && w.Status == WorkshopStatus.Operating && w.OpenedOn != null)
            .Select(w => new Shop(w.Id, w.Name, w.VillageCode, w.Company, w.Products, w.OpenedOn!.Value, w.Contact, w.ContactPhone, w.WorkersTotal))
            .ToListAsync(ct);
        var workers = await db.WorkshopWorkers.IgnoreQueryFilters().AsNoTracking().Where(w => w.CountyCode == County)
            .Select(w => new { w.WorkshopId, w.MemberId, w.StartedOn, w.EndedOn }).ToListAsync(ct);
        var paired = (await db.Pairings.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.CountyCode == County && p.From <= today && (p.To == null || p.To >= today)).Select(p => p.HouseholdId).ToListAsync(ct)).ToHashSet();

        var world = new World(today, names, villages, households, members);
        foreach (var i in incomes)
        {
            world.Left[(i.HouseholdId, i.Year, IncomePart.Wage)] = i.Wage;
            world.Left[(i.HouseholdId, i.Year, IncomePart.Production)] = i.Production;
            world.Left[(i.HouseholdId, i.Year, IncomePart.AssetDividend)] = i.AssetDividend;
            world.Left[(i.HouseholdId, i.Year, IncomePart.OtherProperty)] = i.OtherProperty;
        }
        // Workshop jobs of 2018 as they stood on the reference day: the same whatever the business date.
        var inShop2018 = workers.Where(w => w.StartedOn <= Reference && (w.EndedOn is null || w.EndedOn >= new DateOnly(2018, 1, 1)))
            .Select(w => w.MemberId).ToHashSet();

        var entities = DrawEntities(world);
        var shopEntities = DrawShopEntities(world, shops);
        DrawHouseholds(world, entities, inShop2018);
        DrawShopParties(world, shopEntities);
        var cadres = DrawPairings(world, paired);
        return await WriteAsync(world, [.. entities, .. shopEntities], cadres, shops, workers.Select(w => (w.WorkshopId, w.StartedOn, w.EndedOn)).ToList(), ct);
    }

    // ------------------------------------------------------------------ the world the demo draws on

    sealed record Village(string Code, string Township, string Name, bool Poor);

    sealed record Home(long Id, string VillageCode, string Number, PovertyStatus Status);

    sealed record Person(long Id, long HouseholdId, Gender Gender, DateOnly BirthDate, LabourSkill Skill, string? Place, int? Months)
    {
        public int AgeOn(DateOnly day) => day.Year - BirthDate.Year - (day.Month < BirthDate.Month || (day.Month == BirthDate.Month && day.Day < BirthDate.Day) ? 1 : 0);

        public bool AbleOn(DateOnly day) => Skill is LabourSkill.Ordinary or LabourSkill.Skilled or LabourSkill.Weak && AgeOn(day) is >= 16 and <= 60;
    }

    sealed record Shop(long Id, string Name, string VillageCode, string? Company, string? Products, DateOnly OpenedOn, string? Contact, string? Phone, int Workers);

    sealed class World(DateOnly today, Dictionary<string, string> names, List<Village> villages, List<Home> households, List<Person> members)
    {
        public DateOnly Today { get; } = today;
        public Dictionary<string, string> Names { get; } = names;
        public List<Village> Villages { get; } = villages;
        public Dictionary<string, Village> VillageByCode { get; } = villages.ToDictionary(v => v.Code, StringComparer.Ordinal);
        public List<Home> Households { get; } = households;
        public ILookup<long, Person> MembersOf { get; } = members.ToLookup(m => m.HouseholdId);
        public Dictionary<string, LocalIndustry> Industries { get; } = new(StringComparer.Ordinal);

        /// <summary>What is left of each income part of a household's year for payments to be carved out of.</summary>
        public Dictionary<(long Household, int Year, IncomePart Part), long> Left { get; } = [];

        public List<Engagement> Engagements { get; } = [];
        public List<DemoJob> Jobs { get; } = [];
        public List<Will> Wills { get; } = [];
        public Dictionary<string, string> Secretary { get; } = new(StringComparer.Ordinal);

        public string Township(string villageCode) => VillageByCode.TryGetValue(villageCode, out var v) ? v.Township : villageCode[..9];
    }

    sealed class Entity
    {
        public required EntityKind Kind { get; init; }
        public required string RegionCode { get; init; }
        public required string Township { get; init; }
        public required string Name { get; init; }
        public required string IndustryCode { get; init; }
        public string? Level { get; init; }
        public int Employees { get; init; }
        public double AreaMu { get; set; }
        public long OutputFen { get; init; }
        public DateOnly FoundedOn { get; init; }
        public string? Note { get; init; }
        public string? LegalPerson { get; init; }
        public string? Contact { get; init; }
        public string? Phone { get; init; }
        public string? CreditCode { get; init; }
        public long? WorkshopId { get; init; }
        public bool CountyWide { get; init; }
        public List<Contract> Contracts { get; } = [];
        public BusinessEntity? Row { get; set; }
    }

    sealed class Contract
    {
        public required Entity Entity { get; init; }
        public required LinkageKind Kind { get; init; }
        public required string Model { get; init; }
        public required DateOnly StartOn { get; init; }
        public DateOnly? EndOn { get; init; }
        public required long AgreedFen { get; init; }
        public required string Terms { get; init; }
        public string Number { get; set; } = "";
        public List<Party> Parties { get; } = [];
        public HashSet<long> Households { get; } = [];
        public LinkageContract? Row { get; set; }

        public bool PersonParties => Kind == LinkageKind.Employment;

        /// <summary>Running on the reference day of 2018 (counts toward that year's coverage).</summary>
        public bool Runs2018 => StartOn <= Reference && (EndOn is null || EndOn.Value.Year >= 2018);

        public bool EndedIn2017 => EndOn is { Year: 2017 };
    }

    sealed record Party(Contract Contract, Home Household, long? MemberId, long? AgreedFen, long? SharesFen, double? LandMu)
    {
        public long Id { get; set; }
        public long PerYearFen => AgreedFen ?? Contract.AgreedFen;
    }

    sealed record Engagement(Home Household, string Industry, int Year, int Persons, double AreaMu, double Output, long IncomeFen, DateOnly RecordedOn, string By);

    sealed record DemoJob(Home Household, long MemberId, int Year, JobKind Kind, string? Place, string? Employer, string? Post, int Months, long MonthlyFen, DateOnly RecordedOn, string By);

    sealed record Will(Home Household, long MemberId, bool Willing, DateOnly RecordedOn, string By, string? Note);

    sealed record Cadre(string Name, string Unit, string Phone, DateOnly From, DateOnly? To, List<long> Households);

    static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);

    static DateOnly Day(Random r, DateOnly from, DateOnly to) => from.AddDays(r.Next(to.DayNumber - from.DayNumber + 1));

    static string PersonName(Random r, int birthYear)
    {
        var gender = r.Chance(0.7) ? Gender.Male : Gender.Female;
        return r.Weighted(ChineseNames.Surnames) + ChineseNames.GivenName(r, gender, birthYear);
    }

    static readonly string[] PhonePrefixes = ["133", "135", "137", "138", "139", "150", "151", "152", "155", "158", "159", "180", "181", "183", "186", "187", "188", "189"];

    static readonly int[] WelfareWages = [500, 500, 600, 800];

    static string Phone(Random r) => r.Pick(PhonePrefixes) + r.Digits(8);

    static string CreditCode(Random r, EntityKind kind)
    {
        const string chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var head = kind switch { EntityKind.Cooperative => "93", EntityKind.FamilyFarm => "92", _ => "91" };
        Span<char> tail = stackalloc char[8];
        for (var i = 0; i < tail.Length; i++) tail[i] = chars[r.Next(chars.Length)];
        return head + County + "MA" + new string(tail);
    }

    /// <summary>A stable hash for a per-item random (string.GetHashCode differs between runs).</summary>
    static int Stable(string text)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in text) h = (h ^ c) * 16777619;
            return h;
        }
    }

    static double Half(double value) => Math.Max(0.5, Math.Round(value * 2, MidpointRounding.AwayFromZero) / 2);

    // ------------------------------------------------------------------ entities and contracts

    static List<Entity> DrawEntities(World world)
    {
        var r = new Random(Seed);
        var list = new List<Entity>();
        Village PlaceIn(string township)
        {
            var poor = world.Villages.Where(v => v.Township == township && v.Poor).ToList();
            return r.Pick(poor.Count > 0 ? poor : world.Villages.Where(v => v.Township == township).ToList());
        }

        foreach (var s in DemoIndustry.Named)
        {
            var founded = s.FoundedYear == 2018 ? Day(r, new DateOnly(2018, 2, 20), new DateOnly(2018, 4, 20)) : Day(r, new DateOnly(s.FoundedYear, 1, 10), new DateOnly(s.FoundedYear, 11, 30));
            var region = s.Village ? PlaceIn(s.Township).Code : s.Township;
            var person = PersonName(r, r.Inclusive(1960, 1985));
            list.Add(new Entity
            {
                Kind = s.Kind, RegionCode = region, Township = s.Township, Name = s.Name, IndustryCode = s.Industry, Level = s.Level, Employees = s.Employees,
                AreaMu = s.AreaMu, OutputFen = s.OutputWan * 1_000_000L, FoundedOn = founded, Note = s.Note, LegalPerson = person,
                Contact = s.Kind == EntityKind.Base ? PersonName(r, r.Inclusive(1965, 1988)) : person, Phone = Phone(r),
                CreditCode = s.Kind == EntityKind.Base ? null : CreditCode(r, s.Kind), CountyWide = s.CountyWide,
            });
        }

        // Cooperatives: one or two per township, in its industries.
        var taken = list.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var t in DemoProjects.Townships)
        {
            var industries = DemoIndustry.TownshipIndustries[t];
            var count = r.Inclusive(1, 2) + (r.Chance(0.2) ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                var industry = industries[i % industries.Length];
                var village = PlaceIn(t);
                var root = village.Name.EndsWith('村') ? village.Name[..^1] : village.Name;
                var name = "南召县" + root + DemoIndustry.IndustryWord(industry) + "专业合作社";
                if (!taken.Add(name))
                {
                    name = "南召县" + r.Pick(DemoIndustry.Brands) + DemoIndustry.IndustryWord(industry) + "专业合作社";
                    if (!taken.Add(name)) continue;
                }
                var person = PersonName(r, r.Inclusive(1958, 1985));
                list.Add(new Entity
                {
                    Kind = EntityKind.Cooperative, RegionCode = village.Code, Township = t, Name = name, IndustryCode = industry,
                    Level = r.NextDouble() switch { < 0.05 => "省级", < 0.15 => "市级", < 0.35 => "县级", _ => null },
                    Employees = r.Inclusive(5, 30), AreaMu = Math.Round(r.Between(80, 900)), OutputFen = r.Inclusive(60, 800) * 1_000_000L,
                    FoundedOn = Day(r, new DateOnly(2012, 3, 1), new DateOnly(2017, 10, 31)), LegalPerson = person, Contact = person, Phone = Phone(r),
                    CreditCode = CreditCode(r, EntityKind.Cooperative), Note = "成员" + r.Inclusive(30, 260).ToString(CultureInfo.InvariantCulture) + "户",
                });
            }
        }

        foreach (var e in list) e.Contracts.AddRange(DrawContracts(r, e));
        var seq = new Dictionary<int, int>();
        foreach (var c in list.SelectMany(e => e.Contracts).OrderBy(c => c.StartOn).ThenBy(c => c.Entity.Name, StringComparer.Ordinal))
        {
            var n = seq.GetValueOrDefault(c.StartOn.Year) + 1;
            seq[c.StartOn.Year] = n;
            c.Number = string.Create(CultureInfo.InvariantCulture, $"NZLJ{c.StartOn.Year}-{n:000}");
        }
        return list;
    }

    static IEnumerable<Contract> DrawContracts(Random r, Entity e)
    {
        var ai = e.IndustryCode == "AC";
        var earliest = e.FoundedOn.Year < 2016 ? new DateOnly(2016, 3, 1) : e.FoundedOn.AddDays(20);
        DateOnly Start(DateOnly? from = null, DateOnly? to = null)
        {
            var a = from ?? earliest;
            if (a < earliest) a = earliest;
            var b = to ?? new DateOnly(2018, 6, 30);
            return b < a ? a : Day(r, a, b);
        }
        Contract Make(LinkageKind kind, string model, DateOnly start, long yuan, string terms, DateOnly? end = null) =>
            new() { Entity = e, Kind = kind, Model = model, StartOn = start, EndOn = end, AgreedFen = yuan * 100, Terms = terms };
        var product = DemoIndustry.IndustryWord(e.IndustryCode);

        switch (e.Kind)
        {
            case EntityKind.LeadingEnterprise when e.Name == DemoIndustry.ParkEnterprise:
                yield return Make(LinkageKind.CapitalInEnterprise, "公司+合作社+基地+贫困户", Start(new DateOnly(2018, 4, 10), new DateOnly(2018, 5, 20)), 800,
                    "贫困户扶贫小额信贷资金带资入企，每户入股1万元，每年按8%保底分红，期限3年", new DateOnly(2021, 4, 30));
                yield return Make(LinkageKind.Order, "公司+合作社+基地+贫困户", Start(new DateOnly(2018, 3, 25), new DateOnly(2018, 4, 15)), 1500,
                    "艾叶保底价每斤1.6元收购，市场价高于保底价时随行就市");
                yield return Make(LinkageKind.Employment, "公司+合作社+基地+贫困户", Start(new DateOnly(2018, 5, 1), new DateOnly(2018, 6, 10)), 15000,
                    "园区加工车间务工，月工资1800元起，计件奖励");
                break;
            case EntityKind.LeadingEnterprise:
                var model = ai ? "公司+合作社+基地+贫困户" : "龙头企业+合作社+贫困户";
                if (e.IndustryCode is "AC" or "SJ")
                    yield return Make(LinkageKind.CapitalInEnterprise, model, Start(new DateOnly(2016, 5, 1), new DateOnly(2016, 9, 30)), 800,
                        "带资入企，每户入股1万元，每年按8%分红，期限3年", new DateOnly(2019, 9, 30));
                else
                    yield return Make(LinkageKind.FundShares, model, Start(new DateOnly(2016, 3, 1), new DateOnly(2016, 6, 30)), 400,
                        "产业扶贫资金折股量化到户，每户股金4000元，年分红10%", new DateOnly(2017, 12, 31));
                yield return Make(LinkageKind.Order, model, Start(new DateOnly(2016, 4, 1), new DateOnly(2017, 4, 30)), r.Inclusive(10, 25) * 100L,
                    "签订" + product + "订单，保底价收购");
                if (e.IndustryCode == "HM")
                    yield return Make(LinkageKind.LandTransfer, "公司+基地+贫困户", Start(new DateOnly(2016, 3, 1), new DateOnly(2016, 5, 31)), 500,
                        "流转贫困户土地建苗木基地，每亩每年租金500元", new DateOnly(2025, 12, 31));
                if (e.IndustryCode == "SJ")
                    yield return Make(LinkageKind.Trusteeship, model, Start(new DateOnly(2017, 3, 1), new DateOnly(2017, 5, 31)), 800,
                        "菌棒托管：公司统一生产管理，贫困户每年保底收益800元");
                yield return Make(LinkageKind.Employment, model, Start(new DateOnly(2016, 3, 1), new DateOnly(2018, 3, 31)), r.Inclusive(12, 18) * 1000L,
                    "优先吸纳贫困劳动力务工，月工资1800元以上");
                break;
            case EntityKind.Cooperative:
                var coop = r.Chance(0.4) ? "公司+合作社+贫困户" : "合作社+贫困户";
                if (r.Chance(0.35))
                    yield return Make(LinkageKind.FundShares, coop, Start(new DateOnly(2016, 3, 1), new DateOnly(2016, 8, 31)), r.Inclusive(3, 5) * 100L,
                        "产业扶贫资金折股量化到户，一年一分红，合同期至2017年底", new DateOnly(2017, 12, 31));
                yield return Make(r.Chance(0.5) ? LinkageKind.Equity : LinkageKind.FundShares, coop, Start(), r.Inclusive(3, 6) * 100L,
                    "贫困户以资金或土地入股，保底分红，按股分红");
                yield return Make(r.Chance(0.5) ? LinkageKind.Order : LinkageKind.Trusteeship, coop, Start(), r.Inclusive(8, 20) * 100L,
                    e.IndustryCode == "ZC" ? "统一供种、统一技术，柞蚕茧保底收购" : "统一供种、统一技术、统一收购" + product + "产品");
                if (r.Chance(0.3))
                    yield return Make(LinkageKind.Employment, coop, Start(), r.Inclusive(6, 12) * 1000L, "合作社基地务工，按日计酬");
                break;
            case EntityKind.FamilyFarm:
                yield return Make(LinkageKind.LandTransfer, "家庭农场+贫困户", Start(), r.Inclusive(4, 6) * 100L, "流转贫困户土地，每亩每年租金" +
                    (r.Inclusive(4, 6) * 100).ToString(CultureInfo.InvariantCulture) + "元", Start().AddYears(5));
                yield return Make(LinkageKind.Employment, "家庭农场+贫困户", Start(), r.Inclusive(5, 10) * 1000L, "农忙季节务工，按日计酬");
                break;
            case EntityKind.Base:
                var bm = ai ? "公司+合作社+基地+贫困户" : "合作社+基地+贫困户";
                yield return Make(LinkageKind.LandTransfer, bm, Start(), r.Inclusive(4, 6) * 100L, "集中连片流转土地，每亩每年租金400–600元", e.FoundedOn.AddYears(6));
                yield return Make(LinkageKind.Employment, bm, Start(), r.Inclusive(6, 12) * 1000L, "基地务工，种植、管护、收割按日计酬");
                if (ai)
                    yield return Make(LinkageKind.Order, bm, Start(), 1200, "基地周边贫困户自种艾草，基地保底收购");
                break;
            case EntityKind.Other:
                yield return Make(LinkageKind.Order, "电商+合作社+贫困户", Start(), 1000, "电商平台代销贫困户农副产品，保底收购");
                break;
        }
    }

    static List<Entity> DrawShopEntities(World world, List<Shop> shops)
    {
        var list = new List<Entity>();
        foreach (var s in shops.OrderBy(s => s.OpenedOn).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            var r = new Random(unchecked(Seed + Stable(s.Name)));
            var products = s.Products ?? "";
            var industry = products.Contains('艾', StringComparison.Ordinal) ? "AC"
                : products.Contains('菌', StringComparison.Ordinal) || products.Contains("香菇", StringComparison.Ordinal) ? "SJ"
                : products.Contains("柞蚕", StringComparison.Ordinal) ? "ZC"
                : products.Contains("药材", StringComparison.Ordinal) || products.Contains("辛夷", StringComparison.Ordinal) || products.Contains("山茱萸", StringComparison.Ordinal) ? "ZY"
                : "";
            var e = new Entity
            {
                Kind = EntityKind.Workshop, RegionCode = s.VillageCode, Township = world.Township(s.VillageCode), Name = s.Name, IndustryCode = industry,
                Employees = s.Workers, OutputFen = s.Workers * r.Inclusive(25, 40) * 1_000_000L / 10, FoundedOn = s.OpenedOn, Note = s.Company is null ? null : "经营企业：" + s.Company,
                LegalPerson = null, Contact = s.Contact, Phone = s.Phone, WorkshopId = s.Id,
            };
            e.Contracts.Add(new Contract
            {
                Entity = e, Kind = LinkageKind.AssetIncome, Model = "扶贫车间+村集体+贫困户", StartOn = s.OpenedOn, AgreedFen = r.Inclusive(3, 5) * 100_00L,
                Terms = "车间厂房租金收益的60%用于本村贫困户分红",
            });
            list.Add(e);
        }
        var n = 0;
        foreach (var c in list.SelectMany(e => e.Contracts)) c.Number = string.Create(CultureInfo.InvariantCulture, $"NZCJ{c.StartOn.Year}-{++n:00}");
        return list;
    }

    // ------------------------------------------------------------------ households: willingness, jobs, own industry, linkage

    enum Tie { Engagement, HouseholdParty, Persons }

    static void DrawHouseholds(World world, List<Entity> entities, HashSet<long> inShop2018)
    {
        // Each village: how far its cadres have got with coverage, and how many of the able they have asked.
        var rv = new Random(Seed + 1);
        var diligence = new Dictionary<string, (double Cover, double Asked, double Cover2019)>(StringComparer.Ordinal);
        foreach (var v in world.Villages)
        {
            var x = rv.NextDouble();
            var cover = x switch { < 0.1 => rv.Between(0.55, 0.75), < 0.4 => rv.Between(0.97, 1.0), _ => rv.Between(0.8, 0.96) };
            var asked = cover < 0.75 ? rv.Between(0.55, 0.85) : cover > 0.96 ? rv.Between(0.96, 1.0) : rv.Between(0.82, 0.98);
            diligence[v.Code] = (cover, asked, cover + ((1 - cover) * rv.Between(0.5, 0.8)));
            world.Secretary[v.Code] = PersonName(rv, rv.Inclusive(1968, 1990));
        }

        var contracts = entities.SelectMany(e => e.Contracts).ToList();
        var byTownship = world.Villages.Select(v => v.Township).Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => (
            Household: contracts.Where(c => !c.PersonParties && c.Runs2018 && (c.Entity.Township == t || c.Entity.CountyWide)).ToList(),
            Person: contracts.Where(c => c.PersonParties && c.Runs2018 && (c.Entity.Township == t || c.Entity.CountyWide)).ToList(),
            Ended: contracts.Where(c => !c.PersonParties && c.EndedIn2017 && (c.Entity.Township == t || c.Entity.CountyWide)).ToList()), StringComparer.Ordinal);

        foreach (var h in world.Households)
        {
            if (!world.VillageByCode.TryGetValue(h.VillageCode, out var village)) continue;
            var r = new Random(unchecked((Seed * 7919) + (int)h.Id));
            var (cover, asked, cover2019) = diligence[village.Code];
            var by = world.Secretary[village.Code];
            var people = world.MembersOf[h.Id].ToList();
            var able = people.Where(m => m.AbleOn(Reference)).ToList();
            var pick = byTownship[village.Township];

            // Willingness, asked in 2018 by the village cadres; a second round in 2019 for those missed or unwilling.
            var unwilling = new HashSet<long>();
            foreach (var m in able)
            {
                if (r.Chance(asked))
                {
                    var no = r.Chance(m.Skill == LabourSkill.Weak ? 0.07 : 0.025);
                    if (no) unwilling.Add(m.Id);
                    world.Wills.Add(new Will(h, m.Id, !no, Day(r, new DateOnly(2018, 3, 12), new DateOnly(2018, 9, 28)), by, no ? r.Pick(DemoIndustry.UnwillingNotes) : null));
                    if (no && r.Chance(0.5))
                    {
                        var yes = r.Chance(0.6);
                        world.Wills.Add(new Will(h, m.Id, yes, Day(r, new DateOnly(2019, 3, 4), new DateOnly(2019, 6, 28)), by, yes ? "经动员，愿意参加产业发展" : "仍无发展意愿"));
                    }
                }
                else if (r.Chance(0.85))
                {
                    var no = r.Chance(0.03);
                    world.Wills.Add(new Will(h, m.Id, !no, Day(r, new DateOnly(2019, 3, 4), new DateOnly(2019, 6, 28)), by, no ? r.Pick(DemoIndustry.UnwillingNotes) : null));
                }
            }

            // Migrant work as the registry has it, for 2018; most went the year before and go again.
            var covered = new HashSet<long>();
            foreach (var m in people.Where(m => m.Place is not null))
            {
                var months = m.Months is >= 1 and <= 12 ? m.Months.Value : 10;
                var near = m.Place!.Contains("南召", StringComparison.Ordinal) || m.Place.Contains("南阳", StringComparison.Ordinal) || m.Place.Contains("郑州", StringComparison.Ordinal);
                var (employer, post) = r.Pick(DemoIndustry.MigrantEmployers);
                var wage = (near ? r.Inclusive(20, 35) : r.Inclusive(28, 52)) * 100_00L;
                world.Jobs.Add(new DemoJob(h, m.Id, 2018, JobKind.Migrant, m.Place, m.Place + employer, post, months, wage, Day(r, new DateOnly(2018, 3, 1), new DateOnly(2018, 5, 31)), by));
                if (r.Chance(0.8))
                    world.Jobs.Add(new DemoJob(h, m.Id, 2017, JobKind.Migrant, m.Place, m.Place + employer, post, Math.Clamp(months + r.Inclusive(-2, 1), 1, 12),
                        wage - (r.Inclusive(1, 3) * 100_00L), Day(r, new DateOnly(2017, 3, 1), new DateOnly(2017, 5, 31)), by));
                if (r.Chance(0.9))
                    world.Jobs.Add(new DemoJob(h, m.Id, 2019, JobKind.Migrant, m.Place, m.Place + employer, post, Math.Clamp(months + r.Inclusive(-1, 1), 1, 12),
                        wage + (r.Inclusive(1, 4) * 100_00L), Day(r, new DateOnly(2019, 3, 1), new DateOnly(2019, 5, 31)), by));
                covered.Add(m.Id);
            }
            covered.UnionWith(people.Where(m => inShop2018.Contains(m.Id)).Select(m => m.Id));

            var open = able.Where(m => !unwilling.Contains(m.Id) && !covered.Contains(m.Id)).ToList();
            var engaged2018 = false;
            if (open.Count > 0 && r.Chance(cover))
            {
                var tie = r.Weighted<Tie>([(Tie.Engagement, 0.42), (Tie.HouseholdParty, 0.40), (Tie.Persons, 0.18)]);
                if (tie == Tie.HouseholdParty && pick.Household.Count == 0) tie = Tie.Engagement;
                switch (tie)
                {
                    case Tie.Engagement:
                        engaged2018 = Engage(world, r, h, village, able.Count, by, true);
                        break;
                    case Tie.HouseholdParty:
                        Join(r, h, pick.Household, village.Code);
                        break;
                    default:
                        foreach (var m in open)
                        {
                            if (m.Skill == LabourSkill.Weak || (m.AgeOn(Reference) >= 50 && r.Chance(0.5))) Welfare(world, r, h, village, m, by);
                            else if (pick.Person.Count > 0 && r.Chance(0.45)) JoinPerson(r, h, m, pick.Person, village.Code);
                            else LocalJob(world, r, h, village, m, by, 2018);
                        }
                        break;
                }
            }
            else if (open.Count > 0)
            {
                // Not reached this year: some held a contract that ran out at the end of 2017, some farmed on their own until then.
                if (pick.Ended.Count > 0 && r.Chance(0.3)) Join(r, h, pick.Ended, village.Code);
                else if (r.Chance(0.35)) Engage(world, r, h, village, able.Count, by, false);
                // Most are reached in 2019.
                if (r.Chance(cover2019))
                {
                    if (r.Chance(0.6)) Engage2019(world, r, h, village, able.Count, by);
                    else foreach (var m in open) LocalJob(world, r, h, village, m, by, 2019);
                }
            }
            else
            {
                // Covered already (or nobody to cover): many also farm or hold a contract.
                if (r.Chance(0.2)) engaged2018 = Engage(world, r, h, village, able.Count, by, true);
                if (pick.Household.Count > 0 && r.Chance(0.15)) Join(r, h, pick.Household, village.Code);
            }
            if (!engaged2018 && people.Count > 0 && r.Chance(0.04)) Engage(world, r, h, village, able.Count, by, true);
        }
    }

    static bool Engage(World world, Random r, Home h, Village v, int able, string by, bool in2018)
    {
        var industries = DemoIndustry.TownshipIndustries[v.Township];
        var code = r.Chance(0.7) ? industries[0] : industries[^1];
        if (in2018)
        {
            world.Engagements.Add(MakeEngagement(world, r, h, code, 2018, able, Day(r, new DateOnly(2018, 4, 10), new DateOnly(2018, 9, 26)), by));
            if (r.Chance(0.6)) world.Engagements.Add(MakeEngagement(world, r, h, code, 2017, able, Day(r, new DateOnly(2017, 10, 9), new DateOnly(2017, 11, 30)), by));
            if (r.Chance(0.9)) world.Engagements.Add(MakeEngagement(world, r, h, code, 2019, able, Day(r, new DateOnly(2019, 4, 8), new DateOnly(2019, 9, 27)), by));
        }
        else
        {
            world.Engagements.Add(MakeEngagement(world, r, h, code, 2017, able, Day(r, new DateOnly(2017, 10, 9), new DateOnly(2017, 11, 30)), by));
        }
        return in2018;
    }

    static void Engage2019(World world, Random r, Home h, Village v, int able, string by)
    {
        var industries = DemoIndustry.TownshipIndustries[v.Township];
        var code = r.Chance(0.6) ? industries[0] : industries[^1];
        world.Engagements.Add(MakeEngagement(world, r, h, code, 2019, able, Day(r, new DateOnly(2019, 4, 8), new DateOnly(2019, 9, 27)), by));
    }

    static Engagement MakeEngagement(World world, Random r, Home h, string code, int year, int able, DateOnly on, string by)
    {
        var spec = DemoIndustry.Industries.Single(i => i.Code == code);
        var mu = code == "ZC" ? Math.Round(r.Between(spec.MuFrom, spec.MuTo)) : Half(r.Between(spec.MuFrom, spec.MuTo));
        var output = mu * r.Between(spec.PerMuFrom, spec.PerMuTo);
        output = code switch { "ZC" => Math.Max(1, Math.Round(output * 2) / 2), "HM" => Math.Round(output, 2), _ => Math.Round(output / 10) * 10 };
        var income = (long)Math.Round(output * r.Between(spec.PriceFrom, spec.PriceTo)) * 100;
        // Never more than the household's production income of that year.
        if (world.Left.TryGetValue((h.Id, year, IncomePart.Production), out var production) && production > 0 && income > production * 9 / 10)
            income = production * 9 / 10 / 100 * 100;
        return new Engagement(h, code, year, Math.Clamp(able, 1, 2), mu, output, income, on, by);
    }

    static void Join(Random r, Home h, List<Contract> pool, string villageCode)
    {
        var near = pool.Where(c => !c.Households.Contains(h.Id)).ToList();
        if (near.Count == 0) return;
        var c = r.Weighted<Contract>([.. near.Select(c => (c, c.Entity.RegionCode == villageCode ? 4.0 : c.Entity.CountyWide ? 0.6 : 1.0))]);
        c.Households.Add(h.Id);
        c.Parties.Add(c.Kind switch
        {
            LinkageKind.LandTransfer => LandParty(r, c, h, 400, 600),
            LinkageKind.Trusteeship => LandParty(r, c, h, 300, 500),
            LinkageKind.Equity => SharesParty(r, c, h, r.Inclusive(2, 10) * 500, 0.1),
            LinkageKind.FundShares => SharesParty(r, c, h, r.Inclusive(3, 5) * 1000, r.Between(0.06, 0.1)),
            LinkageKind.CapitalInEnterprise => SharesParty(r, c, h, 10_000, 0.08),
            _ => new Party(c, h, null, null, null, null),
        });
    }

    static Party LandParty(Random r, Contract c, Home h, int from, int to)
    {
        var mu = Half(r.Between(0.8, 4));
        return new Party(c, h, null, (long)Math.Round(mu * r.Inclusive(from / 50, to / 50) * 50) * 100, null, mu);
    }

    static Party SharesParty(Random r, Contract c, Home h, long sharesYuan, double rate) =>
        new(c, h, null, (long)Math.Round(sharesYuan * rate) * 100, sharesYuan * 100, null);

    static void JoinPerson(Random r, Home h, Person m, List<Contract> pool, string villageCode)
    {
        var c = r.Weighted<Contract>([.. pool.Select(c => (c, c.Entity.RegionCode == villageCode ? 4.0 : c.Entity.CountyWide ? 0.5 : 1.0))]);
        c.Households.Add(h.Id);
        c.Parties.Add(new Party(c, h, m.Id, r.Inclusive(5, 10) * r.Inclusive(16, 24) * 100_00L, null, null));
    }

    static void Welfare(World world, Random r, Home h, Village v, Person m, string by)
    {
        var post = r.Pick(DemoIndustry.WelfarePosts);
        var employer = post switch
        {
            "护林员" => "县林业局",
            "护路员" => "县交通运输局",
            "水管员" => "县水利局",
            _ => world.Names.GetValueOrDefault(v.Township, v.Township) + "人民政府",
        };
        var monthly = r.Pick(WelfareWages) * 100L;
        var start = r.Inclusive(1, 6);
        world.Jobs.Add(new DemoJob(h, m.Id, 2018, JobKind.PublicWelfare, v.Name, employer, post, 13 - start, monthly, new DateOnly(2018, start, r.Inclusive(1, 25)), by));
        if (r.Chance(0.4)) world.Jobs.Add(new DemoJob(h, m.Id, 2017, JobKind.PublicWelfare, v.Name, employer, post, r.Inclusive(3, 12), monthly, Day(r, new DateOnly(2017, 3, 1), new DateOnly(2017, 9, 30)), by));
        if (r.Chance(0.9)) world.Jobs.Add(new DemoJob(h, m.Id, 2019, JobKind.PublicWelfare, v.Name, employer, post, 12, monthly, Day(r, new DateOnly(2019, 1, 2), new DateOnly(2019, 1, 31)), by));
    }

    static void LocalJob(World world, Random r, Home h, Village v, Person m, string by, int year)
    {
        var (employer, post) = r.Pick(DemoIndustry.LocalEmployers);
        var place = world.Names.GetValueOrDefault(v.Township, v.Township);
        var monthly = r.Inclusive(18, 30) * 100_00L;
        world.Jobs.Add(new DemoJob(h, m.Id, year, JobKind.Local, place, employer, post, r.Inclusive(3, 10), monthly, Day(r, new DateOnly(year, 3, 15), new DateOnly(year, 9, 20)), by));
        if (year == 2018 && r.Chance(0.7))
            world.Jobs.Add(new DemoJob(h, m.Id, 2019, JobKind.Local, place, employer, post, r.Inclusive(4, 10), monthly + (100_00L * r.Inclusive(0, 3)), Day(r, new DateOnly(2019, 3, 15), new DateOnly(2019, 9, 20)), by));
    }

    /// <summary>A workshop's rent dividend goes to some poor households of its village.</summary>
    static void DrawShopParties(World world, List<Entity> shops)
    {
        foreach (var e in shops)
        {
            var r = new Random(unchecked(Seed + 3 + Stable(e.Name)));
            var c = e.Contracts[0];
            var homes = world.Households.Where(h => h.VillageCode == e.RegionCode).ToList();
            var poor = homes.Where(h => h.Status is PovertyStatus.NotExited or PovertyStatus.Relapsed).ToList();
            var pool = poor.Count >= 10 ? poor : homes;
            foreach (var h in pool.OrderBy(_ => r.Next()).Take(r.Inclusive(10, 25)).OrderBy(h => h.Id))
            {
                c.Households.Add(h.Id);
                c.Parties.Add(new Party(c, h, null, null, null, null));
            }
        }
    }

    // ------------------------------------------------------------------ pairing cadres

    static List<Cadre> DrawPairings(World world, HashSet<long> paired)
    {
        var r = new Random(Seed + 2);
        var list = new List<Cadre>();
        var townshipIndex = DemoProjects.Townships.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        foreach (var v in world.Villages)
        {
            var homes = world.Households.Where(h => h.VillageCode == v.Code && !paired.Contains(h.Id)).OrderBy(h => h.Number, StringComparer.Ordinal).ToList();
            var i = townshipIndex.GetValueOrDefault(v.Township);
            var units = new[] { world.Names.GetValueOrDefault(v.Township, v.Township) + "人民政府", DemoIndustry.Units[(2 * i) % DemoIndustry.Units.Length], DemoIndustry.Units[((2 * i) + 1) % DemoIndustry.Units.Length] };
            var at = 0;
            while (at < homes.Count)
            {
                var rest = homes.Count - at;
                var size = rest <= 5 ? rest : rest <= 7 ? 3 : r.Inclusive(3, 5);
                if (rest - size is 1 or 2) size = rest - 3;
                var ids = homes.Skip(at).Take(size).Select(h => h.Id).ToList();
                at += size;
                var unit = r.Weighted<string>([(units[0], 0.4), (units[1], 0.3), (units[2], 0.3)]);
                var from = Day(r, new DateOnly(2016, 1, 4), new DateOnly(2016, 4, 29));
                if (r.Chance(0.05))
                {
                    // The first cadre was moved at the end of 2017; a new one took the households over.
                    list.Add(new Cadre(PersonName(r, r.Inclusive(1962, 1992)), unit, Phone(r), from, new DateOnly(2017, 12, 31), ids));
                    from = new DateOnly(2018, 1, 1);
                }
                list.Add(new Cadre(PersonName(r, r.Inclusive(1962, 1993)), unit, Phone(r), from, null, ids));
            }
        }
        return list;
    }

    // ------------------------------------------------------------------ writing what exists on the business date

    async Task<SeedDemoIndustryResult> WriteAsync(World world, List<Entity> entities, List<Cadre> cadres, List<Shop> shops,
        List<(long WorkshopId, DateOnly StartedOn, DateOnly? EndedOn)> workers, CancellationToken ct)
    {
        var today = world.Today;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.Audit.Suppressed = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var industries = DemoIndustry.Industries.Select((s, i) => new LocalIndustry
            {
                CountyCode = County, Code = s.Code, Name = s.Name, OutputUnit = s.Unit, SortOrder = i + 1,
            }).ToList();
            db.Industries.AddRange(industries);
            await db.SaveChangesAsync(ct);
            foreach (var i in industries) world.Industries[i.Code] = i;
            long? IndustryId(string code) => world.Industries.TryGetValue(code, out var i) ? i.Id : null;

            var live = entities.Where(e => e.FoundedOn <= today).ToList();
            foreach (var e in live)
            {
                if (e.Kind == EntityKind.Base && today >= new DateOnly(2019, 6, 30)) e.AreaMu = Math.Round(e.AreaMu * 1.3);
                e.Row = new BusinessEntity
                {
                    CountyCode = County, RegionCode = e.RegionCode, Name = e.Name, Kind = e.Kind, Level = e.Level, IndustryId = IndustryId(e.IndustryCode),
                    CreditCode = e.CreditCode, LegalPerson = e.LegalPerson, Contact = e.Contact, ContactPhone = e.Phone, WorkshopId = e.WorkshopId,
                    Employees = e.Employees, AreaMu = e.AreaMu, AnnualOutputFen = e.OutputFen, FoundedOn = e.FoundedOn, Note = e.Note,
                    CreatedBy = e.Kind == EntityKind.Workshop ? TownshipAccount : Admin,
                    CreatedAt = At(e.FoundedOn > new DateOnly(2018, 3, 1) ? e.FoundedOn : new DateOnly(2018, 3, 1)),
                };
            }
            db.BusinessEntities.AddRange(live.Select(e => e.Row!));
            await db.SaveChangesAsync(ct);

            var contracts = live.SelectMany(e => e.Contracts).Where(c => c.StartOn <= today).ToList();
            foreach (var c in contracts)
            {
                c.Row = new LinkageContract
                {
                    CountyCode = County, EntityId = c.Entity.Row!.Id, RegionCode = c.Entity.RegionCode, Number = c.Number, Kind = c.Kind,
                    IndustryId = IndustryId(c.Entity.IndustryCode), Model = c.Model, StartOn = c.StartOn, EndOn = c.EndOn, AgreedPerYearFen = c.AgreedFen,
                    Terms = c.Terms, CreatedBy = c.Entity.Kind == EntityKind.Workshop || !c.Entity.CountyWide ? TownshipAccount : Admin, CreatedAt = At(c.StartOn),
                };
            }
            db.LinkageContracts.AddRange(contracts.Select(c => c.Row!));

            var plan = Plan(world, live, contracts, shops, workers);
            db.IndustryPlanItems.AddRange(plan);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var parties = contracts.SelectMany(c => c.Parties).ToList();
            var payments = new List<LinkagePayment>();
            List<Pairing> pairings;
            List<IndustryEngagement> engagements;
            List<Job> jobs;
            List<Willingness> wills;
            await using (var writer = new BulkWriter(db))
            {
                var partyId = await writer.NextIdAsync<LinkageParty>(ct);
                foreach (var p in parties) p.Id = partyId++;
                await writer.InsertAsync(parties.Select(p => new LinkageParty
                {
                    Id = p.Id, ContractId = p.Contract.Row!.Id, CountyCode = County, VillageCode = p.Household.VillageCode, HouseholdId = p.Household.Id,
                    MemberId = p.MemberId, AgreedPerYearFen = p.AgreedFen, SharesFen = p.SharesFen, LandMu = p.LandMu, AddedBy = p.Contract.Row.CreatedBy,
                    AddedAt = At(p.Contract.StartOn),
                }), ct);

                foreach (var p in parties) payments.AddRange(Payments(world, p));
                var paymentId = await writer.NextIdAsync<LinkagePayment>(ct);
                foreach (var p in payments) p.Id = paymentId++;
                await writer.InsertAsync(payments, ct);

                var engagementId = await writer.NextIdAsync<IndustryEngagement>(ct);
                engagements = [.. world.Engagements.Where(e => e.RecordedOn <= today).DistinctBy(e => (e.Household.Id, e.Industry, e.Year)).Select(e => new IndustryEngagement
                {
                    Id = engagementId++, CountyCode = County, VillageCode = e.Household.VillageCode, HouseholdId = e.Household.Id, IndustryId = world.Industries[e.Industry].Id,
                    Year = e.Year, Persons = e.Persons, AreaMu = e.AreaMu, Output = e.Output, IncomeFen = e.IncomeFen, RecordedBy = e.By, RecordedAt = At(e.RecordedOn),
                })];
                await writer.InsertAsync(engagements, ct);

                var jobId = await writer.NextIdAsync<Job>(ct);
                jobs = [.. world.Jobs.Where(j => j.RecordedOn <= today).Select(j => new Job
                {
                    Id = jobId++, CountyCode = County, VillageCode = j.Household.VillageCode, HouseholdId = j.Household.Id, MemberId = j.MemberId, Year = j.Year,
                    Kind = j.Kind, Place = j.Place, Employer = j.Employer, Post = j.Post, Months = j.Months, MonthlyIncomeFen = j.MonthlyFen,
                    RecordedBy = j.By, RecordedAt = At(j.RecordedOn),
                })];
                await writer.InsertAsync(jobs, ct);

                var willId = await writer.NextIdAsync<Willingness>(ct);
                wills = [.. world.Wills.Where(w => w.RecordedOn <= today).Select(w => new Willingness
                {
                    Id = willId++, CountyCode = County, VillageCode = w.Household.VillageCode, HouseholdId = w.Household.Id, MemberId = w.MemberId, Willing = w.Willing,
                    RecordedOn = w.RecordedOn, RecordedBy = w.By, Note = w.Note, RecordedAt = At(w.RecordedOn),
                })];
                await writer.InsertAsync(wills, ct);

                var pairingId = await writer.NextIdAsync<Pairing>(ct);
                pairings = [.. cadres.Where(c => c.From <= today).SelectMany(c => c.Households.Select(h => new Pairing
                {
                    Id = pairingId++, CadreName = c.Name, CadreUnit = c.Unit, CadrePhone = c.Phone, HouseholdId = h, CountyCode = County, From = c.From,
                    To = c.To,
                }))];
                await writer.InsertAsync(pairings, ct);

                await writer.AdvanceIdentityAsync<LinkageParty>(ct);
                await writer.AdvanceIdentityAsync<LinkagePayment>(ct);
                await writer.AdvanceIdentityAsync<IndustryEngagement>(ct);
                await writer.AdvanceIdentityAsync<Job>(ct);
                await writer.AdvanceIdentityAsync<Willingness>(ct);
                await writer.AdvanceIdentityAsync<Pairing>(ct);
            }
            await tx.CommitAsync(ct);

            var current = pairings.Where(p => p.To is null || p.To >= today).ToList();
            return new SeedDemoIndustryResult(
                industries.Count, live.Count, contracts.Count, parties.Count, payments.Count, payments.Sum(p => p.AmountFen), jobs.Count,
                jobs.Count(j => j.Kind == JobKind.Migrant), jobs.Count(j => j.Kind == JobKind.PublicWelfare), engagements.Count, wills.Count,
                wills.Count(w => !w.Willing), plan.Count, current.Select(p => p.HouseholdId).Distinct().Count(),
                current.Select(p => (p.CadreName, p.CadrePhone)).Distinct().Count());
        }
        finally
        {
            db.Audit.Suppressed = false;
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// The party's payments of each year its contract ran, paid when the kind pays (rent in spring, 艾叶 in summer, wages in two
    /// halves, dividends in December), on or before the business date, each carved out of what is left of the income part it feeds.
    /// </summary>
    static IEnumerable<LinkagePayment> Payments(World world, Party p)
    {
        var c = p.Contract;
        var r = new Random(unchecked((Seed * 31) + (int)p.Household.Id + (Stable(c.Entity.Name) * 7) + ((int)c.Kind * 101) + (int)(p.MemberId ?? 0)));
        var part = IndustryLabels.PartFed(c.Kind);
        var label = IndustryLabels.Label(c.Kind);
        foreach (var year in Years)
        {
            if (year < c.StartOn.Year || (c.EndOn is { } end && year > end.Year)) continue;
            var halfYear = year == c.StartOn.Year && c.StartOn.Month > 6;
            var perYear = halfYear ? p.PerYearFen / 2 : p.PerYearFen;
            (DateOnly On, long Amount, string Note)[] due = c.Kind switch
            {
                LinkageKind.Employment =>
                [
                    (Day(r, new DateOnly(year, 7, 5), new DateOnly(year, 7, 15)), perYear / 2, string.Create(CultureInfo.InvariantCulture, $"{year}年上半年工资")),
                    (Day(r, new DateOnly(year, 12, 20), new DateOnly(year, 12, 28)), perYear - (perYear / 2), string.Create(CultureInfo.InvariantCulture, $"{year}年下半年工资")),
                ],
                LinkageKind.LandTransfer => [(Day(r, new DateOnly(year, 3, 10), new DateOnly(year, 3, 28)), perYear, string.Create(CultureInfo.InvariantCulture, $"{year}年土地流转租金"))],
                LinkageKind.Order when c.Entity.IndustryCode == "AC" => [(Day(r, new DateOnly(year, 7, 1), new DateOnly(year, 7, 25)), perYear, string.Create(CultureInfo.InvariantCulture, $"{year}年艾叶收购款"))],
                LinkageKind.Order => [(Day(r, new DateOnly(year, 10, 15), new DateOnly(year, 11, 10)), perYear, string.Create(CultureInfo.InvariantCulture, $"{year}年订单收购款"))],
                LinkageKind.Trusteeship => [(Day(r, new DateOnly(year, 11, 5), new DateOnly(year, 11, 25)), perYear, string.Create(CultureInfo.InvariantCulture, $"{year}年托管收益"))],
                _ => [(Day(r, new DateOnly(year, 12, 10), new DateOnly(year, 12, 28)), perYear, string.Create(CultureInfo.InvariantCulture, $"{year}年度{label}分红"))],
            };
            foreach (var (drawn, amount, note) in due)
            {
                var on = drawn < c.StartOn ? c.StartOn.AddDays(15) : drawn;
                if (on.Year != year || (c.EndOn is { } e && on > e) || on > world.Today) continue;
                var key = (p.Household.Id, year, part);
                var left = world.Left.GetValueOrDefault(key);
                var pay = Math.Min(amount, left) / 100 * 100;
                if (pay <= 0) continue;
                world.Left[key] = left - pay;
                yield return new LinkagePayment
                {
                    ContractId = c.Row!.Id, PartyId = p.Id, CountyCode = County, VillageCode = p.Household.VillageCode, HouseholdId = p.Household.Id,
                    Year = year, PaidOn = on, AmountFen = pay, Note = note, RecordedBy = TownshipAccount, RecordedAt = At(on),
                };
            }
        }
    }

    // ------------------------------------------------------------------ the 艾草 plan

    /// <summary>The plan's figures as last updated on or before the business date (the demo's own figures).</summary>
    static List<IndustryPlanItem> Plan(World world, List<Entity> live, List<Contract> contracts, List<Shop> shops, List<(long WorkshopId, DateOnly StartedOn, DateOnly? EndedOn)> workers)
    {
        var today = world.Today;
        if (today < PlanMadeOn || !world.Industries.TryGetValue("AC", out var ai)) return [];
        DateOnly[] updates = [PlanMadeOn, new(2018, 9, 28), new(2019, 6, 28), new(2019, 12, 20)];
        var stage = updates.Count(d => d <= today) - 1;
        var updated = updates[stage];
        var year = updated.Year;
        double? Staged(params double[] values) => values[stage];

        // Households tied to 艾草 in the year: their own planting, or a party of an 艾草 contract running in it.
        var tied = world.Engagements.Where(e => e.Industry == "AC" && e.Year == year && e.RecordedOn <= today).Select(e => e.Household.Id)
            .Concat(contracts.Where(c => c.Entity.IndustryCode == "AC" && c.Row!.ActiveIn(year)).SelectMany(c => c.Parties).Select(p => p.Household.Id))
            .Distinct().Count();
        var ownMu = world.Engagements.Where(e => e.Industry == "AC" && e.Year == year && e.RecordedOn <= today).Sum(e => e.AreaMu);
        var aiShops = shops.Where(s => (s.Products ?? "").Contains('艾', StringComparison.Ordinal)).Select(s => s.Id).ToHashSet();
        var aiWorkers = workers.Count(w => aiShops.Contains(w.WorkshopId) && w.StartedOn <= today && (w.EndedOn is null || w.EndedOn > today));

        var items = new List<IndustryPlanItem>();
        void Add(PlanItemKind kind, string name, string? region, string unit, double? target, double? actual, DateOnly? deadline, string detail) =>
            items.Add(new IndustryPlanItem
            {
                CountyCode = County, IndustryId = ai.Id, Kind = kind, Name = name, RegionCode = region, Unit = unit, Target = target, Actual = actual,
                Deadline = deadline, Detail = detail, SortOrder = items.Count + 1, UpdatedBy = Admin, UpdatedAt = At(updated),
            });

        var end2019 = new DateOnly(2019, 12, 31);
        var end2020 = new DateOnly(2020, 12, 31);
        Add(PlanItemKind.Target, "全县艾草种植面积", null, "亩", 50000, Staged(8000, 26800, 41500, 51200), end2019, "2019年底全县艾草种植面积达到5万亩（含非贫困户和经营主体基地）");
        Add(PlanItemKind.Target, "艾草产业带动贫困户", null, "户", 5000, stage == 0 ? null : tied, end2019, "通过自种、订单收购、带资入企、基地务工等方式带动贫困户；实际数按本系统登记的当年利益联结和自主发展户数统计");
        Add(PlanItemKind.Target, "贫困户自种艾草面积", null, "亩", 8000, stage == 0 ? null : Math.Round(ownMu, 1), end2019, "按本系统登记的贫困户当年自主发展艾草面积统计");
        Add(PlanItemKind.Target, "艾草产业综合产值", null, "万元", 100000, Staged(0, 32000, 51000, 68000), end2020, "种植、加工、艾灸康养综合产值，2020年达到10亿元");
        Add(PlanItemKind.Target, "艾草加工企业", null, "家", 30, Staged(6, 11, 17, 24), end2020, "艾绒、艾条、艾灸贴、艾草精油等加工企业");

        (string Township, double Target)[] bases =
        [
            (DemoProjects.Yunyang, 4000), (DemoProjects.Huangludian, 3000), (DemoProjects.Nanhedian, 2500),
            (DemoProjects.Xiaodian, 2000), (DemoProjects.Shimen, 2000), (DemoProjects.Baitugang, 1500),
        ];
        foreach (var (t, target) in bases)
        {
            var name = world.Names.GetValueOrDefault(t, t);
            var entity = live.FirstOrDefault(e => e.Kind == EntityKind.Base && e.IndustryCode == "AC" && e.Township == t);
            Add(PlanItemKind.Base, name + "艾草集中种植基地", t, "亩", target, entity?.AreaMu ?? 0, end2019,
                entity is null ? "集中连片种植，待落实经营主体" : "经营主体：" + entity.Name + "；集中连片种植，订单收购");
        }

        Add(PlanItemKind.ProcessingPark, DemoProjects.ParkName + "（一期）入驻企业", DemoProjects.Yunyang, "家", 20, Staged(0, 8, 13, 16), new DateOnly(2019, 6, 30),
            "项目库项目“" + DemoProjects.ParkName + "”：标准化厂房、仓储物流和检测中心；运营主体" + DemoIndustry.ParkEnterprise);
        Add(PlanItemKind.ProcessingPark, DemoProjects.ParkName + "标准化厂房", DemoProjects.Yunyang, "平方米", 60000, Staged(0, 36000, 52000, 60000), new DateOnly(2019, 6, 30),
            "一期标准化厂房6万平方米");
        Add(PlanItemKind.ProcessingPark, DemoProjects.ParkName + "二期艾草精油生产线", DemoProjects.Yunyang, "条", 2, Staged(0, 0, 1, 2), end2020,
            "2019年项目库“南召县艾草产业园二期”");

        Add(PlanItemKind.Incentive, "集中连片种植50亩以上每亩奖补300元", null, "亩", 30000, Staged(0, 12400, 21000, 28600), end2019,
            "经营主体集中连片种植艾草50亩以上的，验收合格后每亩一次性奖补300元");
        Add(PlanItemKind.Incentive, "贫困户种植艾草每亩奖补500元", null, "亩", 8000, stage == 0 ? null : Math.Round(ownMu, 1), end2019,
            "建档立卡贫困户自种艾草，验收合格后每亩奖补500元，每户最多5亩");
        Add(PlanItemKind.Incentive, "入驻产业园企业厂房租金三年减免", DemoProjects.Yunyang, "家", 20, Staged(0, 8, 13, 16), end2020,
            "新入驻艾草产业园的加工企业，前三年厂房租金全免");
        Add(PlanItemKind.Incentive, "艾草加工扶贫车间吸纳贫困劳动力每人每年奖补1000元", null, "人", 300, stage == 0 ? null : aiWorkers, end2019,
            "艾草加工扶贫车间稳定吸纳贫困劳动力就业6个月以上的，每人每年奖补1000元；实际数为当前在岗贫困劳动力");
        return items;
    }
}
