using Fupin.Assessment;
using Fupin.Registry;
using Fupin.Testing;

namespace Fupin.Tests.Assessment;

/// <summary>
/// Worked examples of the household test with the 2018 exit threshold, 3535 yuan = 353500 fen per
/// person, and the default margin 1.1 (3888.50 yuan = 388850 fen). Expected values are worked out by
/// hand in the comments.
/// </summary>
public class HouseholdTestTests
{
    const int Line2018 = 3535;
    static readonly DateOnly AsOf = new(2018, 10, 8);

    /// <summary>A one-person household passing every guarantee the model can judge (builder defaults: insured, grade A, safe water).</summary>
    static Household Passing(Action<Household>? configure = null) => RegistryBuilder.Household(configure);

    static IncomeRecord Income(int size, long wage) => new() { CountyCode = RegistryBuilder.County, Year = 2018, HouseholdSize = size, Wage = wage };

    static HouseholdVisit Visit(bool food = true, bool clothing = true, DateOnly? on = null) => new()
    {
        CountyCode = RegistryBuilder.County, VillageCode = RegistryBuilder.Village, VisitedOn = on ?? new DateOnly(2018, 9, 20),
        Visitor = "王帮扶", FoodSecure = food, ClothingSecure = clothing, RecordedBy = "village",
    };

    /// <summary>With a visit of 2018-09-20 finding food and clothing secure.</summary>
    static HouseholdTestResult Run(Household h, IncomeRecord? income) => HouseholdTest.Run(h, income, Visit(), Line2018, HouseholdTest.DefaultMargin, AsOf);

    [Fact]
    public void Income_EveryComponent_NetIsSumOfIncomesLessProductionCostDividedBySize()
    {
        var income = new IncomeRecord
        {
            CountyCode = RegistryBuilder.County, Year = 2018, HouseholdSize = 4,
            Wage = 800_000, Production = 450_000,
            AssetDividend = 30_000, OtherProperty = 20_000,
            FamilyPlanning = 96_000, DibaoAllowance = 120_000, TekunAllowance = 10_000, PensionIncome = 105_600, EcoCompensation = 12_500, OtherTransfer = 25_000,
            ProductionCost = 150_000,
        };
        // 工资性 8000.00 + 生产经营性 4500.00 + 财产性 (300 + 200) 500.00
        // + 转移性 (960 + 1200 + 100 + 1056 + 125 + 250) 3691.00 − 支出 1500.00 = 15191.00 yuan = 1519100 fen;
        // ÷ 4 = 379775 fen = 3797.75 yuan: at least 3535 (passes) but under 3888.50 (unstable).
        var result = Run(Passing(), income);

        Assert.Equal(379_775, result.PerCapitaNetIncomeFen);
        Assert.Equal(IndicatorState.Met, result[Indicator.Income].State);
        Assert.True(result.Unstable);
        Assert.Contains("纯收入 15191.00 元", result[Indicator.Income].Evidence);
        Assert.Contains("财产性 500.00", result[Indicator.Income].Evidence);
        Assert.Contains("转移性 3691.00", result[Indicator.Income].Evidence);
        Assert.Contains("人均 3797.75 元", result[Indicator.Income].Evidence);
        Assert.Contains("不稳定", result[Indicator.Income].Evidence);
    }

    [Theory]
    [InlineData(353_500, IndicatorState.Met)]    // exactly at the line: passes
    [InlineData(353_501, IndicatorState.Met)]    // one fen above
    [InlineData(353_499, IndicatorState.NotMet)] // one fen below
    public void Income_OnePerson_AtAboveAndBelowTheLine(long perCapitaFen, IndicatorState expected)
    {
        var result = Run(Passing(), Income(1, perCapitaFen));
        Assert.Equal(expected, result[Indicator.Income].State);
        Assert.Equal(perCapitaFen, result.PerCapitaNetIncomeFen);
    }

    [Fact]
    public void Income_ThreePersonsOneFenShortInTotal_FailsThoughTheLineIsNearlyMet()
    {
        // 3 × 353500 = 1060500 passes; 1060499 is 3534.99666… per person: below.
        Assert.Equal(IndicatorState.Met, Run(Passing(), Income(3, 1_060_500))[Indicator.Income].State);
        var below = Run(Passing(), Income(3, 1_060_499));
        Assert.Equal(IndicatorState.NotMet, below[Indicator.Income].State);
        Assert.Equal(353_499, below.PerCapitaNetIncomeFen);
    }

