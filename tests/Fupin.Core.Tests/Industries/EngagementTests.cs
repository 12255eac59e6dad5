using Fupin.Accounts;
using Fupin.Common;
using Fupin.Industries;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Industries;

/// <summary>A household's own industry (自主发展产业): the rules of recording it and who sees it.</summary>
public class EngagementTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    long _ac;
    long _retired;
    long _household;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _household = await IndustryOverviewTests.HouseholdAsync(_db, IndustryOverviewTests.VillageA, 3);
        await using var db = _db.NewContext();
        _ac = (await new AddLocalIndustry(db).HandleAsync(new AddLocalIndustryRequest { CountyCode = RegistryBuilder.County, Code = "AC", Name = "艾草", OutputUnit = "斤", User = "t", Role = Role.CountyAdmin }, default)).Value!.Id;
        _retired = (await new AddLocalIndustry(db).HandleAsync(new AddLocalIndustryRequest { CountyCode = RegistryBuilder.County, Code = "ZC", Name = "柞蚕养殖", User = "t", Role = Role.CountyAdmin }, default)).Value!.Id;
        await new UpdateLocalIndustry(db).HandleAsync(new UpdateLocalIndustryRequest { Id = _retired, IsActive = false, User = "t", Role = Role.CountyAdmin }, default);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<Result<IndustryEngagementRow>> RecordAsync(int persons = 2, double area = 2.5, double output = 800, long income = 320_000, int year = 2018,
        long? industry = null, long? household = null, Role role = Role.PairingCadre, AccessScope? scope = null)
    {
        await using var db = _db.NewContext(scope);
        return await new RecordIndustryEngagement(db, _db.Clock).HandleAsync(new RecordIndustryEngagementRequest
        {
            HouseholdId = household ?? _household, IndustryId = industry ?? _ac, Year = year, Persons = persons, AreaMu = area, Output = output, IncomeFen = income,
            User = "cadre", Role = role,
        }, default);
    }

    static string[] Codes<T>(Result<T> r) => [.. r.Failure!.Errors.Select(e => e.Code)];

    [Fact]
    public async Task Record_PersonsOverMembers_NegativeFigures_NextYear_RetiredIndustry_OrNoRole_IsRefused_AndWritesNothing()
    {
        Assert.Equal(["industry.persons_invalid"], Codes(await RecordAsync(persons: 4)));
        Assert.Equal(["industry.persons_invalid"], Codes(await RecordAsync(persons: 0)));
        Assert.Equal(["industry.area_invalid", "industry.output_invalid", "industry.income_invalid"], Codes(await RecordAsync(area: -1, output: -0.1, income: -1)));
        Assert.Equal(["industry.area_invalid"], Codes(await RecordAsync(area: double.NaN)));
        Assert.Equal(["industry.year_invalid"], Codes(await RecordAsync(year: 2019)));
        Assert.Equal(["industry.unknown"], Codes(await RecordAsync(industry: _retired)));
        Assert.Equal([IndustryRoles.NotAllowedCode], Codes(await RecordAsync(role: Role.CountyLeader)));
        Assert.Equal(FailureKind.NotFound, (await RecordAsync(household: 987_654)).Failure!.Kind);

        await using var db = _db.NewContext();
        Assert.Equal(0, await db.IndustryEngagements.CountAsync());
    }

    [Fact]
    public async Task Record_SameHouseholdIndustryAndYear_Twice_ChangesTheOneRecord_AndBothGoToTheHouseholdsHistory()
    {
        var first = (await RecordAsync(persons: 3)).Value!;
        Assert.Equal((3, 2.5, 800.0, 320_000L, "艾草", "斤"), (first.Persons, first.AreaMu, first.Output, first.IncomeFen, first.IndustryName, first.OutputUnit));
        var second = (await RecordAsync(persons: 1, area: 4, output: 1500, income: 600_000)).Value!;
        Assert.Equal(first.Id, second.Id);
        Assert.True((await RecordAsync(year: 2017)).IsOk);

        await using var db = _db.NewContext();
        var rows = (await new ListHouseholdEngagements(db).HandleAsync(_household, default)).Value!;
        Assert.Equal([(2018, 1, 4.0), (2017, 2, 2.5)], rows.Select(r => (r.Year, r.Persons, r.AreaMu)));
        var history = await db.Changes.Where(c => c.HouseholdId == _household && c.Entity == nameof(IndustryEngagement)).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(["新增", "修改", "新增"], history.Select(c => c.Action));
        Assert.Equal("从业3人 面积2.5亩 产量800斤 收入3,200.00元", history[1].OldValue);
        Assert.Equal("从业1人 面积4亩 产量1500斤 收入6,000.00元", history[1].NewValue);
    }

    [Fact]
    public async Task VillageCadreOfAnotherVillage_CannotRecordOrRemoveOrSee_TheHouseholdsEngagement()
    {
        var mine = (await RecordAsync()).Value!;
        var other = AccessScope.For(7, Role.VillageCadre, [IndustryOverviewTests.VillageB]);
        Assert.Equal(FailureKind.NotFound, (await RecordAsync(role: Role.VillageCadre, scope: other)).Failure!.Kind);
        await using (var db = _db.NewContext(other))
        {
            Assert.Equal(FailureKind.NotFound, (await new RemoveIndustryEngagement(db).HandleAsync(new RemoveIndustryEngagementRequest(mine.Id, "x", Role.VillageCadre), default)).Failure!.Kind);
            Assert.Equal(FailureKind.NotFound, (await new ListHouseholdEngagements(db).HandleAsync(_household, default)).Failure!.Kind);
            // The county's industries are theirs to see all the same.
            Assert.Equal(2, (await new ListLocalIndustries(db).HandleAsync(new ListLocalIndustriesRequest(), default)).Value!.Count);
        }
        var own = AccessScope.For(8, Role.VillageCadre, [IndustryOverviewTests.VillageA]);
        await using (var db = _db.NewContext(own))
            Assert.True((await new RemoveIndustryEngagement(db).HandleAsync(new RemoveIndustryEngagementRequest(mine.Id, "x", Role.VillageCadre), default)).IsOk);
        await using var check = _db.NewContext();
        Assert.Equal(0, await check.IndustryEngagements.CountAsync());
    }
}
