using Fupin.Accounts;
using Fupin.Common;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Industries;

/// <summary>
/// A cooperative in 石门乡 with a contract per kind. The household 张家 has 3 members and a 2018 income record of
/// wage 6 000 + production 3 000 元: net 9 000 元, per capita 3 000 元 (300 000 fen). Today is 2018-10-08.
/// </summary>
public class LinkagePaymentTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    const Role Clerk = Role.TownshipOfficer;
    static readonly DateOnly Today = new(2018, 10, 8);

    async Task<long> EntityAsync(string name = "南召县石门乡艾草专业合作社", string region = RegistryBuilder.Township)
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await using var db = _db.NewContext();
        var r = await new AddBusinessEntity(db, _db.Clock).HandleAsync(new AddBusinessEntityRequest(new BusinessEntityInput
        {
            RegionCode = region, Name = name, Kind = EntityKind.Cooperative, Level = "县级", Employees = 12, AreaMu = 300,
        }, "t", Clerk), default);
        Assert.True(r.IsOk, r.Failure?.Message);
        return r.Value!.Id;
    }

    async Task<long> ContractAsync(long entity, string number, LinkageKind kind, DateOnly? start = null, DateOnly? end = null, long agreed = 90_000)
    {
        await using var db = _db.NewContext();
        var r = await new AddLinkageContract(db, _db.Clock).HandleAsync(new AddLinkageContractRequest(entity, new LinkageContractInput
        {
            Number = number, Kind = kind, Model = "公司+合作社+基地+贫困户", StartOn = start ?? new DateOnly(2017, 3, 1), EndOn = end, AgreedPerYearFen = agreed,
        }, "t", Clerk), default);
        Assert.True(r.IsOk, string.Join("；", r.Failure?.Errors.Select(e => e.Message) ?? []));
        return r.Value!.Id;
    }

    /// <summary>A household of three members; with <paramref name="withIncome"/> its 2018 record: wage 600 000 + production 300 000 fen.</summary>
    async Task<long> HouseholdAsync(bool withIncome = true, string village = RegistryBuilder.Village, PovertyStatus status = PovertyStatus.NotExited)
    {
        var id = await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.VillageCode = village;
            h.Status = status;
            h.Members.Add(RegistryBuilder.Member(h, m => m.Name = "张二"));
            h.Members.Add(RegistryBuilder.Member(h, m => m.Name = "张三"));
            if (withIncome) h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2018, HouseholdSize = 3, Wage = 600_000, Production = 300_000 });
        });
        return id;
    }

    async Task<long> PartyAsync(long contract, long household, long? member = null, long? agreed = null)
    {
        await using var db = _db.NewContext();
        var r = await new AddLinkageParty(db, _db.Clock).HandleAsync(new AddLinkagePartyRequest
        {
            ContractId = contract, HouseholdId = household, MemberId = member, AgreedPerYearFen = agreed, User = "t", Role = Clerk,
        }, default);
        Assert.True(r.IsOk, string.Join("；", r.Failure?.Errors.Select(e => e.Message) ?? []));
        return r.Value!.Id;
    }

    async Task<Result<LinkagePaymentSaved>> PayAsync(long party, long amount, DateOnly? paidOn = null, int? year = null)
    {
        await using var db = _db.NewContext();
        return await new RecordLinkagePayment(db, _db.Clock).HandleAsync(new RecordLinkagePaymentRequest
        {
            PartyId = party, AmountFen = amount, PaidOn = paidOn ?? Today, Year = year, User = "乡镇干部", Role = Clerk,
        }, default);
    }

    async Task<IncomeRecord?> IncomeAsync(long household, int year = 2018)
    {
        await using var db = _db.NewContext();
        return await db.Incomes.AsNoTracking().SingleOrDefaultAsync(i => i.HouseholdId == household && i.Year == year);
    }

    [Fact]
    public async Task Dividend_900Yuan_ToAHouseholdOfThree_AddsToAssetDividend_AndRaisesPerCapitaBy300Yuan_WithTheReasonInTheAuditLog()
    {
        var contract = await ContractAsync(await EntityAsync(), "SM-GF-001", LinkageKind.Equity);
        var h = await HouseholdAsync();
        var party = await PartyAsync(contract, h);
        var before = (await IncomeAsync(h))!;
        Assert.Equal((900_000L, 300_000L), (before.NetIncome, before.PerCapitaNetIncome));

        var paid = await PayAsync(party, 90_000);

        Assert.True(paid.IsOk, paid.Failure?.Message);
        Assert.Equal((IncomePart.AssetDividend, 2018), (paid.Value!.PartFed, paid.Value.Year));
        var after = (await IncomeAsync(h))!;
        Assert.Equal(90_000L, after.AssetDividend);
        Assert.Equal((600_000L, 300_000L, 0L), (after.Wage, after.Production, after.OtherProperty));
        Assert.Equal(990_000L, after.NetIncome);
        Assert.Equal(330_000L, after.PerCapitaNetIncome);
        Assert.Equal(30_000L, after.PerCapitaNetIncome - before.PerCapitaNetIncome);

        await using var db = _db.NewContext();
        var change = await db.Changes.AsNoTracking().SingleAsync(c => c.Entity == nameof(IncomeRecord) && c.EntityId == after.Id && c.Field == nameof(IncomeRecord.AssetDividend));
        Assert.Equal(("0", "90000", "利益联结收益：合同 SM-GF-001 股份合作", "乡镇干部", h), (change.OldValue, change.NewValue, change.Reason, change.User, change.HouseholdId));
        var payment = await db.LinkagePayments.AsNoTracking().SingleAsync();
        Assert.Equal((h, 2018, Today, 90_000L), (payment.HouseholdId, payment.Year, payment.PaidOn, payment.AmountFen));
    }

    [Fact]
    public async Task LandRent_GoesToOtherProperty_Wage_ToWage_Order_ToProduction()
    {
        var entity = await EntityAsync();
        var rent = await ContractAsync(entity, "SM-LZ-001", LinkageKind.LandTransfer);
        var wage = await ContractAsync(entity, "SM-WG-001", LinkageKind.Employment);
        var order = await ContractAsync(entity, "SM-DD-001", LinkageKind.Order);
        var h = await HouseholdAsync();
        Assert.True((await PayAsync(await PartyAsync(rent, h), 60_000)).IsOk);
        Assert.True((await PayAsync(await PartyAsync(wage, h), 150_000)).IsOk);
        Assert.True((await PayAsync(await PartyAsync(order, h), 45_000)).IsOk);

        var i = (await IncomeAsync(h))!;
        Assert.Equal((750_000L, 345_000L, 0L, 60_000L), (i.Wage, i.Production, i.AssetDividend, i.OtherProperty));
        // (9 000 + 600 + 1 500 + 450) / 3 = 3 850 元.
        Assert.Equal(385_000L, i.PerCapitaNetIncome);
    }

    [Fact]
    public async Task Payment_ToAHouseholdWithoutARecordForTheYear_CreatesOne_WithTheMemberCountAsSize()
    {
        var contract = await ContractAsync(await EntityAsync(), "SM-GF-002", LinkageKind.FundShares);
        var h = await HouseholdAsync(withIncome: false);
        Assert.Null(await IncomeAsync(h));

        Assert.True((await PayAsync(await PartyAsync(contract, h), 60_000)).IsOk);

        var i = (await IncomeAsync(h))!;
        Assert.Equal((3, 60_000L, 60_000L, 20_000L), (i.HouseholdSize, i.AssetDividend, i.NetIncome, i.PerCapitaNetIncome));
        await using var db = _db.NewContext();
        Assert.Equal("利益联结收益：合同 SM-GF-002 资金折股量化",
            (await db.Changes.AsNoTracking().SingleAsync(c => c.Entity == nameof(IncomeRecord) && c.EntityId == i.Id && c.Action == "新增")).Reason);
    }

    [Fact]
    public async Task Cancel_TakesTheAmountOut_RestoringTheIncome_AndRemovesThePayment_Audited()
    {
        var contract = await ContractAsync(await EntityAsync(), "SM-GF-003", LinkageKind.Equity);
        var h = await HouseholdAsync();
        var paid = await PayAsync(await PartyAsync(contract, h), 90_000);

        await using (var db = _db.NewContext())
        {
            var r = await new CancelLinkagePayment(db).HandleAsync(new CancelLinkagePaymentRequest(paid.Value!.Id, "金额录错", "乡镇干部", Clerk), default);
            Assert.True(r.IsOk, r.Failure?.Message);
        }

        var i = (await IncomeAsync(h))!;
        Assert.Equal((0L, 900_000L, 300_000L), (i.AssetDividend, i.NetIncome, i.PerCapitaNetIncome));
        await using var check = _db.NewContext();
        Assert.Empty(await check.LinkagePayments.ToListAsync());
        var change = await check.Changes.AsNoTracking().Where(c => c.Entity == nameof(IncomeRecord) && c.Field == nameof(IncomeRecord.AssetDividend))
            .OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal(("90000", "0", "撤销利益联结收益：合同 SM-GF-003 股份合作（金额录错）"), (change.OldValue, change.NewValue, change.Reason));
    }

    [Fact]
    public async Task RefusedPayments_FutureDate_EndedContract_ZeroAmount_LeaveIncomeAndPaymentsUntouched()
    {
        var entity = await EntityAsync();
        var live = await ContractAsync(entity, "SM-GF-004", LinkageKind.Equity);
        var ended = await ContractAsync(entity, "SM-GF-005", LinkageKind.Equity, new DateOnly(2016, 1, 1), new DateOnly(2017, 12, 31));
        var h = await HouseholdAsync();
        var liveParty = await PartyAsync(live, h);
        var endedParty = await PartyAsync(ended, h);

        var future = await PayAsync(liveParty, 90_000, new DateOnly(2018, 10, 9));
        Assert.Equal(LinkageRules.DateFutureCode, Assert.Single(future.Failure!.Errors).Code);
        var afterEnd = await PayAsync(endedParty, 90_000);
        Assert.Equal(LinkageRules.ContractInactiveCode, Assert.Single(afterEnd.Failure!.Errors).Code);
        var zero = await PayAsync(liveParty, 0);
        Assert.Equal(LinkageRules.AmountInvalidCode, Assert.Single(zero.Failure!.Errors).Code);
        // The ended contract still takes its 2017 dividend paid this year.
        Assert.True((await PayAsync(endedParty, 30_000, year: 2017)).IsOk);

        var i = (await IncomeAsync(h))!;
        Assert.Equal((0L, 900_000L), (i.AssetDividend, i.NetIncome));
        await using var db = _db.NewContext();
        Assert.Equal([2017], await db.LinkagePayments.Select(p => p.Year).ToListAsync());
        Assert.Equal(30_000L, (await IncomeAsync(h, 2017))!.AssetDividend);
    }

    [Fact]
    public async Task DividendRun_PaysEveryPartyItsAgreedAmount_OrRefusesAll_WhenOneHasNone()
    {
        var entity = await EntityAsync();
        var contract = await ContractAsync(entity, "SM-GF-006", LinkageKind.Equity, agreed: 50_000);
        var a = await HouseholdAsync();
        var b = await HouseholdAsync();
        await PartyAsync(contract, a);
        await PartyAsync(contract, b, agreed: 80_000);

        await using (var db = _db.NewContext())
        {
            var r = await new RecordLinkagePayments(db, _db.Clock).HandleAsync(new RecordLinkagePaymentsRequest
            {
                ContractId = contract, PaidOn = new DateOnly(2018, 9, 30), Note = "2018年度分红", User = "t", Role = Clerk,
            }, default);
            Assert.True(r.IsOk, r.Failure?.Message);
            Assert.Equal((2, 130_000L), (r.Value!.Count, r.Value.TotalFen));
        }
        Assert.Equal(50_000L, (await IncomeAsync(a))!.AssetDividend);
        Assert.Equal(80_000L, (await IncomeAsync(b))!.AssetDividend);

        // A contract with no agreed amount: one party has its own, the other none — the run is refused and writes nothing.
        var bare = await ContractAsync(entity, "SM-GF-007", LinkageKind.Equity, agreed: 0);
        await PartyAsync(bare, a, agreed: 20_000);
        await PartyAsync(bare, b);
        await using (var db = _db.NewContext())
        {
            var r = await new RecordLinkagePayments(db, _db.Clock).HandleAsync(new RecordLinkagePaymentsRequest
            {
                ContractId = bare, PaidOn = Today, User = "t", Role = Clerk,
            }, default);
            Assert.Equal(LinkageRules.AmountInvalidCode, Assert.Single(r.Failure!.Errors).Code);
        }
        Assert.Equal(50_000L, (await IncomeAsync(a))!.AssetDividend);
        await using var check = _db.NewContext();
        Assert.Equal(0, await check.LinkagePayments.CountAsync(p => p.ContractId == bare));

        // With an amount each, the same run pays both.
        await using (var db = _db.NewContext())
            Assert.True((await new RecordLinkagePayments(db, _db.Clock).HandleAsync(new RecordLinkagePaymentsRequest
            {
                ContractId = bare, AmountFen = 10_000, PaidOn = Today, User = "t", Role = Clerk,
            }, default)).IsOk);
        Assert.Equal(60_000L, (await IncomeAsync(a))!.AssetDividend);
        Assert.Equal(90_000L, (await IncomeAsync(b))!.AssetDividend);
    }

    [Fact]
    public async Task Party_ExitedWithoutPolicy_ForeignMember_Duplicate_AreRefused_AndAPartyWithPaymentsCannotBeRemoved()
    {
        var contract = await ContractAsync(await EntityAsync(), "SM-GF-008", LinkageKind.Equity);
        var h = await HouseholdAsync();
        var exited = await HouseholdAsync(status: PovertyStatus.ExitedWithoutPolicy);
        var other = await HouseholdAsync();
        await using var db = _db.NewContext();
        var foreignMember = await db.Members.Where(m => m.HouseholdId == other).Select(m => m.Id).FirstAsync();
        var add = new AddLinkageParty(db, _db.Clock);
        async Task<string> Code(long household, long? member = null) =>
            Assert.Single((await add.HandleAsync(new AddLinkagePartyRequest { ContractId = contract, HouseholdId = household, MemberId = member, User = "t", Role = Clerk }, default)).Failure!.Errors).Code;

        Assert.Equal(LinkageRules.HouseholdNotEligibleCode, await Code(exited));
        Assert.Equal("contract.member_unknown", await Code(h, foreignMember));
        var party = await PartyAsync(contract, h);
        Assert.Equal(LinkageRules.PartyExistsCode, await Code(h));
        Assert.Equal("contract.household_unknown", (await add.HandleAsync(new AddLinkagePartyRequest { ContractId = contract, HouseholdNumber = "000", User = "t", Role = Clerk }, default)).Failure!.Errors[0].Code);
        Assert.Equal(IndustryRoles.NotAllowedCode,
            (await add.HandleAsync(new AddLinkagePartyRequest { ContractId = contract, HouseholdId = other, User = "t", Role = Role.VillageCadre }, default)).Failure!.Errors[0].Code);

        Assert.True((await PayAsync(party, 10_000)).IsOk);
        var removed = await new RemoveLinkageParty(db).HandleAsync(new RemoveLinkagePartyRequest(party, "t", Clerk), default);
        Assert.Equal(LinkageRules.PartyHasPaymentsCode, Assert.Single(removed.Failure!.Errors).Code);
        await using var check = _db.NewContext();
        Assert.Equal([h], await check.LinkageParties.Select(p => p.HouseholdId).ToListAsync());
    }

    [Fact]
    public async Task Scope_OtherVillagesCadre_DoesNotSeeTheParty_ButTheTownshipEntityIsVisibleToItsVillage()
    {
        const string otherVillage = "411321304202";
        await RegistryBuilder.EnsureVillageAsync(_db, otherVillage, "东村");
        var entity = await EntityAsync();
        var contract = await ContractAsync(entity, "SM-GF-009", LinkageKind.Equity);
        var h = await HouseholdAsync();
        var party = await PartyAsync(contract, h);
        Assert.True((await PayAsync(party, 90_000)).IsOk);

        await using var own = _db.NewContext(AccessScope.For(1, Role.VillageCadre, [RegistryBuilder.Village]));
        Assert.True((await new GetBusinessEntity(own, _db.Clock).HandleAsync(entity, default)).IsOk);
        var seen = (await new GetLinkageContract(own, _db.Clock).HandleAsync(contract, default)).Value!;
        Assert.Equal([h], seen.Parties.Select(p => p.HouseholdId));
        Assert.Equal(90_000L, seen.PaidThisYearFen);

        await using var other = _db.NewContext(AccessScope.For(2, Role.VillageCadre, [otherVillage]));
        var view = (await new GetLinkageContract(other, _db.Clock).HandleAsync(contract, default)).Value!;
        Assert.Empty(view.Parties);
        Assert.Empty(view.Payments);
        Assert.False(await other.Households.AnyAsync(x => x.Id == h));
        var payAsOther = await new RecordLinkagePayment(other, _db.Clock).HandleAsync(new RecordLinkagePaymentRequest
        {
            PartyId = party, AmountFen = 1, PaidOn = Today, User = "t", Role = Role.TownshipOfficer,
        }, default);
        Assert.Equal(FailureKind.NotFound, payAsOther.Failure!.Kind);
        var list = (await new SearchBusinessEntities(other, _db.Clock).HandleAsync(new SearchBusinessEntitiesRequest(), default)).Value!;
        Assert.Equal((0, 0L), (list.Rows.Single(r => r.Id == entity).Households, list.Rows.Single(r => r.Id == entity).PaidThisYearFen));
    }

    [Fact]
    public async Task Search_CountsContractsHouseholdsAndPersons_OfThisYear_HouseholdPartyCountingAllMembers()
    {
        var entity = await EntityAsync();
        var equity = await ContractAsync(entity, "SM-GF-010", LinkageKind.Equity);
        var wage = await ContractAsync(entity, "SM-WG-010", LinkageKind.Employment);
        await ContractAsync(entity, "SM-GF-011", LinkageKind.Equity, new DateOnly(2016, 1, 1), new DateOnly(2017, 12, 31));
        var a = await HouseholdAsync();
        var b = await HouseholdAsync();
        await using (var db = _db.NewContext())
        {
            var member = await db.Members.Where(m => m.HouseholdId == b).Select(m => m.Id).FirstAsync();
            await PartyAsync(equity, a);
            await PartyAsync(wage, b, member);
            await PartyAsync(wage, a, await db.Members.Where(m => m.HouseholdId == a).Select(m => m.Id).FirstAsync());
        }
        await using var read = _db.NewContext();
        var party = (await read.LinkageParties.FirstAsync(p => p.ContractId == equity)).Id;
        Assert.True((await PayAsync(party, 90_000)).IsOk);
        var list = (await new SearchBusinessEntities(read, _db.Clock).HandleAsync(new SearchBusinessEntitiesRequest(Text: "艾草"), default)).Value!;
        var row = Assert.Single(list.Rows);
        // 2 contracts this year; households a and b; persons: all 3 of a + one of b.
        Assert.Equal((2, 2, 4, 90_000L), (row.Contracts, row.Households, row.Persons, row.PaidThisYearFen));
        Assert.Equal(new BusinessEntityTotals(1, 2, 2, 4, 90_000, 12, 300, 0), list.Totals);
        Assert.Empty((await new SearchBusinessEntities(read, _db.Clock).HandleAsync(new SearchBusinessEntitiesRequest(Kind: EntityKind.LeadingEnterprise), default)).Value!.Rows);
    }
}