    [Theory]
    [InlineData(353_500, true)]  // at the line: passes but unstable
    [InlineData(388_849, true)]  // one fen under 1.1 × 3535 = 3888.50
    [InlineData(388_850, false)] // at 1.1 × the line: stable
    [InlineData(353_499, false)] // failing income is not "unstable", it fails
    public void Income_UnstableBand_BelowMarginTimesLine(long perCapitaFen, bool unstable)
    {
        Assert.Equal(unstable, Run(Passing(), Income(1, perCapitaFen)).Unstable);
    }

    [Fact]
    public void Income_WiderMargin_MovesTheBand()
    {
        // margin 1.5: 1.5 × 353500 = 530250; 400000 is unstable under it, stable under 1.1.
        Assert.True(HouseholdTest.Run(Passing(), Income(1, 400_000), Visit(), Line2018, 1.5m, AsOf).Unstable);
        Assert.False(Run(Passing(), Income(1, 400_000)).Unstable);
    }

    [Fact]
    public void Income_NoRecordOfTheYear_IsUnverifiedAndDoesNotPass()
    {
        var result = Run(Passing(), null);
        Assert.Equal(IndicatorState.Unverified, result[Indicator.Income].State);
        Assert.Null(result.PerCapitaNetIncomeFen);
        Assert.False(result.MeetsExitStandard);
    }

    [Fact]
    public void Baseline_EveryIndicatorMet_IsAnExit()
    {
        var result = Run(Passing(), Income(1, 400_000));
        Assert.All(result.Indicators, i => Assert.Equal(IndicatorState.Met, i.State));
        Assert.Contains("2018-09-20 王帮扶 入户走访：不愁吃、不愁穿", result[Indicator.FoodAndClothing].Evidence);
        Assert.True(result.MeetsExitStandard);
        Assert.Equal("达到退出标准", result.Summary);
    }

    [Fact]
    public void FoodAndClothing_NoVisitOfTheYear_UnverifiedSoNotYetAnExit()
    {
        var result = HouseholdTest.Run(Passing(), Income(1, 400_000), null, Line2018, HouseholdTest.DefaultMargin, AsOf);
        Assert.Equal(
            [IndicatorState.Met, IndicatorState.Unverified, IndicatorState.Met, IndicatorState.Met, IndicatorState.Met, IndicatorState.Met],
            result.Indicators.Select(i => i.State));
        Assert.Contains("走访", result[Indicator.FoodAndClothing].Evidence);
        Assert.False(result.MeetsExitStandard);
        Assert.True(result.MeetsExceptUnverified);
        Assert.Equal(0, result.Deprivations);
        Assert.Contains("未核实不视为达标", result.Summary);
    }

    [Theory]
    [InlineData(false, true, "吃有困难")]
    [InlineData(true, false, "穿有困难")]
    [InlineData(false, false, "吃、穿有困难")]
    public void FoodAndClothing_VisitFindsHardship_Fails(bool food, bool clothing, string evidence)
    {
        var result = HouseholdTest.Run(Passing(), Income(1, 400_000), Visit(food, clothing), Line2018, HouseholdTest.DefaultMargin, AsOf);
        Assert.Equal(IndicatorState.NotMet, result[Indicator.FoodAndClothing].State);
        Assert.Contains(evidence, result[Indicator.FoodAndClothing].Evidence);
        Assert.Equal(1, result.Deprivations);
    }

    /// <summary>The baseline with one change must fail exactly that indicator and leave the others as they were.</summary>
    static void AssertOnlyFails(Indicator indicator, Household h, string evidence)
    {
        var result = Run(h, Income(h.Members.Count, 400_000L * h.Members.Count));
        foreach (var i in result.Indicators)
        {
            var expected = i.Indicator == indicator ? IndicatorState.NotMet : IndicatorState.Met;
            Assert.True(expected == i.State, $"{i.Indicator}: expected {expected}, was {i.State} ({i.Evidence})");
        }
        Assert.Contains(evidence, result[indicator].Evidence);
        Assert.False(result.MeetsExceptUnverified);
        Assert.Equal(1, result.Deprivations);
        Assert.Contains($"{HouseholdTest.Label(indicator)}不达标", result.Summary);
    }

    [Fact]
    public void Education_ChildOfTenNotInSchool_FailsNamingTheChild()
    {
        // born 2008-05-01: 10 on 2018-10-08; 文化程度 小学 and no 在校生状况 = not in school.
        AssertOnlyFails(Indicator.Education, Passing(h => h.Members.Add(RegistryBuilder.Member(h, m =>
            (m.Name, m.BirthDate, m.Education, m.StudentStatus) = ("李小明", new DateOnly(2008, 5, 1), "小学", null)))), "李小明（10岁");
    }

