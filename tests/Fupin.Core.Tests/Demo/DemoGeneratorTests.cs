using Fupin.Demo;
using Fupin.Registry;

namespace Fupin.Tests.Demo;

/// <summary>The default-seed county, generated once for the class.</summary>
public sealed class DefaultDemoCounty
{
    public DemoRegistry Registry { get; } = DemoGenerator.Generate(DemoCounty.DefaultSeed);
}

public class DemoGeneratorTests(DefaultDemoCounty county) : IClassFixture<DefaultDemoCounty>
{
    static readonly DateOnly Today = new(2018, 10, 8);

    // Exit thresholds from the design brief (2015 from the statistical series).
    static readonly Dictionary<int, long> LineYuan = new() { [2015] = 2855, [2016] = 3000, [2017] = 3335 };

    static readonly string[] Townships =
        ["城关镇", "留山镇", "云阳镇", "皇路店镇", "南河店镇", "板山坪镇", "乔端镇", "白土岗镇", "城郊乡", "小店乡", "皇后乡", "太山庙乡", "石门乡", "四棵树乡", "马市坪乡", "崔庄乡"];

    DemoRegistry Registry => county.Registry;

    IEnumerable<Member> Members => Registry.Households.SelectMany(h => h.Members);

    static long PerCapitaYuanTimes100(IncomeRecord i) =>
        (i.Wage + i.Production + i.AssetDividend + i.OtherProperty + i.FamilyPlanning + i.DibaoAllowance + i.TekunAllowance
            + i.PensionIncome + i.EcoCompensation + i.OtherTransfer - i.ProductionCost) / i.HouseholdSize;

    [Fact]
    public void Generate_SameSeed_ProducesIdenticalRegistry()
    {
        var again = DemoGenerator.Generate(DemoCounty.DefaultSeed);

        Assert.Equal(DemoCanonical.Hash(Registry), DemoCanonical.Hash(again));
    }

    [Fact]
    public void Generate_DifferentSeed_ProducesDifferentRegistry()
    {
        var other = DemoGenerator.Generate(DemoCounty.DefaultSeed + 1);

        Assert.NotEqual(DemoCanonical.Hash(Registry), DemoCanonical.Hash(other));
        Assert.NotEqual(Registry.Households[0].Members[0].Name + Registry.Households[0].Members[0].IdNumber,
            other.Households[0].Members[0].Name + other.Households[0].Members[0].IdNumber);
    }

    [Fact]
    public void Generate_Regions_AreTheSixteenRealTownshipsWithoutFactories()
    {
        var townships = Registry.Regions.Where(r => r.Level == RegionLevel.Township).ToList();

        Assert.Equal(Townships.Order(StringComparer.Ordinal), townships.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(townships, t => Assert.StartsWith("411321", t.Code, StringComparison.Ordinal));
        Assert.DoesNotContain(townships, t => t.Name.Contains("机械厂", StringComparison.Ordinal));
        Assert.Equal(["41", "4113", "411321"], Registry.Regions.Where(r => r.Level < RegionLevel.Township).Select(r => r.Code));
    }

    [Fact]
    public void Generate_Villages_HaveCodesUnderTheirTownshipAndUniqueNames()
    {
        var townshipCodes = Registry.Regions.Where(r => r.Level == RegionLevel.Township).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);

        Assert.All(Registry.Villages, v =>
        {
            Assert.Equal(RegionLevel.Village, v.Level);
            Assert.Matches("^411321[0-9]{3}2[0-9]{2}$", v.Code);
            Assert.Equal(v.Code[..9], v.ParentCode);
            Assert.Contains(v.ParentCode!, townshipCodes);
            Assert.EndsWith("村", v.Name, StringComparison.Ordinal);
            Assert.InRange(v.RuralPopulation!.Value, 900, 3200);
        });
        Assert.Equal(Registry.Villages.Count, Registry.Villages.Select(v => v.Code).Distinct(StringComparer.Ordinal).Count());
        foreach (var t in Registry.Villages.GroupBy(v => v.ParentCode))
        {
            Assert.Equal(t.Count(), t.Select(v => v.Name).Distinct(StringComparer.Ordinal).Count());
            Assert.InRange(t.Count(), 18, 28);
        }
    }

