using Fupin.Accounts;
using Fupin.Common;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Industries;

/// <summary>Entities and contracts: validation codes, unique names and numbers per county, version checks, the ledger export.</summary>
public class BusinessEntityTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    const Role Clerk = Role.CountyAdmin;

    async Task<long> IndustryAsync(string code = "AC", string name = "艾草")
    {
        await using var db = _db.NewContext();
        var i = new LocalIndustry { CountyCode = RegistryBuilder.County, Code = code, Name = name, OutputUnit = "斤" };
        db.Industries.Add(i);
        await db.SaveChangesAsync();
        return i.Id;
    }

    static BusinessEntityInput Valid(long? industry = null) => new()
    {
        RegionCode = RegistryBuilder.Village, Name = "南召县艾草制品有限公司", Kind = EntityKind.LeadingEnterprise, Level = "市级", IndustryId = industry,
        CreditCode = "91411321MA44ABCD1X", LegalPerson = "王某", Contact = "李经理", ContactPhone = "0377-66112233", Employees = 85, AreaMu = 1200.5,
        AnnualOutputFen = 3_600_000_000, FoundedOn = new DateOnly(2016, 5, 1),
    };

    async Task<Result<BusinessEntitySaved>> AddAsync(BusinessEntityInput input, Role role = Clerk)
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await using var db = _db.NewContext();
        return await new AddBusinessEntity(db, _db.Clock).HandleAsync(new AddBusinessEntityRequest(input, "t", role), default);
    }

    static string[] Codes<T>(Result<T> r) => [.. r.Failure!.Errors.Select(e => e.Code)];

    [Fact]
    public async Task AddEntity_Valid_IsSaved_AndEachBadFieldHasItsCode()
    {
        var industry = await IndustryAsync();
        var ok = await AddAsync(Valid(industry));
        Assert.True(ok.IsOk, ok.Failure?.Message);

        Assert.Equal(["entity.name_taken"], Codes(await AddAsync(Valid(industry) with { RegionCode = RegistryBuilder.Township })));
        Assert.Equal(["entity.name_required"], Codes(await AddAsync(Valid() with { Name = "  " })));
        Assert.Equal(["entity.region_unknown"], Codes(await AddAsync(Valid() with { Name = "甲", RegionCode = "411322100201" })));
        Assert.Equal(["entity.region_unknown"], Codes(await AddAsync(Valid() with { Name = "甲", RegionCode = RegistryBuilder.County })));
        Assert.Equal(["entity.industry_unknown"], Codes(await AddAsync(Valid() with { Name = "甲", IndustryId = 999_999 })));
        Assert.Equal(["entity.workshop_unknown"], Codes(await AddAsync(Valid() with { Name = "甲", WorkshopId = 999_999 })));
        Assert.Equal(["entity.level_invalid"], Codes(await AddAsync(Valid() with { Name = "甲", Level = "乡级" })));
        Assert.Equal(["entity.credit_code_invalid"], Codes(await AddAsync(Valid() with { Name = "甲", CreditCode = "9141132" })));
        Assert.Equal(["entity.phone_invalid"], Codes(await AddAsync(Valid() with { Name = "甲", ContactPhone = "电话" })));
        Assert.Equal(["entity.size_invalid", "entity.size_invalid", "entity.size_invalid"],
            Codes(await AddAsync(Valid() with { Name = "甲", Employees = -1, AreaMu = -0.5, AnnualOutputFen = -1 })));
        Assert.Equal([IndustryRoles.NotAllowedCode], Codes(await AddAsync(Valid() with { Name = "甲" }, Role.VillageCadre)));

        await using var db = _db.NewContext();
        var e = await db.BusinessEntities.SingleAsync();
        Assert.Equal((RegistryBuilder.County, "91411321MA44ABCD1X", 3_600_000_000L), (e.CountyCode, e.CreditCode, e.AnnualOutputFen));
    }

    [Fact]
    public async Task AddEntity_OutsideTheUsersScope_IsRefused()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await RegistryBuilder.EnsureVillageAsync(_db, "411321100201", "城关村");
        await using var db = _db.NewContext(AccessScope.For(1, Role.TownshipOfficer, [RegistryBuilder.Township]));
        var r = await new AddBusinessEntity(db, _db.Clock).HandleAsync(new AddBusinessEntityRequest(Valid() with { RegionCode = "411321100201" }, "t", Role.TownshipOfficer), default);
        Assert.Equal(["entity.region_unknown"], Codes(r));
    }

    [Fact]
    public async Task UpdateEntity_StaleVersion_IsAConflict_AndAMoveCarriesItsContracts()
    {
        var id = (await AddAsync(Valid())).Value!.Id;
        await using var db = _db.NewContext();
        var contract = (await new AddLinkageContract(db, _db.Clock).HandleAsync(new AddLinkageContractRequest(id, new LinkageContractInput
        {
            Number = "HT-1", Kind = LinkageKind.Order, StartOn = new DateOnly(2018, 1, 1),
        }, "t", Clerk), default)).Value!;
        var update = new UpdateBusinessEntity(db, _db.Clock);
        var moved = await update.HandleAsync(new UpdateBusinessEntityRequest(id, 0, Valid() with { RegionCode = RegistryBuilder.Township, Employees = 90 }, "t", Clerk), default);
        Assert.True(moved.IsOk, moved.Failure?.Message);
        Assert.Equal(1, moved.Value!.Version);
        var stale = await update.HandleAsync(new UpdateBusinessEntityRequest(id, 0, Valid(), "t", Clerk), default);
        Assert.Equal(FailureKind.Conflict, stale.Failure!.Kind);

        await using var check = _db.NewContext();
        Assert.Equal(RegistryBuilder.Township, (await check.LinkageContracts.SingleAsync(c => c.Id == contract.Id)).RegionCode);
        Assert.Equal(90, (await check.BusinessEntities.SingleAsync()).Employees);
    }

    [Fact]
    public async Task Contract_NumberUniqueInCounty_EndNotBeforeStart_StartNotInFuture_IndustryDefaultsToTheEntitys()
    {
        var industry = await IndustryAsync();
        var entity = (await AddAsync(Valid(industry))).Value!.Id;
        await using var db = _db.NewContext();
        var add = new AddLinkageContract(db, _db.Clock);
        LinkageContractInput Input(string number) => new()
        {
            Number = number, Kind = LinkageKind.LandTransfer, StartOn = new DateOnly(2017, 3, 1), EndOn = new DateOnly(2021, 2, 28), AgreedPerYearFen = 60_000,
            Model = "公司+基地+贫困户",
        };
        var ok = await add.HandleAsync(new AddLinkageContractRequest(entity, Input("NZ-LZ-2017-01"), "t", Clerk), default);
        Assert.True(ok.IsOk);
        Assert.Equal([LinkageRules.NumberTakenCode], Codes(await add.HandleAsync(new AddLinkageContractRequest(entity, Input(" NZ-LZ-2017-01 "), "t", Clerk), default)));
        Assert.Equal(["contract.end_before_start"],
            Codes(await add.HandleAsync(new AddLinkageContractRequest(entity, Input("B") with { EndOn = new DateOnly(2017, 2, 28) }, "t", Clerk), default)));
        Assert.Equal(["contract.start_future"],
            Codes(await add.HandleAsync(new AddLinkageContractRequest(entity, Input("C") with { StartOn = new DateOnly(2018, 10, 9), EndOn = null }, "t", Clerk), default)));
        Assert.Equal(FailureKind.NotFound, (await add.HandleAsync(new AddLinkageContractRequest(999_999, Input("D"), "t", Clerk), default)).Failure!.Kind);

        var c = await db.LinkageContracts.AsNoTracking().SingleAsync();
        Assert.Equal((industry, RegistryBuilder.Village, "公司+基地+贫困户"), (c.IndustryId, c.RegionCode, c.Model));
    }

    [Fact]
    public async Task UpdateContract_StaleVersion_IsAConflict_AndThePeriodMustHoldThePaidYears()
    {
        var entity = (await AddAsync(Valid())).Value!.Id;
        var h = await RegistryBuilder.AddHouseholdAsync(_db);
        await using var db = _db.NewContext();
        var contract = (await new AddLinkageContract(db, _db.Clock).HandleAsync(new AddLinkageContractRequest(entity, new LinkageContractInput
        {
            Number = "HT-2", Kind = LinkageKind.Equity, StartOn = new DateOnly(2017, 1, 1), AgreedPerYearFen = 50_000,
        }, "t", Clerk), default)).Value!;
        var party = (await new AddLinkageParty(db, _db.Clock).HandleAsync(new AddLinkagePartyRequest { ContractId = contract.Id, HouseholdId = h, User = "t", Role = Clerk }, default)).Value!;
        Assert.True((await new RecordLinkagePayment(db, _db.Clock).HandleAsync(new RecordLinkagePaymentRequest
        {
            PartyId = party.Id, AmountFen = 50_000, PaidOn = new DateOnly(2018, 6, 1), User = "t", Role = Clerk,
        }, default)).IsOk);

        var update = new UpdateLinkageContract(db, _db.Clock);
        Assert.Equal(["contract.payments_outside"], Codes(await update.HandleAsync(
            new UpdateLinkageContractRequest(contract.Id, 0, new DateOnly(2017, 1, 1), new DateOnly(2017, 12, 31), 50_000, null, null, "t", Clerk), default)));
        var ok = await update.HandleAsync(new UpdateLinkageContractRequest(contract.Id, 0, new DateOnly(2017, 1, 1), new DateOnly(2019, 12, 31), 60_000, "公司+贫困户", "每年分红", "t", Clerk), default);
        Assert.True(ok.IsOk);
        Assert.Equal(FailureKind.Conflict, (await update.HandleAsync(
            new UpdateLinkageContractRequest(contract.Id, 0, new DateOnly(2017, 1, 1), null, 60_000, null, null, "t", Clerk), default)).Failure!.Kind);
    }

    [Fact]
    public async Task Entity_WithWorkshop_ShowsItsWorkshop_AndItsContracts()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        long workshop;
        await using (var db = _db.NewContext())
        {
            var w = new Workshop { CountyCode = RegistryBuilder.County, VillageCode = RegistryBuilder.Village, Name = "石门村假发车间", Status = WorkshopStatus.Operating };
            db.Workshops.Add(w);
            await db.SaveChangesAsync();
            workshop = w.Id;
        }
        var entity = (await AddAsync(Valid() with { Kind = EntityKind.Workshop, Level = null, WorkshopId = workshop })).Value!.Id;
        await using var read = _db.NewContext();
        await new AddLinkageContract(read, _db.Clock).HandleAsync(new AddLinkageContractRequest(entity, new LinkageContractInput
        {
            Number = "HT-3", Kind = LinkageKind.Employment, StartOn = new DateOnly(2018, 3, 1),
        }, "t", Clerk), default);
        var d = (await new GetBusinessEntity(read, _db.Clock).HandleAsync(entity, default)).Value!;
        Assert.Equal(("石门村假发车间", "运营中"), (d.Workshop!.Name, d.Workshop.StatusLabel));
        Assert.Equal(["HT-3"], d.Contracts.Select(c => c.Number));
        Assert.True(d.Contracts[0].ActiveThisYear);
    }

    [Fact]
    public async Task LedgerExport_OpensWithMiniExcel_OneRowPerPartyAndYear_WithAgreedAndPaid_AndIsLogged()
    {
        var entity = (await AddAsync(Valid())).Value!.Id;
        var h = await RegistryBuilder.AddHouseholdAsync(_db, x => x.Members[0].Name = "赵大");
        await using var db = _db.NewContext();
        var number = await db.Households.Where(x => x.Id == h).Select(x => x.Number).SingleAsync();
        var contract = (await new AddLinkageContract(db, _db.Clock).HandleAsync(new AddLinkageContractRequest(entity, new LinkageContractInput
        {
            Number = "HT-4", Kind = LinkageKind.Equity, Model = "公司+合作社+贫困户", StartOn = new DateOnly(2017, 6, 1), AgreedPerYearFen = 50_000,
        }, "t", Clerk), default)).Value!;
        var party = (await new AddLinkageParty(db, _db.Clock).HandleAsync(new AddLinkagePartyRequest { ContractId = contract.Id, HouseholdId = h, User = "t", Role = Clerk }, default)).Value!;
        Assert.True((await new RecordLinkagePayment(db, _db.Clock).HandleAsync(new RecordLinkagePaymentRequest
        {
            PartyId = party.Id, AmountFen = 45_000, PaidOn = new DateOnly(2018, 1, 20), Year = 2017, User = "t", Role = Clerk,
        }, default)).IsOk);

        var export = (await new ExportLinkageLedger(db, _db.Clock).HandleAsync(new ExportLinkageLedgerRequest(null, null, null, null, "（全部）", "导出人"), default)).Value!;

        using var stream = new MemoryStream(export.Content);
        Assert.Equal(["利益联结台账"], MiniExcelLibs.MiniExcel.GetSheetNames(stream));
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal([2017d, 2018d], rows.Select(r => Convert.ToDouble(r["年度"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(rows, r => Assert.Equal(("南召县艾草制品有限公司", "HT-4", "股份合作", "公司+合作社+贫困户", number, "赵大", "（全户）", "石门乡石门村"),
            ((string)r["经营主体"], (string)r["合同编号"], (string)r["联结方式"], (string)r["带贫模式"], (string)r["户编号"], (string)r["户主"], (string)r["联结成员"], (string)r["所在村"])));
        Assert.Equal([500d, 500d], rows.Select(r => Convert.ToDouble(r["约定金额（元）"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([450d, 0d], rows.Select(r => Convert.ToDouble(r["实际支付（元）"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal((100_000L, 45_000L), (export.AgreedFen, export.PaidFen));
        Assert.Equal("导出人", (await db.Changes.AsNoTracking().SingleAsync(c => c.Entity == ExportLinkageLedger.Entity)).User);

        var entities = (await new ExportBusinessEntities(db, _db.Clock).HandleAsync(new ExportBusinessEntitiesRequest(new SearchBusinessEntitiesRequest(), "（全部）", "导出人"), default)).Value!;
        using var es = new MemoryStream(entities.Content);
        var er = Assert.Single(MiniExcelLibs.MiniExcel.Query(es, useHeaderRow: true, sheetName: "经营主体名录").Cast<IDictionary<string, object>>());
        Assert.Equal(("南召县艾草制品有限公司", "龙头企业", 36_000_000d), ((string)er["经营主体名称"], (string)er["类型"], Convert.ToDouble(er["年产值（元）"], System.Globalization.CultureInfo.InvariantCulture)));
    }
}
