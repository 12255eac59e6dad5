using Fupin.Accounts;
using Fupin.Data;
using Fupin.Demo;
using Fupin.Employment;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Workshops;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Fupin.Tests.Demo;

/// <summary>
/// The demo's industries, business entities, linkage, jobs, willingness and pairing cadres (<see cref="SeedDemoIndustry"/>) on the
/// registry, projects and workshops of the demo county.
/// </summary>
public class DemoIndustryTests(ITestOutputHelper output) : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<SeedDemoIndustryResult> SeedAsync(DateOnly businessDate)
    {
        _db.Clock.SetUtcNow(new DateTimeOffset(businessDate.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        await using (var ctx = _db.NewContext())
            await new SeedDemo(ctx).HandleAsync(new SeedDemoRequest(), null, CancellationToken.None);
        await using (var ctx = _db.NewContext())
            await new SeedDemoProjects(ctx, _db.Clock).HandleAsync(CancellationToken.None);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        SeedDemoIndustryResult result;
        await using (var ctx = _db.NewContext())
            result = await new SeedDemoIndustry(ctx, _db.Clock).HandleAsync(CancellationToken.None);
        output.WriteLine($"{businessDate}: {result} in {watch.ElapsedMilliseconds} ms");
        return result;
    }

    [Fact]
    public async Task SeedDemoIndustry_On20181008_IsConsistentWithTheRegistry_LeavesARealisticCoverageGap_AndRunsOnce()
    {
        var today = DemoCounty.BusinessDate;
        var result = await SeedAsync(today);
        await using var db = _db.NewContext();
        await AssertInvariantsAsync(db, today);

        // 南召's six industries; 40–70 entities, one per operating workshop, the park's operator in 云阳镇.
        Assert.Equal(["AC", "HM", "LX", "SJ", "ZC", "ZY"], await db.Industries.Select(i => i.Code).OrderBy(c => c).ToListAsync());
        var entities = await db.BusinessEntities.AsNoTracking().ToListAsync();
        Assert.Equal(result.Entities, entities.Count);
        Assert.InRange(entities.Count, 40, 70);
        var operating = await db.Workshops.Where(w => w.Status == WorkshopStatus.Operating).Select(w => w.Id).OrderBy(x => x).ToListAsync();
        Assert.Equal(operating, entities.Where(e => e.Kind == EntityKind.Workshop).Select(e => e.WorkshopId!.Value).Order());
        Assert.Contains(entities, e => e.Kind == EntityKind.LeadingEnterprise && e.RegionCode == DemoProjects.Yunyang && e.Note!.Contains(DemoProjects.ParkName, StringComparison.Ordinal));
        Assert.True(entities.Count(e => e.Kind == EntityKind.Cooperative) >= 16);
        Assert.True(entities.Count(e => e.Kind == EntityKind.Base) >= 6);
        Assert.Contains(entities, e => e.Level == "省级");

        // Every kind of contract; some ran out in 2017 and hold households that count in 2017 only.
        var contracts = await db.LinkageContracts.AsNoTracking().ToListAsync();
        Assert.Equal(Enum.GetValues<LinkageKind>().Order(), contracts.Select(c => c.Kind).Distinct().Order());
        var ended = contracts.Where(c => c.EndOn is { Year: 2017 }).Select(c => c.Id).ToList();
        Assert.NotEmpty(ended);
        Assert.True(await db.LinkageParties.CountAsync(p => ended.Contains(p.ContractId)) > 50);
        Assert.All(contracts, c => Assert.InRange(c.StartOn.Year, 2016, 2018));
        Assert.Contains(contracts, c => c.Model == "公司+合作社+基地+贫困户");

        // 2018: wages paid for the first half, rent and 艾叶 paid; dividends of 2018 not yet (December).
        var payments = await db.LinkagePayments.AsNoTracking().ToListAsync();
        Assert.Contains(payments, p => p.Year == 2018);
        Assert.Contains(payments, p => p.Year == 2017);
        Assert.DoesNotContain(payments, p => p.Year == 2018 && p.PaidOn.Month == 12);

        // Willingness: most able members asked in 2018, a few percent 无 with a note, some never asked.
        var wills = await db.Willingness.AsNoTracking().ToListAsync();
        Assert.All(wills, w => Assert.Equal(2018, w.RecordedOn.Year));
        var unwilling = wills.Count(w => !w.Willing);
        Assert.InRange((double)unwilling / wills.Count, 0.01, 0.06);
        Assert.All(wills.Where(w => !w.Willing), w => Assert.False(string.IsNullOrWhiteSpace(w.Note)));

        // Coverage 2018: the county between 80% and 95%, villages from well short to full.
        var coverage = new GetCoverage(db, _db.Clock);
        var county = (await coverage.HandleAsync(new CoverageRequest(DemoCounty.CountyCode), default)).Value!;
        var villages = new List<CoverageRow>();
        foreach (var t in county.Children)
            villages.AddRange((await coverage.HandleAsync(new CoverageRequest(t.RegionCode), default)).Value!.Children.Where(v => v.All.Target >= 10));
        var rates = villages.Select(v => (v.RegionName, Rate: v.All.Rate!.Value)).OrderBy(v => v.Rate).ToList();
        output.WriteLine($"county {county.All} rate {county.All.Rate:P1}; relocated {county.Relocated} rate {county.Relocated.Rate:P1}");
        output.WriteLine($"worst {rates[0]}, {rates[1]}, {rates[2]}; best {rates[^1]}; villages below 80%: {rates.Count(v => v.Rate < 0.8m)} of {rates.Count}, at 100%: {rates.Count(v => v.Rate == 1m)}");
        foreach (var t in county.Children) output.WriteLine($"  {t.RegionName} {t.All.Rate:P1} ({t.All.Covered}/{t.All.Target}, 无意愿 {t.All.Unwilling}, 未登记 {t.All.NotAsked})");
        Assert.InRange(county.All.Rate!.Value, 0.80m, 0.95m);
        Assert.True(rates[0].Rate < 0.80m, "some villages are well short");
        Assert.True(rates[^1].Rate > 0.95m, "some villages are near full coverage");
        Assert.True(county.All.Unwilling > 0 && county.All.NotAsked > 0);

        // The demo accounts come after: the pairing account takes over the first cadre of its village, no household gets two.
        await using (var ctx = _db.NewContext())
        {
            var accounts = await new SeedDemoAccounts(ctx).HandleAsync(default);
            Assert.InRange(accounts!.PairedHouseholds, 3, 5);
        }
        await using (var after = _db.NewContext())
        {
            var user = await after.Users.SingleAsync(u => u.UserName == "pairing");
            var mine = await after.Pairings.Where(p => p.UserId == user.Id).ToListAsync();
            Assert.Single(mine.Select(p => (p.CadreName, p.CadrePhone)).Distinct());
            var village = await after.Users.Where(u => u.UserName == "pairing").SelectMany(u => u.Regions).Select(r => r.RegionCode).SingleAsync();
            var households = await after.Households.Where(h => mine.Select(p => p.HouseholdId).Contains(h.Id)).Select(h => h.VillageCode).ToListAsync();
            Assert.All(households, v => Assert.Equal(village, v));
            await AssertOnePairingEachAsync(after, today);
        }

        await using (var again = _db.NewContext())
            Assert.Equal(SeedDemoIndustryResult.Empty, await new SeedDemoIndustry(again, _db.Clock).HandleAsync(default));
    }

    [Fact]
    public async Task SeedDemoIndustry_On20191231_ShowsTheLaterStateUnderTheSameInvariants()
    {
        var today = new DateOnly(2019, 12, 31);
        await SeedAsync(today);
        await using var db = _db.NewContext();
        await AssertInvariantsAsync(db, today);

        Assert.True(await db.Jobs.AnyAsync(j => j.Year == 2019 && j.Kind == JobKind.Migrant));
        Assert.True(await db.IndustryEngagements.AnyAsync(e => e.Year == 2019));
        Assert.True(await db.LinkagePayments.AnyAsync(p => p.Year == 2019 && p.PaidOn.Month == 12));
        Assert.True(await db.Willingness.AnyAsync(w => w.RecordedOn.Year == 2019));
        Assert.Equal(await db.Workshops.CountAsync(w => w.Status == WorkshopStatus.Operating), await db.BusinessEntities.CountAsync(e => e.Kind == EntityKind.Workshop));

        // The push before 摘帽: 2019 coverage above 2018's.
        var coverage = new GetCoverage(db, _db.Clock);
        var y2018 = (await coverage.HandleAsync(new CoverageRequest(DemoCounty.CountyCode, 2018), default)).Value!;
        var y2019 = (await coverage.HandleAsync(new CoverageRequest(DemoCounty.CountyCode, 2019), default)).Value!;
        output.WriteLine($"2018 {y2018.All.Rate:P1}, 2019 {y2019.All.Rate:P1}");
        Assert.True(y2019.All.Rate > y2018.All.Rate);
    }

    static async Task AssertOnePairingEachAsync(AppDbContext db, DateOnly today)
    {
        var current = await db.Pairings.AsNoTracking().Where(p => p.From <= today && (p.To == null || p.To >= today)).Select(p => p.HouseholdId).ToListAsync();
        Assert.Equal(current.Count, current.Distinct().Count());
        Assert.Equal(await db.Households.CountAsync(), current.Count);
    }

    /// <summary>What the use cases enforce, checked row by row on what the seed wrote.</summary>
    async Task AssertInvariantsAsync(AppDbContext db, DateOnly today)
    {
        var regions = (await db.Regions.AsNoTracking().Select(r => r.Code).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var households = await db.Households.AsNoTracking().Select(h => new { h.Id, h.VillageCode }).ToDictionaryAsync(h => h.Id);
        var members = await db.Members.AsNoTracking().Select(m => new { m.Id, m.HouseholdId, m.MigrantWorkPlace, m.MigrantWorkMonths }).ToDictionaryAsync(m => m.Id);
        var entities = await db.BusinessEntities.AsNoTracking().ToDictionaryAsync(e => e.Id);
        var contracts = await db.LinkageContracts.AsNoTracking().ToDictionaryAsync(c => c.Id);
        var parties = await db.LinkageParties.AsNoTracking().ToDictionaryAsync(p => p.Id);
        var payments = await db.LinkagePayments.AsNoTracking().ToListAsync();
        var incomes = await db.Incomes.AsNoTracking().ToDictionaryAsync(i => (i.HouseholdId, i.Year));
        var jobs = await db.Jobs.AsNoTracking().ToListAsync();
        var engagements = await db.IndustryEngagements.AsNoTracking().ToListAsync();
        var wills = await db.Willingness.AsNoTracking().ToListAsync();
        var pairings = await db.Pairings.AsNoTracking().ToListAsync();
        var plan = await db.IndustryPlanItems.AsNoTracking().ToListAsync();

        Assert.All(entities.Values, e =>
        {
            Assert.Contains(e.RegionCode, regions);
            Assert.StartsWith(DemoCounty.CountyCode, e.RegionCode, StringComparison.Ordinal);
            Assert.True(e.FoundedOn <= today && DateOnly.FromDateTime(e.CreatedAt.UtcDateTime) <= today);
            Assert.Equal(e.Kind == EntityKind.Workshop, e.WorkshopId is not null);
        });
        Assert.Equal(entities.Count, entities.Values.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(contracts.Count, contracts.Values.Select(c => c.Number).Distinct(StringComparer.Ordinal).Count());
        Assert.All(contracts.Values, c =>
        {
            Assert.True(c.StartOn <= today && (c.EndOn is null || c.EndOn > c.StartOn));
            Assert.Equal(entities[c.EntityId].RegionCode, c.RegionCode);
        });

        // Parties: registered households; a person party names a member of the household, on a 务工 contract.
        Assert.All(parties.Values, p =>
        {
            Assert.True(households.TryGetValue(p.HouseholdId, out var h), "the party's household is in the registry");
            Assert.Equal(h!.VillageCode, p.VillageCode);
            if (p.MemberId is { } m) Assert.Equal((p.HouseholdId, LinkageKind.Employment), (members[m].HouseholdId, contracts[p.ContractId].Kind));
            Assert.True(DateOnly.FromDateTime(p.AddedAt.UtcDateTime) <= today);
        });

        // Payments: on or before the business date, in the contract's period, and never more than the income part they were carved out of.
        Assert.All(payments, p =>
        {
            var party = parties[p.PartyId];
            var c = contracts[p.ContractId];
            Assert.Equal((party.ContractId, party.HouseholdId, party.VillageCode), (p.ContractId, p.HouseholdId, p.VillageCode));
            Assert.True(p.PaidOn <= today && p.Year == p.PaidOn.Year && p.AmountFen > 0);
            Assert.True(p.PaidOn >= c.StartOn && (c.EndOn is null || p.PaidOn <= c.EndOn));
        });
        foreach (var g in payments.GroupBy(p => (p.HouseholdId, p.Year, Part: IndustryLabels.PartFed(contracts[p.ContractId].Kind))))
        {
            Assert.True(incomes.TryGetValue((g.Key.HouseholdId, g.Key.Year), out var income), "a payment's year has an income record");
            var part = g.Key.Part switch
            {
                IncomePart.Wage => income!.Wage,
                IncomePart.Production => income!.Production,
                IncomePart.AssetDividend => income!.AssetDividend,
                _ => income!.OtherProperty,
            };
            Assert.True(g.Sum(p => p.AmountFen) <= part, $"payments of household {g.Key.HouseholdId} in {g.Key.Year} fit in its {g.Key.Part}");
        }

        // Jobs: the registry's migrant workers each have their 2018 job, as the registry says; nothing dated after today.
        Assert.All(jobs, j =>
        {
            Assert.Equal(members[j.MemberId].HouseholdId, j.HouseholdId);
            Assert.Equal(households[j.HouseholdId].VillageCode, j.VillageCode);
            Assert.True(DateOnly.FromDateTime(j.RecordedAt.UtcDateTime) <= today && j.Year <= today.Year);
            Assert.InRange(j.Months, 1, 12);
        });
        var migrants2018 = jobs.Where(j => j.Year == 2018 && j.Kind == JobKind.Migrant).ToList();
        var registryMigrants = members.Values.Where(m => m.MigrantWorkPlace is not null).ToList();
        Assert.Equal(registryMigrants.Select(m => m.Id).Order(), migrants2018.Select(j => j.MemberId).Order());
        Assert.All(migrants2018, j => Assert.Equal((members[j.MemberId].MigrantWorkPlace, members[j.MemberId].MigrantWorkMonths ?? 10), (j.Place, j.Months)));
        Assert.Contains(jobs, j => j.Kind == JobKind.PublicWelfare && j.Post == "护林员");
        Assert.Contains(jobs, j => j.Kind == JobKind.Local);

        Assert.All(engagements, e =>
        {
            Assert.Equal(households[e.HouseholdId].VillageCode, e.VillageCode);
            Assert.True(e.AreaMu > 0 && e.Output > 0 && e.IncomeFen > 0 && e.Persons >= 1);
            Assert.True(DateOnly.FromDateTime(e.RecordedAt.UtcDateTime) <= today && e.Year is >= 2017 and <= 2019);
        });
        Assert.All(wills, w => Assert.True(w.RecordedOn <= today && members[w.MemberId].HouseholdId == w.HouseholdId));

        // Pairing cadres: one current cadre for every registered household, 3–5 households each (mostly), with an 11-digit phone.
        await AssertOnePairingEachAsync(db, today);
        Assert.All(pairings, p =>
        {
            Assert.Matches(@"^1[358]\d{9}$", p.CadrePhone!);
            Assert.False(string.IsNullOrWhiteSpace(p.CadreUnit));
            Assert.True(p.From <= today);
        });
        var perCadre = pairings.Where(p => p.To is null).GroupBy(p => (p.CadreName, p.CadrePhone)).Select(g => g.Count()).ToList();
        Assert.True(perCadre.Count(n => n is >= 3 and <= 5) >= perCadre.Count * 0.95, "cadres mostly have 3–5 households");

        // The 艾草 plan: targets, bases, the park and incentives.
        Assert.Equal(Enum.GetValues<PlanItemKind>().Order(), plan.Select(p => p.Kind).Distinct().Order());
        Assert.Contains(plan, p => p.Kind == PlanItemKind.ProcessingPark && p.Name.StartsWith(DemoProjects.ParkName, StringComparison.Ordinal));
        Assert.All(plan, p => Assert.True(DateOnly.FromDateTime(p.UpdatedAt.UtcDateTime) <= today));

        output.WriteLine($"entities {entities.Count} ({string.Join("，", entities.Values.GroupBy(e => e.Kind).Select(g => $"{IndustryLabels.Label(g.Key)} {g.Count()}"))})，" +
            $"contracts {contracts.Count}, parties {parties.Count} (persons {parties.Values.Count(p => p.MemberId is not null)}), payments {payments.Count} ({payments.Sum(p => p.AmountFen) / 100} 元), " +
            $"jobs {jobs.Count} ({string.Join("，", jobs.GroupBy(j => (j.Year, j.Kind)).OrderBy(g => g.Key).Select(g => $"{g.Key.Year} {IndustryLabels.Label(g.Key.Kind)} {g.Count()}"))}), " +
            $"engagements {engagements.Count}, willingness {wills.Count} (无 {wills.Count(w => !w.Willing)}), pairings {pairings.Count}, cadres {perCadre.Count}, plan {plan.Count}");
    }
}