    [Fact]
    public void Generate_Counts_AreInTheExpectedRanges()
    {
        var villages = Registry.Villages.Count;
        var poorVillages = Registry.Villages.Count(v => v.IsPoorVillage);
        var persons = Members.Count();
        var population = Registry.Villages.Sum(v => v.RuralPopulation!.Value);

        Assert.InRange(villages, 320, 360);
        Assert.InRange((double)poorVillages / villages, 0.25, 0.42);
        Assert.InRange(Registry.Households.Count, 17_000, 19_000);
        Assert.InRange(persons, 57_000, 63_000);
        Assert.InRange(population, 520_000, 560_000);
        Assert.InRange((double)persons / Registry.Households.Count, 3.0, 3.6);
        Assert.All(Registry.Households, h => Assert.InRange(h.Members.Count, 1, 8));
    }

    [Fact]
    public void Generate_PoorVillages_AreConcentratedInTheMountains()
    {
        string[] mountain = ["乔端镇", "马市坪乡", "板山坪镇", "白土岗镇", "四棵树乡", "石门乡", "崔庄乡", "留山镇"];
        var mountainCodes = Registry.Regions.Where(r => mountain.Contains(r.Name)).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var poor = Registry.Villages.Where(v => v.IsPoorVillage).ToList();

        Assert.True(poor.Count(v => mountainCodes.Contains(v.ParentCode!)) > poor.Count * 0.6);
        Assert.True(poor.Average(v => v.RuralPopulation!.Value) < Registry.Villages.Where(v => !v.IsPoorVillage).Average(v => v.RuralPopulation!.Value));
    }

    [Fact]
    public void Generate_PoorPersons_AreBetweenTwoAndThreePercentOfRuralPopulation()
    {
        var poorPersons = Registry.Households
            .Where(h => h.Status is PovertyStatus.NotExited or PovertyStatus.Relapsed)
            .Sum(h => h.Members.Count);
        var population = Registry.Villages.Sum(v => v.RuralPopulation!.Value);
        var exitedPersons = Registry.Households.Where(h => h.ExitYear is not null).Sum(h => h.Members.Count);

        Assert.InRange((double)poorPersons / population, 0.02, 0.03);
        Assert.InRange((double)exitedPersons / Members.Count(), 0.65, 0.85);
    }

    [Fact]
    public void Generate_StatusAndYears_FitTheCohorts()
    {
        var hh = Registry.Households;
        Assert.All(hh, h =>
        {
            Assert.Equal(IdentificationStandard.National, h.Standard);
            Assert.InRange(h.IdentificationYear, 2014, 2017);
            switch (h.Status)
            {
                case PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy:
                    Assert.InRange(h.ExitYear!.Value, 2015, 2017);
                    Assert.True(h.IdentificationYear < h.ExitYear);
                    break;
                case PovertyStatus.NotExited:
                    Assert.Null(h.ExitYear);
                    Assert.Contains(h.PlannedExitYear!.Value, new[] { 2018, 2019 });
                    break;
                default:
                    Assert.Equal(PovertyStatus.Relapsed, h.Status);
                    Assert.Null(h.ExitYear);
                    break;
            }
        });
        Assert.All(hh.Where(h => h.Status == PovertyStatus.ExitedWithoutPolicy), h => Assert.Equal(2015, h.ExitYear));
        Assert.InRange(hh.Count(h => h.Status == PovertyStatus.Relapsed), hh.Count / 200, hh.Count / 50);
        Assert.True(hh.Count(h => h.IdentificationYear == 2014) > hh.Count * 0.75);
        Assert.True(hh.Count(h => h.PlannedExitYear == 2018 && h.Status == PovertyStatus.NotExited) > hh.Count / 20);
        Assert.True(hh.Count(h => h.PlannedExitYear == 2019 && h.Status == PovertyStatus.NotExited) > hh.Count / 20);
    }

