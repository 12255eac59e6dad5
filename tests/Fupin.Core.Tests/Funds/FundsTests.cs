using System.Data.Common;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Funds;
using Fupin.Projects;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fupin.Tests.Funds;

/// <summary>
/// Fund sources, allocations and payments as of 2018-10-08 on hand-built projects in 石门乡 (411321304)
/// and 四棵树乡 (411321305). Amounts are written in 元 and converted with <see cref="Fen"/>.
/// </summary>
public class FundsTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
        await RegistryBuilder.EnsureVillageAsync(_db, OtherVillage, "四棵树村");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    const string OtherVillage = "411321305201";
    const string Admin = "admin";
    static int _n;

    static long Fen(decimal yuan) => (long)(yuan * 100);

    static string? Describe(Failure? f) => f is null ? null : string.Join("；", f.Errors.Select(e => e.Message).Prepend(f.Message));

    async Task<long> ProjectAsync(string region = RegistryBuilder.Village, ProjectStage stage = ProjectStage.Implementing, string? name = null)
    {
        var n = Interlocked.Increment(ref _n);
        await using var db = _db.NewContext();
        var p = new Project
        {
            CountyCode = RegistryBuilder.County, RegionCode = region, Code = $"NZ2018-T-{n:D3}", Name = name ?? $"测试项目{n}", Category = ProjectCategory.Transport,
            Year = 2018, ResponsibleUnit = "县交通局", ResponsiblePerson = "王工", BudgetFen = Fen(2_000_000), Stage = stage, CreatedBy = "t",
        };
        db.Projects.Add(p);
        await db.SaveChangesAsync();
        return p.Id;
    }

    async Task<Result<FundSourceSaved>> AddSourceAsync(decimal yuan, FundKind kind = FundKind.CentralSpecial, int year = 2018, DateOnly? received = null, Role role = Role.CountyAdmin,
        AccessScope? scope = null, string county = RegistryBuilder.County)
    {
        await using var db = _db.NewContext(scope);
        return await new AddFundSource(db, _db.Clock).HandleAsync(new AddFundSourceRequest
        {
            CountyCode = county, Year = year, Kind = kind, Name = $"{year}年{ProjectLabels.Label(kind)}", DocumentNo = "豫财农〔2018〕12号",
            ReceivedOn = received ?? new DateOnly(year, 3, 1), AmountFen = Fen(yuan), User = Admin, Role = role,
        }, default);
    }

    async Task<long> SourceAsync(decimal yuan, FundKind kind = FundKind.CentralSpecial, int year = 2018, DateOnly? received = null)
    {
        var r = await AddSourceAsync(yuan, kind, year, received);
        Assert.True(r.IsOk, Describe(r.Failure));
        return r.Value!.Id;
    }

    static AllocateFundsRequest Allocation(long source, long project, decimal yuan, DateOnly? on = null, Role role = Role.CountyAdmin) => new()
    {
        SourceId = source, ProjectId = project, AmountFen = Fen(yuan), AllocatedOn = on ?? new DateOnly(2018, 3, 15), User = Admin, Role = role,
    };

    async Task<Result<AllocationSaved>> AllocateAsync(AllocateFundsRequest request)
    {
        await using var db = _db.NewContext();
        return await new AllocateFunds(db, _db.Clock).HandleAsync(request, default);
    }

    async Task<long> AllocatedAsync(long source, long project, decimal yuan, DateOnly? on = null)
    {
        var r = await AllocateAsync(Allocation(source, project, yuan, on));
        Assert.True(r.IsOk, Describe(r.Failure));
        return r.Value!.Id;
    }

    async Task<Result<PaymentSaved>> PayAsync(long allocation, PaymentKind kind, decimal yuan, DateOnly on, Role role = Role.CountyAdmin)
    {
        await using var db = _db.NewContext();
        return await new RecordPayment(db, _db.Clock).HandleAsync(new RecordPaymentRequest
        {
            AllocationId = allocation, Kind = kind, AmountFen = Fen(yuan), PaidOn = on, Payee = "南召县交通建设公司", VoucherNo = "记-018", User = Admin, Role = role,
        }, default);
    }

    async Task PaidAsync(long allocation, PaymentKind kind, decimal yuan, DateOnly on)
    {
        var r = await PayAsync(allocation, kind, yuan, on);
        Assert.True(r.IsOk, Describe(r.Failure));
    }

    /// <summary>Rows and running totals that a refused request must leave as they were.</summary>
    sealed record State(int Allocations, int Payments, int Changes, long SourceAllocated, long SourceVersion, long ProjectAllocated, long ProjectDisbursed,
        long ProjectSpent, long ProjectVersion, long AllocDisbursed, long AllocSpent, long AllocVersion);

    async Task<State> StateAsync(long source, long project, long? allocation = null)
    {
        await using var db = _db.NewContext();
        var s = await db.FundSources.AsNoTracking().SingleAsync(x => x.Id == source);
        var p = await db.Projects.AsNoTracking().SingleAsync(x => x.Id == project);
        var a = allocation is null ? null : await db.FundAllocations.AsNoTracking().SingleAsync(x => x.Id == allocation);
        return new State(await db.FundAllocations.CountAsync(), await db.FundPayments.CountAsync(), await db.Changes.CountAsync(),
            s.AllocatedFen, s.Version, p.AllocatedFen, p.DisbursedFen, p.SpentFen, p.Version, a?.DisbursedFen ?? 0, a?.SpentFen ?? 0, a?.Version ?? 0);
    }

    static FieldError Error(Result<AllocationSaved> r) => Assert.Single(r.Failure!.Errors);

    [Fact]
    public async Task AddSource_Saved_FutureDateZeroAmountOtherCountyAndNonAdminRefused_NothingWritten()
    {
        var ok = await AddSourceAsync(1_234_567.89m);
        Assert.True(ok.IsOk);
        Assert.Equal(123_456_789, ok.Value!.AmountFen);

        var future = await AddSourceAsync(100, received: new DateOnly(2018, 10, 9));
        Assert.Equal(FundRules.DateInFuture, Assert.Single(future.Failure!.Errors).Code);
        var zero = await AddSourceAsync(0);
        Assert.Equal(FundRules.AmountInvalid, Assert.Single(zero.Failure!.Errors).Code);
        var outOfScope = await AddSourceAsync(100, scope: AccessScope.For(9, Role.CountyAdmin, ["411322"]));
        Assert.Equal("region.unknown", Assert.Single(outOfScope.Failure!.Errors).Code);
        var officer = await AddSourceAsync(100, role: Role.TownshipOfficer);
        Assert.Equal(ProjectRoles.NotAllowedCode, Assert.Single(officer.Failure!.Errors).Code);

        await using var db = _db.NewContext();
        Assert.Equal(1, await db.FundSources.CountAsync());
        var log = await db.Changes.SingleAsync(c => c.Entity == nameof(FundSource));
        Assert.Contains("1,234,567.89元", log.NewValue);
    }

    [Fact]
    public async Task Allocate_BeyondRemaining_RefusedNamingRemainingInYuan_NoRecordNoTotalsChanged_ExactRemainderAccepted()
    {
        var source = await SourceAsync(1_000_000m);
        var project = await ProjectAsync();
        await AllocatedAsync(source, project, 600_000m);
        var before = await StateAsync(source, project);
        Assert.Equal((1, Fen(600_000), 1L, Fen(600_000), 1L), (before.Allocations, before.SourceAllocated, before.SourceVersion, before.ProjectAllocated, before.ProjectVersion));

        var refused = await AllocateAsync(Allocation(source, project, 400_000.01m));

        var e = Error(refused);
        Assert.Equal((nameof(AllocateFundsRequest.AmountFen), FundRules.OverAllocation), (e.Field, e.Code));
        Assert.Contains("剩余400,000.00元", e.Message);
        Assert.Contains("本次400,000.01元", e.Message);
        Assert.Equal(before, await StateAsync(source, project));

        var exact = await AllocateAsync(Allocation(source, project, 400_000m));
        Assert.True(exact.IsOk);
        Assert.Equal((0L, Fen(1_000_000)), (exact.Value!.SourceRemainingFen, exact.Value.ProjectAllocatedFen));
        var after = await StateAsync(source, project);
        Assert.Equal((2, Fen(1_000_000), 2L, 2L), (after.Allocations, after.SourceAllocated, after.SourceVersion, after.ProjectVersion));
    }

    [Fact]
    public async Task Allocate_ProjectBeforePooled_Refused_PooledAccepted_NonAdminRefused_DateRules()
    {
        var source = await SourceAsync(100_000m, received: new DateOnly(2018, 3, 1));
        var publicized = await ProjectAsync(stage: ProjectStage.Publicized);
        var pooled = await ProjectAsync(stage: ProjectStage.Pooled);

        var notPooled = await AllocateAsync(Allocation(source, publicized, 1_000m));
        Assert.Equal(FundRules.ProjectNotPooled, Error(notPooled).Code);
        Assert.Contains("尚未入库（当前：公示）", Error(notPooled).Message);
        Assert.Equal(ProjectRoles.NotAllowedCode, Error(await AllocateAsync(Allocation(source, pooled, 1_000m, role: Role.TownshipOfficer))).Code);
        Assert.Equal("funds.date_before_received", Error(await AllocateAsync(Allocation(source, pooled, 1_000m, new DateOnly(2018, 2, 28)))).Code);
        Assert.Equal(FundRules.DateInFuture, Error(await AllocateAsync(Allocation(source, pooled, 1_000m, new DateOnly(2018, 10, 9)))).Code);
        Assert.Equal(0, (await StateAsync(source, pooled)).Allocations);

        Assert.True((await AllocateAsync(Allocation(source, pooled, 1_000m, new DateOnly(2018, 10, 8)))).IsOk);
    }

    /// <summary>Runs <paramref name="race"/> once, just before the context begins its first transaction: after its reads, before its writes.</summary>
    sealed class RaceBeforeTransaction(Func<Task> race) : DbTransactionInterceptor
    {
        bool _ran;

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (!_ran)
            {
                _ran = true;
                await race();
            }
            return result;
        }
    }

    /// <summary>Two administrators allocate from the same source at once: both read the source, then the other one saves first.</summary>
    async Task<(Result<AllocationSaved> Mine, Result<AllocationSaved> Theirs)> RaceAsync(long source, long mine, decimal myYuan, long theirs, decimal theirYuan)
    {
        Result<AllocationSaved> other = default;
        var options = new DbContextOptionsBuilder<AppDbContext>();
        _db.Settings.Configure(options);
        options.AddInterceptors(new RaceBeforeTransaction(async () => other = await AllocateAsync(Allocation(source, theirs, theirYuan))));
        await using var db = new AppDbContext(options.Options, _db.Clock, AccessScope.System);
        var result = await new AllocateFunds(db, _db.Clock).HandleAsync(Allocation(source, mine, myYuan), default);
        return (result, other);
    }

    [Fact]
    public async Task Allocate_TwoAtOnceTogetherBeyondSource_TheSecondToSaveIsRefused_TotalsHoldOnlyTheFirst()
    {
        var source = await SourceAsync(1_000m);
        var p1 = await ProjectAsync();
        var p2 = await ProjectAsync(OtherVillage);

        var (mine, theirs) = await RaceAsync(source, p1, 600m, p2, 600m);

        Assert.True(theirs.IsOk);
        Assert.False(mine.IsOk);
        Assert.Equal(FundRules.OverAllocation, Error(mine).Code);
        Assert.Contains("剩余400.00元", Error(mine).Message);
        var s1 = await StateAsync(source, p1);
        var s2 = await StateAsync(source, p2);
        Assert.Equal((1, Fen(600), 1L), (s1.Allocations, s1.SourceAllocated, s1.SourceVersion)); // only the winner bumped it
        Assert.Equal((0L, 0L), (s1.ProjectAllocated, s1.ProjectVersion));
        Assert.Equal(Fen(600), s2.ProjectAllocated);
    }

    [Fact]
    public async Task Allocate_TwoAtOnceThatFit_BothSaved_NoUpdateLost()
    {
        var source = await SourceAsync(1_000m);
        var p1 = await ProjectAsync();
        var p2 = await ProjectAsync(OtherVillage);

        var (mine, theirs) = await RaceAsync(source, p1, 400m, p2, 500m);

        Assert.True(mine.IsOk && theirs.IsOk);
        var s = await StateAsync(source, p1);
        Assert.Equal((2, Fen(900)), (s.Allocations, s.SourceAllocated));
        Assert.Equal(Fen(100), mine.Value!.SourceRemainingFen);
    }

    [Fact]
    public async Task FundSourceVersion_TwoContextsLoadAndSave_SecondSaveThrowsConcurrency()
    {
        var source = await SourceAsync(1_000m);
        await using var a = _db.NewContext();
        await using var b = _db.NewContext();
        var sa = await a.FundSources.SingleAsync(x => x.Id == source);
        var sb = await b.FundSources.SingleAsync(x => x.Id == source);
        sa.AllocatedFen += Fen(600); sa.Version++;
        sb.AllocatedFen += Fen(600); sb.Version++;
        await a.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync());
        await using var c = _db.NewContext();
        Assert.Equal(Fen(600), (await c.FundSources.SingleAsync(x => x.Id == source)).AllocatedFen);
    }

    [Fact]
    public async Task Payment_DisbursementBeyondAllocation_Refused_ExpenditureBeyondDisbursed_Refused_NothingWritten()
    {
        var source = await SourceAsync(100_000m);
        var project = await ProjectAsync();
        var allocation = await AllocatedAsync(source, project, 50_000m, new DateOnly(2018, 4, 1));
        await PaidAsync(allocation, PaymentKind.Disbursement, 30_000m, new DateOnly(2018, 5, 1));
        await PaidAsync(allocation, PaymentKind.Expenditure, 10_000m, new DateOnly(2018, 6, 1));
        var before = await StateAsync(source, project, allocation);
        Assert.Equal((2, Fen(30_000), Fen(10_000), Fen(30_000), Fen(10_000)), (before.Payments, before.ProjectDisbursed, before.ProjectSpent, before.AllocDisbursed, before.AllocSpent));

        var over = await PayAsync(allocation, PaymentKind.Disbursement, 20_000.01m, new DateOnly(2018, 7, 1));
        var e1 = Assert.Single(over.Failure!.Errors);
        Assert.Equal(FundRules.OverPayment, e1.Code);
        Assert.Contains("剩余20,000.00元", e1.Message);

        var overSpent = await PayAsync(allocation, PaymentKind.Expenditure, 20_000.01m, new DateOnly(2018, 7, 1));
        var e2 = Assert.Single(overSpent.Failure!.Errors);
        Assert.Equal(FundRules.OverExpenditure, e2.Code);
        Assert.Contains("可支出20,000.00元", e2.Message);

        // 30,000 was disbursed on 05-01: on 04-30 nothing had been paid out yet, so nothing could be spent.
        var early = await PayAsync(allocation, PaymentKind.Expenditure, 1m, new DateOnly(2018, 4, 30));
        Assert.Equal(FundRules.OverExpenditure, Assert.Single(early.Failure!.Errors).Code);
        Assert.Equal("funds.date_before_allocation", Assert.Single((await PayAsync(allocation, PaymentKind.Disbursement, 1m, new DateOnly(2018, 3, 31))).Failure!.Errors).Code);
        Assert.Equal(FundRules.DateInFuture, Assert.Single((await PayAsync(allocation, PaymentKind.Disbursement, 1m, new DateOnly(2018, 10, 9))).Failure!.Errors).Code);
        Assert.Equal(ProjectRoles.NotAllowedCode, Assert.Single((await PayAsync(allocation, PaymentKind.Disbursement, 1m, new DateOnly(2018, 7, 1), Role.VillageCadre)).Failure!.Errors).Code);
        Assert.Equal(before, await StateAsync(source, project, allocation));

        var rest = await PayAsync(allocation, PaymentKind.Disbursement, 20_000m, new DateOnly(2018, 7, 1));
        Assert.True(rest.IsOk);
        Assert.Equal((Fen(50_000), Fen(10_000), Fen(50_000)), (rest.Value!.AllocationDisbursedFen, rest.Value.AllocationSpentFen, rest.Value.ProjectDisbursedFen));
        var spent = await PayAsync(allocation, PaymentKind.Expenditure, 40_000m, new DateOnly(2018, 7, 2));
        Assert.True(spent.IsOk);
        Assert.Equal(Fen(50_000), spent.Value!.ProjectSpentFen);
    }

    /// <summary>
    /// 2018: 中央 1,000,000 元 (03-01) and 省级 500,000 元 (04-10); a 2017 社会帮扶 source that the 2018 tables leave out.
    /// P1 in 石门村 and P3 at 石门乡 itself, P2 in 四棵树村. 中央 → P1 400,000 (03-15), → P2 300,000 (05-20);
    /// 省级 → P3 250,000 (06-01). P1: 拨付 300,000 (04-02), 支出 120,000 (06-30) and 80,000 (08-15). P2: 拨付
    /// 150,000 (07-10), 支出 150,000 (09-30). P3: 拨付 100,000 (10-08, today). A 拨付 of 50,000 dated 11-01 to
    /// P2 (a record after the business date, as the demo may hold) does not exist yet.
    /// </summary>
    async Task<(long Central, long Provincial, long P1, long P2, long P3)> HandBuiltAsync()
    {
        var central = await SourceAsync(1_000_000m, FundKind.CentralSpecial, received: new DateOnly(2018, 3, 1));
        var provincial = await SourceAsync(500_000m, FundKind.ProvincialSpecial, received: new DateOnly(2018, 4, 10));
        var social = await SourceAsync(200_000m, FundKind.Social, 2017, new DateOnly(2017, 8, 1));
        var p1 = await ProjectAsync(name: "石门村道路硬化");
        var p2 = await ProjectAsync(OtherVillage, name: "四棵树村饮水工程");
        var p3 = await ProjectAsync(RegistryBuilder.Township, name: "石门乡产业园");
        await AllocatedAsync(social, p1, 100_000m, new DateOnly(2017, 9, 1));
        var a1 = await AllocatedAsync(central, p1, 400_000m, new DateOnly(2018, 3, 15));
        var a2 = await AllocatedAsync(central, p2, 300_000m, new DateOnly(2018, 5, 20));
        var a3 = await AllocatedAsync(provincial, p3, 250_000m, new DateOnly(2018, 6, 1));
        await PaidAsync(a1, PaymentKind.Disbursement, 300_000m, new DateOnly(2018, 4, 2));
        await PaidAsync(a1, PaymentKind.Expenditure, 120_000m, new DateOnly(2018, 6, 30));
        await PaidAsync(a1, PaymentKind.Expenditure, 80_000m, new DateOnly(2018, 8, 15));
        await PaidAsync(a2, PaymentKind.Disbursement, 150_000m, new DateOnly(2018, 7, 10));
        await PaidAsync(a2, PaymentKind.Expenditure, 150_000m, new DateOnly(2018, 9, 30));
        await PaidAsync(a3, PaymentKind.Disbursement, 100_000m, new DateOnly(2018, 10, 8));
        await using var db = _db.NewContext();
        db.FundPayments.Add(new FundPayment
        {
            CountyCode = RegistryBuilder.County, AllocationId = a2, ProjectId = p2, SourceId = central, Kind = PaymentKind.Disbursement,
            AmountFen = Fen(50_000), PaidOn = new DateOnly(2018, 11, 1), By = "demo",
        });
        await db.SaveChangesAsync();
        return (central, provincial, p1, p2, p3);
    }

    async Task<FundsOverview> OverviewAsync(string? region = null, int? year = 2018)
    {
        await using var db = _db.NewContext();
        var r = await new GetFundsOverview(db, _db.Clock).HandleAsync(new FundsOverviewRequest(region, year), default);
        Assert.True(r.IsOk, r.Failure?.Message);
        return r.Value!;
    }

    [Fact]
    public async Task Overview_HandBuiltSet_FiguresAndRatesBySourceKindTownshipAndProject()
    {
        var (central, provincial, p1, p2, p3) = await HandBuiltAsync();

        var o = await OverviewAsync();

        Assert.Equal(new FundFigures(Fen(1_500_000), Fen(950_000), Fen(550_000), Fen(350_000)), o.Totals);
        // 950/1500 = 63.33%, 550/950 = 57.89%, 350/950 = 36.84%
        Assert.Equal((63.3m, 57.9m, 36.8m), (o.Totals.AllocationRate, o.Totals.DisbursementRate, o.Totals.ExpenditureRate));
        Assert.True(o.CountyWide);

        Assert.Equal([FundKind.CentralSpecial, FundKind.ProvincialSpecial], o.ByKind.Select(k => k.Kind));
        var c = o.ByKind[0].Figures;
        Assert.Equal(new FundFigures(Fen(1_000_000), Fen(700_000), Fen(450_000), Fen(350_000)), c);
        // 700/1000 = 70%, 450/700 = 64.29%, 350/700 = 50%
        Assert.Equal((70.0m, 64.3m, 50.0m), (c.AllocationRate, c.DisbursementRate, c.ExpenditureRate));
        var p = o.ByKind[1].Figures;
        Assert.Equal((50.0m, 40.0m, 0.0m), (p.AllocationRate, p.DisbursementRate, p.ExpenditureRate));
        Assert.Equal([central, provincial], o.BySource.Select(s => s.Id));
        Assert.Equal(Fen(300_000), o.BySource[0].RemainingFen);

        Assert.Equal(["411321304", "411321305"], o.ByTownship.Select(t => t.Code));
        var shimen = o.ByTownship[0];
        Assert.Equal(("石门乡", 2), (shimen.Name, shimen.Projects));
        Assert.Equal(new FundFigures(0, Fen(650_000), Fen(400_000), Fen(200_000)), shimen.Figures);
        // 400/650 = 61.54%; a township has no 到位 of its own
        Assert.Equal((null, 61.5m), (shimen.Figures.AllocationRate, shimen.Figures.DisbursementRate));
        Assert.Equal(new FundFigures(0, Fen(300_000), Fen(150_000), Fen(150_000)), o.ByTownship[1].Figures);

        var byProject = o.ByProject.ToDictionary(x => x.Id);
        Assert.Equal(new FundFigures(0, Fen(400_000), Fen(300_000), Fen(200_000)), byProject[p1].Figures); // the 2017 allocation is not in the 2018 tables
        Assert.Equal(new FundFigures(0, Fen(300_000), Fen(150_000), Fen(150_000)), byProject[p2].Figures); // the 11-01 拨付 does not exist yet
        Assert.Equal(new FundFigures(0, Fen(250_000), Fen(100_000), 0), byProject[p3].Figures);
        Assert.Equal("四棵树乡", byProject[p2].TownshipName);
    }

    [Fact]
    public async Task Overview_Months_CumulativeAtEachMonthEnd_TodayInOctober_LaterMonthsEmpty()
    {
        await HandBuiltAsync();

        var o = await OverviewAsync();

        long? Y(decimal? yuan) => yuan is { } v ? Fen(v) : null;
        (int, long?, long?, long?) M(int m, decimal? a, decimal? d, decimal? s) => (m, Y(a), Y(d), Y(s));
        Assert.Equal(
        [
            M(1, 0, 0, 0), M(2, 0, 0, 0), M(3, 400_000, 0, 0), M(4, 400_000, 300_000, 0), M(5, 700_000, 300_000, 0),
            M(6, 950_000, 300_000, 120_000), M(7, 950_000, 450_000, 120_000), M(8, 950_000, 450_000, 200_000), M(9, 950_000, 450_000, 350_000),
            M(10, 950_000, 550_000, 350_000), M(11, null, null, null), M(12, null, null, null),
        ], o.Months.Select(x => (x.Month, x.AllocatedFen, x.DisbursedFen, x.SpentFen)));
    }

    [Fact]
    public async Task Overview_Township_CountsOnlyItsProjects_SourcesStayTheCountys_2017Separate()
    {
        var (_, _, p1, _, _) = await HandBuiltAsync();

        var o = await OverviewAsync("411321305");
        Assert.False(o.CountyWide);
        Assert.Equal("四棵树乡", o.RegionName);
        Assert.Equal(new FundFigures(Fen(1_500_000), Fen(300_000), Fen(150_000), Fen(150_000)), o.Totals);
        Assert.Equal("411321305", Assert.Single(o.ByTownship).Code);

        var y2017 = await OverviewAsync(year: 2017);
        Assert.Equal(new FundFigures(Fen(200_000), Fen(100_000), 0, 0), y2017.Totals);
        Assert.Equal(p1, Assert.Single(y2017.ByProject).Id);
        Assert.Contains(2017, y2017.Years);
        Assert.Contains(2018, y2017.Years);
    }

    [Fact]
    public async Task SourceAndRecords_ListAllocationsAndPaymentsAsOfToday_ProjectFilterSpansYears()
    {
        var (central, _, p1, p2, _) = await HandBuiltAsync();
        await using var db = _db.NewContext();

        var s = (await new GetFundSource(db, _db.Clock).HandleAsync(central, default)).Value!;
        Assert.Equal(2, s.Allocations.Count);
        Assert.Equal(5, s.Payments.Count);
        Assert.Equal(new FundFigures(Fen(1_000_000), Fen(700_000), Fen(450_000), Fen(350_000)), s.Source.Figures);
        var toP2 = s.Allocations.Single(a => a.ProjectId == p2);
        Assert.Equal((Fen(150_000), Fen(150_000), Fen(150_000)), (toP2.DisbursedFen, toP2.SpentFen, toP2.UndisbursedFen));

        var records = (await new ListFundRecords(db, _db.Clock).HandleAsync(new ListFundRecordsRequest { ProjectId = p1 }, default)).Value!;
        Assert.Equal([2018, 2017], records.Allocations.Select(a => a.SourceYear));
        Assert.Equal(3, records.Payments.Count);
        Assert.Equal(new FundFigures(0, Fen(500_000), Fen(300_000), Fen(200_000)), records.Project!.Figures);
        Assert.True(records.Project.CanReceive);

        var missing = await new ListFundRecords(db, _db.Clock).HandleAsync(new ListFundRecordsRequest { ProjectId = 999_999 }, default);
        Assert.Equal(FailureKind.NotFound, missing.Failure!.Kind);
    }

    [Fact]
    public async Task Export_ThreeSheets_AmountsInYuan_Logged()
    {
        await HandBuiltAsync();
        await using var db = _db.NewContext();

        var r = await new ExportFundLedger(db, _db.Clock).HandleAsync(new ExportFundLedgerRequest(null, 2018, "year=2018", Admin), default);

        var x = r.Value!;
        Assert.Equal((2, 3, 6), (x.Sources, x.Allocations, x.Payments));
        using var stream = new MemoryStream(x.Content);
        Assert.Equal(["资金来源", "资金下达", "拨付支出"], MiniExcelLibs.MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var sources = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "资金来源").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(1_000_000d, Convert.ToDouble(sources[0]["到位金额（元）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("64.3%", sources[0]["拨付率"]);
        var log = await db.Changes.SingleAsync(c => c.Entity == ExportFundLedger.Entity);
        Assert.Equal(("导出", "year=2018"), (log.Action, log.NewValue));
    }
}
