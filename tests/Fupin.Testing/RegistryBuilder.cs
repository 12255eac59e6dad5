using Fupin.Regions;
using Fupin.Registry;

namespace Fupin.Testing;

/// <summary>Test data with valid defaults; tests change only what they are about.</summary>
public static class RegistryBuilder
{
    public const string County = "411321";
    public const string Township = "411321304";
    public const string Village = "411321304201";

    static int _next;

    public static Household Household(Action<Household>? configure = null)
    {
        var n = Interlocked.Increment(ref _next);
        var h = new Household
        {
            CountyCode = County,
            VillageCode = Village,
            Number = $"41132130420{n:D5}",
            Attribute = HouseholdAttribute.General,
            Status = PovertyStatus.NotExited,
            IdentificationYear = 2014,
            PlannedExitYear = 2019,
            MainCause = PovertyCause.Illness,
            ArableLand = 2.5,
            RoadType = RoadType.Concrete,
            HousingArea = 60,
            SafeDrinkingWater = true,
            HasPower = true,
            Fuel = FuelType.Firewood,
        };
        h.Members.Add(Member(h, m => m.Relation = "户主"));
        configure?.Invoke(h);
        return h;
    }

    public static Member Member(Household h, Action<Member>? configure = null)
    {
        var n = Interlocked.Increment(ref _next);
        var id = ResidentId.Create(County, new DateOnly(1960, 1, 1).AddDays(n), (n * 2 + 1) % 1000);
        var m = new Member
        {
            CountyCode = h.CountyCode,
            Name = "张" + "伟芳明华"[n % 4],
            IdNumber = id,
            Gender = id.Gender,
            BirthDate = id.BirthDate,
            Relation = "之子",
            Education = "初中",
            LabourSkill = LabourSkill.Ordinary,
            HasBasicMedical = true,
            HasCriticalIllness = true,
        };
        configure?.Invoke(m);
        return m;
    }

    /// <summary>Adds the county chain, township 石门乡 and one village if missing, then the household.</summary>
    public static async Task<long> AddHouseholdAsync(TestDatabase db, Action<Household>? configure = null)
    {
        await EnsureVillageAsync(db);
        await using var ctx = db.NewContext();
        var h = Household(configure);
        ctx.Households.Add(h);
        await ctx.SaveChangesAsync();
        return h.Id;
    }

    /// <summary>
    /// Adds the county chain of 南召 (province, city, county and its townships) and, for a village of another county, that
    /// county's chain, if missing; then the village.
    /// </summary>
    public static async Task EnsureVillageAsync(TestDatabase db, string villageCode = Village, string name = "石门村", bool poor = true, int ruralPopulation = 1500)
    {
        await using var ctx = db.NewContext();
        var chains = villageCode[..6] == County ? RegionCatalog.ChainWithTownships(County) : [.. RegionCatalog.ChainWithTownships(County), .. RegionCatalog.ChainWithTownships(villageCode[..6])];
        foreach (var r in chains.DistinctBy(r => r.Code))
        {
            if (await ctx.Regions.FindAsync(r.Code) is null) ctx.Regions.Add(new Region { Code = r.Code, Name = r.Name, Level = r.Level, ParentCode = r.ParentCode });
        }
        if (await ctx.Regions.FindAsync(villageCode) is null)
            ctx.Regions.Add(new Region { Code = villageCode, Name = name, Level = RegionLevel.Village, ParentCode = villageCode[..9], IsPoorVillage = poor, RuralPopulation = ruralPopulation });
        await ctx.SaveChangesAsync();
    }
}