    [Fact]
    public void Generate_Attributes_AreMostlyGeneralWithDibaoAndSmallElderlyTekun()
    {
        var hh = Registry.Households;
        var share = (HouseholdAttribute a) => (double)hh.Count(h => h.Attribute == a) / hh.Count;

        Assert.InRange(share(HouseholdAttribute.General), 0.62, 0.78);
        Assert.InRange(share(HouseholdAttribute.Dibao), 0.18, 0.32);
        Assert.InRange(share(HouseholdAttribute.Tekun), 0.03, 0.08);
        Assert.All(hh.Where(h => h.Attribute == HouseholdAttribute.Tekun), h => Assert.InRange(h.Members.Count, 1, 2));
        Assert.All(hh, h => Assert.All(h.Members, m =>
        {
            Assert.Equal(h.Attribute == HouseholdAttribute.Dibao, m.IsDibao);
            Assert.Equal(h.Attribute == HouseholdAttribute.Tekun, m.IsTekun);
        }));
    }

    [Fact]
    public void Generate_NotExitedHouseholds_IllnessIsTheLeadingMainCause()
    {
        var causes = Registry.Households
            .Where(h => h.Status == PovertyStatus.NotExited)
            .GroupBy(h => h.MainCause)
            .Select(g => (Cause: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count)
            .ToList();

        Assert.Equal(PovertyCause.Illness, causes[0].Cause);
        Assert.Equal(PovertyCause.Disability, causes[1].Cause);
        var total = causes.Sum(c => c.Count);
        Assert.True(causes[0].Count + causes[1].Count > total * 0.6, "illness and disability should dominate the remaining poor");
    }

    [Fact]
    public void Generate_Causes_AreConsistentWithMembersHealth()
    {
        Assert.All(Registry.Households, h =>
        {
            Assert.InRange(h.OtherCauses.Count, 0, 2);
            Assert.DoesNotContain(h.MainCause, h.OtherCauses);
            Assert.Equal(h.OtherCauses.Count, h.OtherCauses.Distinct().Count());
            var causes = h.OtherCauses.Append(h.MainCause).ToList();
            if (causes.Contains(PovertyCause.Illness))
                Assert.Contains(h.Members, m => (m.Health & (HealthConditions.Chronic | HealthConditions.Serious)) != 0);
            if (causes.Contains(PovertyCause.Disability))
                Assert.Contains(h.Members, m => m.Health.HasFlag(HealthConditions.Disabled));
        });
        Assert.All(Members, m => Assert.True(m.Health == HealthConditions.Healthy || !m.Health.HasFlag(HealthConditions.Healthy)));
    }

    [Fact]
    public void Generate_IdNumbers_AreValidUniqueAndMatchGenderAndBirthDate()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in Members)
        {
            var text = m.IdNumber!.Value.ToString();
            Assert.Matches("^411321[0-9]{11}[0-9X]$", text);
            Assert.Equal(CheckCharacter(text), text[17]);
            Assert.Equal(m.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), text.Substring(6, 8));
            Assert.Equal(m.Gender == Gender.Male, (text[16] - '0') % 2 == 1);
            Assert.True(m.BirthDate <= Today);
            Assert.True(seen.Add(text), $"duplicate ID {text}");
        }
    }

    /// <summary>GB 11643-1999 check character, computed here rather than through ResidentId.</summary>
    static char CheckCharacter(string id)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (id[i] - '0') * weights[i];
        return "10X98765432"[sum % 11];
    }

    [Fact]
    public void Generate_Numbers_AreUniqueFourteenDigitHouseholdNumbersAndMemberNumbers()
    {
        Assert.All(Registry.Households, h =>
        {
            Assert.Matches("^[0-9]{14}$", h.Number);
            Assert.StartsWith(h.VillageCode[..9], h.Number, StringComparison.Ordinal);
        });
        Assert.Equal(Registry.Households.Count, Registry.Households.Select(h => h.Number).Distinct(StringComparer.Ordinal).Count());
        var memberNumbers = Members.Select(m => m.Number).ToList();
        Assert.DoesNotContain(null, memberNumbers);
        Assert.Equal(memberNumbers.Count, memberNumbers.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Generate_EveryHousehold_HasExactlyOneHeadAndConsistentRelations()
    {
        Assert.All(Registry.Households, h =>
        {
            Assert.Single(h.Members, m => m.Relation == "户主");
            Assert.Equal("户主", h.Members[0].Relation);
            var head = h.Members[0];
            var headAge = head.AgeOn(Today);
            foreach (var m in h.Members)
            {
                Assert.True(CodeCatalog.IsValid(CodeCatalog.Relation, m.Relation, 2018), m.Relation);
                var age = m.AgeOn(Today);
                switch (m.Relation)
                {
                    case "配偶":
                        Assert.NotEqual(head.Gender, m.Gender);
                        break;
                    case "之子" or "之女":
                        Assert.True(age <= headAge - 15, $"{m.Relation} {age} vs head {headAge}");
                        Assert.Equal(m.Relation == "之子" ? Gender.Male : Gender.Female, m.Gender);
                        break;
                    case "之孙子" or "之孙女" or "之外孙子" or "之外孙女":
                        Assert.True(age <= headAge - 35, $"{m.Relation} {age} vs head {headAge}");
                        break;
                    case "之父" or "之母" or "之公公" or "之婆婆":
                        Assert.True(age >= headAge + 15, $"{m.Relation} {age} vs head {headAge}");
                        Assert.Equal(m.Relation is "之父" or "之公公" ? Gender.Male : Gender.Female, m.Gender);
                        break;
                }
            }
        });
    }

    [Fact]
    public void Generate_EveryMember_HasEitherEducationOrStudentStatusValidIn2018()
    {
        Assert.All(Members, m =>
        {
            Assert.True(m.Education is null != m.StudentStatus is null, $"{m.Name}: {m.Education} / {m.StudentStatus}");
            if (m.Education is not null) Assert.True(CodeCatalog.IsValid(CodeCatalog.Education, m.Education, 2018), m.Education);
            if (m.StudentStatus is not null) Assert.True(CodeCatalog.IsValid(CodeCatalog.StudentStatus, m.StudentStatus, 2018), m.StudentStatus);
            Assert.True(CodeCatalog.IsValid(CodeCatalog.Ethnicity, m.Ethnicity, 2018));
            Assert.True(CodeCatalog.IsValid(CodeCatalog.PoliticalStatus, m.PoliticalStatus, 2018));
            var age = m.AgeOn(Today);
            if (age < 3) Assert.Equal("学龄前儿童", m.StudentStatus);
            if (age is >= 8 and <= 11) Assert.Equal("小学", m.StudentStatus);
            if (age < 16) Assert.Equal(LabourSkill.None, m.LabourSkill);
        });
    }

    [Fact]
    public void Generate_RemainingPoor_AreOldAndOftenWithoutLabour()
    {
        var poor = Registry.Households.Where(h => h.IsPoor).SelectMany(h => h.Members).ToList();
        var old = (double)poor.Count(m => m.AgeOn(Today) >= 65) / poor.Count;
        var noLabour = (double)poor.Count(m => m.LabourSkill is LabourSkill.Lost or LabourSkill.None) / poor.Count;

        Assert.InRange(old, 0.20, 0.32);
        Assert.InRange(noLabour, 0.40, 0.55);
    }

    [Fact]
    public void Generate_Members_HaveMigrantWorkInsuranceAndNames()
    {
        var members = Members.ToList();
        var able = members.Where(m => m.AgeOn(Today) is >= 16 and < 60 && m.StudentStatus is null && m.LabourSkill is LabourSkill.Ordinary or LabourSkill.Skilled).ToList();
        var migrantShare = (double)able.Count(m => m.MigrantWorkPlace is not null) / able.Count;

        Assert.InRange(migrantShare, 0.2, 0.4);
        Assert.All(members.Where(m => m.MigrantWorkPlace is not null), m => Assert.InRange(m.MigrantWorkMonths!.Value, 1, 12));
        Assert.InRange((double)members.Count(m => m.HasBasicMedical) / members.Count, 0.97, 1.0);
        Assert.All(members.Where(m => m.HasCriticalIllness), m => Assert.True(m.HasBasicMedical));
        Assert.All(members, m => Assert.Matches("^\\p{IsCJKUnifiedIdeographs}{2,3}$", m.Name));
        Assert.True(members.Count(m => m.Ethnicity == "汉族") > members.Count * 0.98);
    }

    [Fact]
    public void Generate_Incomes_CoverThreeYearsAndThe2018EstimateWithHouseholdSizeEqualToMembers()
    {
        Assert.All(Registry.Households, h =>
        {
            Assert.Equal([2015, 2016, 2017, 2018], h.Incomes.Select(i => i.Year));
            Assert.All(h.Incomes, i =>
            {
                Assert.Equal(h.Members.Count, i.HouseholdSize);
                Assert.True(i.Wage >= 0 && i.Production >= 0 && i.ProductionCost >= 0 && i.ProductionCost <= i.Production);
                Assert.Equal(h.Attribute == HouseholdAttribute.Dibao, i.DibaoAllowance > 0);
                Assert.Equal(h.Attribute == HouseholdAttribute.Tekun, i.TekunAllowance > 0);
            });
        });
    }

    [Fact]
    public void Generate_ExitedHouseholds_HaveIncomeAboveTheirExitYearsLine()
    {
        var exited = Registry.Households.Where(h => h.Status is PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy).ToList();
        Assert.NotEmpty(exited);
        Assert.All(exited, h =>
        {
            var exitYear = h.ExitYear!.Value;
            // Up to 2017, the ledger the exit was decided on; the 2018 estimate may dip (see the timeline tests).
            Assert.All(h.Incomes.Where(i => i.Year >= exitYear && i.Year <= 2017), i => Assert.True(PerCapitaYuanTimes100(i) > LineYuan[i.Year] * 100, $"{h.Number} {i.Year}"));
            Assert.All(h.Incomes.Where(i => i.Year < exitYear), i => Assert.True(PerCapitaYuanTimes100(i) < LineYuan[i.Year] * 100, $"{h.Number} {i.Year}"));
        });

        // Most exit with 3,500–9,000 yuan a head.
        var atExit = exited.Select(h => PerCapitaYuanTimes100(h.Incomes.Single(i => i.Year == h.ExitYear)) / 100).ToList();
        Assert.True(atExit.Count(x => x is >= 3500 and <= 9000) > atExit.Count * 0.6);
    }

    [Fact]
    public void Generate_NotExitedHouseholds_HaveIncomeBelowOrNearThe2017Line()
    {
        var notExited = Registry.Households.Where(h => h.Status == PovertyStatus.NotExited).ToList();
        var pc2017 = notExited.Select(h => (h.PlannedExitYear, Yuan: PerCapitaYuanTimes100(h.Incomes.Single(i => i.Year == 2017)) / 100.0)).ToList();

        Assert.All(pc2017, x => Assert.True(x.Yuan < 3335 * 1.15, x.ToString()));
        Assert.True(pc2017.Where(x => x.PlannedExitYear == 2019).Average(x => x.Yuan) < 3335);
        Assert.InRange(pc2017.Where(x => x.PlannedExitYear == 2018).Average(x => x.Yuan), 3000, 3700);
    }
}
