using Fupin.Demo;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Fupin.Tests.Imports;

public class ExportRoundTripTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    string _dir = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _dir = Directory.CreateTempSubdirectory("fupin-export-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    async Task SmallRegistryAsync()
    {
        await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Members[0].Name = "=HYPERLINK(\"http://x\")";
            h.Members[0].Phone = "13912345678";
            h.Members.Add(RegistryBuilder.Member(h, m => { m.Relation = "之女"; m.Education = null; m.StudentStatus = "小学"; m.BirthDate = m.BirthDate; }));
            h.OtherCauses = [PovertyCause.LackOfCapital, PovertyCause.Disability];
            h.Phone = "13800002222";
            h.BankName = "+农村信用社";
            h.BankAccount = "6228480012345678901";
            h.ArableLand = 0.1 + 0.2;
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2017, HouseholdSize = 2, Wage = 1_234_567, DibaoAllowance = 300_001, ProductionCost = 50_000 });
        });
        await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Status = PovertyStatus.ExitedWithPolicy;
            h.ExitYear = 2017;
            h.Members[0].MigrantWorkPlace = "浙江省";
            h.Members[0].MigrantWorkMonths = 10;
            h.Members[0].Health = HealthConditions.Chronic | HealthConditions.Disabled;
        });
    }

    async Task<ImportReport> ImportAsync(string path, bool dryRun = false)
    {
        await using var ctx = _db.NewContext();
        return await new ImportHouseholds(ctx, _db.Clock).HandleAsync(new ImportHouseholdsRequest(path, DryRun: dryRun), null, default);
    }

    async Task<ExportRegistryResult> ExportAsync(string region, string path, Layout layout, bool masked = false)
    {
        await using var ctx = _db.NewContext();
        return await new ExportRegistryFile(ctx).HandleAsync(new ExportRegistryRequest(region, path, layout, Masked: masked), null, default);
    }

    [Theory]
    [InlineData("csv", Layout.National)]
    [InlineData("csv", Layout.Template)]
    [InlineData("xlsx", Layout.National)]
    [InlineData("xlsx", Layout.Template)]
    public async Task ExportThenImport_SmallRegistry_ReportsZeroChanges(string format, Layout layout)
    {
        await SmallRegistryAsync();
        var path = Path.Combine(_dir, "export." + format);

        var exported = await ExportAsync(RegistryBuilder.County, path, layout);
        Assert.Equal((2, 3), (exported.Households, exported.Members));
        int changes;
        await using (var ctx = _db.NewContext()) changes = await ctx.Changes.CountAsync();
        var report = await ImportAsync(path);

        Assert.True(report.Errors == 0, string.Join("\n", report.Problems.Select(p => $"{p.Row} {p.Column} {p.Rule} {p.Message}")));
        Assert.Equal((0, 0, 2), (report.Added, report.Changed, report.Unchanged));
        await using var read = _db.NewContext();
        Assert.Equal(changes, await read.Changes.CountAsync());
    }

    [Fact]
    public async Task Export_Xlsx_IdNumbersAreTextAndFormulasNeutralised()
    {
        await SmallRegistryAsync();
        var path = Path.Combine(_dir, "export.xlsx");
        await ExportAsync(RegistryBuilder.County, path, Layout.National);

        var rows = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.All(rows, r => Assert.IsType<string>(r["证件号码"]));
        Assert.Contains(rows, r => (string?)r["姓名"] == "'=HYPERLINK(\"http://x\")");
        Assert.Contains(rows, r => (string?)r["开户银行"] == "'+农村信用社");
        Assert.Contains(rows, r => r["银行卡号"] is "6228480012345678901");
    }

    [Fact]
    public async Task Export_Masked_HidesIdPhoneAndAccount()
    {
        await SmallRegistryAsync();
        var path = Path.Combine(_dir, "masked.csv");
        await ExportAsync(RegistryBuilder.County, path, Layout.National, masked: true);
        var text = await File.ReadAllTextAsync(path);
        Assert.DoesNotContain("13912345678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("6228480012345678901", text, StringComparison.Ordinal);
        Assert.Contains("********", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteTemplate_HasDataInstructionsAndCodeSheets_AndItsHeaderIsRecognised()
    {
        var path = Path.Combine(_dir, "template.xlsx");
        ImportTemplate.WriteTemplate(path, 2018);

        Assert.Equal(["成员名单", "填写说明", "代码表"], MiniExcel.GetSheetNames(path));
        var codes = MiniExcel.Query(path, useHeaderRow: true, sheetName: "代码表").Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(codes, r => (string?)r["劳动技能"] == "弱劳动力或半劳动力");
        Assert.DoesNotContain(codes, r => (string?)r["在校生状况"] == "非在校生"); // 2016 list only
        using var rows = SheetReader.ReadRows(path).GetEnumerator();
        var header = SheetReader.FindHeader(rows);
        Assert.NotNull(header);
        Assert.Empty(header.Unknown);
        Assert.True(header.Has(Field.IdNumber) && header.Has(Field.VillageCode) && header.Has(Field.Wage));
    }

    [Fact]
    public async Task ExportThenImport_DemoTownship_ReportsZeroChanges()
    {
        await using (var ctx = _db.NewContext()) await new SeedDemo(ctx).HandleAsync(new SeedDemoRequest(), null, default);
        string township;
        await using (var ctx = _db.NewContext())
            township = (await ctx.Households.OrderBy(h => h.Number).Select(h => h.VillageCode).FirstAsync())[..9];
        var path = Path.Combine(_dir, "demo.csv");
        var exported = await ExportAsync(township, path, Layout.National);
        Assert.True(exported.Households > 100);

        var report = await ImportAsync(path, dryRun: true);
        Assert.True(report.Errors == 0, string.Join("\n", report.Problems.Where(p => p.Severity == Severity.Error).Take(20).Select(p => $"{p.Row} {p.Column} {p.Rule} {p.Message}")));
        Assert.Equal((0, 0, exported.Households), (report.Added, report.Changed, report.Unchanged));
    }
}