    [Theory]
    [InlineData("2008-05-01", "小学", null, IndicatorState.Met)]          // 10, in primary school
    [InlineData("2003-10-08", null, "小学", IndicatorState.NotMet)]       // 15 today, left school after primary
    [InlineData("2002-10-09", null, "小学", IndicatorState.NotMet)]       // still 15 (16 tomorrow)
    [InlineData("2002-10-08", null, "小学", IndicatorState.Met)]          // 16 today: past compulsory age
    [InlineData("2003-10-09", null, "初中", IndicatorState.Met)]          // 14 with 初中 completed
    [InlineData("2012-05-01", "学前教育", null, IndicatorState.Met)]      // 6: enrolment may wait until 7
    [InlineData("2011-05-01", "学前教育", null, IndicatorState.NotMet)]   // 7 and still in pre-school
    [InlineData("2009-05-01", "非在校生", null, IndicatorState.NotMet)]   // 9, 非在校生
    [InlineData("2013-05-01", "学龄前儿童", null, IndicatorState.Met)]    // 5: below school age
    public void Education_AgeAndSchooling(string birth, string? student, string? education, IndicatorState expected)
    {
        var h = Passing(h => h.Members.Add(RegistryBuilder.Member(h, m =>
            (m.BirthDate, m.StudentStatus, m.Education) = (DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), student, education))));
        Assert.Equal(expected, Run(h, Income(2, 800_000))[Indicator.Education].State);
    }

    [Fact]
    public void Education_ChildOutOfSchoolWithLawfulReason_PassesAndSaysWhy()
    {
        var h = Passing(h => h.Members.Add(RegistryBuilder.Member(h, m =>
            (m.Name, m.BirthDate, m.StudentStatus, m.Education, m.OutOfSchoolReason) = ("周小残", new DateOnly(2009, 5, 1), "非在校生", null, "残疾儿童送教上门"))));
        var education = Run(h, Income(2, 800_000))[Indicator.Education];
        Assert.Equal(IndicatorState.Met, education.State);
        Assert.Contains("周小残（残疾儿童送教上门）", education.Evidence);
    }

    [Fact]
    public void Medical_MemberWithoutBasicInsurance_FailsNamingTheMember()
    {
        AssertOnlyFails(Indicator.Medical, Passing(h => h.Members.Add(RegistryBuilder.Member(h, m => (m.Name, m.HasBasicMedical) = ("赵未保", false)))), "赵未保");
    }

    [Fact]
    public void Medical_NoCriticalIllnessCoverOnly_PassesAndSaysSo()
    {
        var h = Passing(h => h.Members.Add(RegistryBuilder.Member(h, m => (m.Name, m.HasCriticalIllness) = ("钱无大病险", false))));
        var medical = Run(h, Income(2, 800_000))[Indicator.Medical];
        Assert.Equal(IndicatorState.Met, medical.State);
        Assert.Contains("未参加大病保险：钱无大病险", medical.Evidence);
    }

    [Theory]
    [InlineData(HousingGrade.C)]
    [InlineData(HousingGrade.D)]
    public void Housing_GradeCOrD_Fails(HousingGrade grade)
    {
        AssertOnlyFails(Indicator.Housing, Passing(h => h.HousingGrade = grade), CodeCatalog.Label(grade));
    }

    [Theory]
    [InlineData("2018-10-08", IndicatorState.Met)]     // renovation accepted on the as-of date
    [InlineData("2018-10-09", IndicatorState.NotMet)]  // accepted a day later: still a D-grade house today
    public void Housing_GradeDRenovated_PassesFromTheAcceptanceDate(string renovated, IndicatorState expected)
    {
        var h = Passing(h => (h.HousingGrade, h.HousingRenovatedOn) = (HousingGrade.D, DateOnly.Parse(renovated, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, Run(h, Income(1, 400_000))[Indicator.Housing].State);
    }

    [Fact]
    public void Housing_GradeB_Passes()
    {
        Assert.Equal(IndicatorState.Met, Run(Passing(h => h.HousingGrade = HousingGrade.B), Income(1, 400_000))[Indicator.Housing].State);
    }

    [Fact]
    public void Water_Unsafe_Fails()
    {
        AssertOnlyFails(Indicator.Water, Passing(h => h.SafeDrinkingWater = false), "饮水不安全");
    }

    [Fact]
    public void Income_BelowLineAlone_FailsOnlyIncome()
    {
        var result = Run(Passing(), Income(1, 300_000));
        Assert.Equal(IndicatorState.NotMet, result[Indicator.Income].State);
        Assert.Contains("低于贫困线 3535 元", result[Indicator.Income].Evidence);
        Assert.Equal(1, result.Deprivations);
        Assert.False(result.MeetsExceptUnverified);
    }
}
