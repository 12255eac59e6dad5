using System.Text;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using static Fupin.Tests.Imports.ImportFiles;

namespace Fupin.Tests.Imports;

public class ImportHouseholdsTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    string _dir = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _dir = Directory.CreateTempSubdirectory("fupin-import-").FullName;
        await RegistryBuilder.EnsureVillageAsync(_db);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    async Task<ImportReport> ImportAsync(string path, ImportMode mode = ImportMode.AllOrNothing, bool dryRun = false)
    {
        await using var ctx = _db.NewContext();
        ctx.Audit.User = "test";
        return await new ImportHouseholds(ctx, _db.Clock).HandleAsync(new ImportHouseholdsRequest(path, mode, dryRun), null, default);
    }

    async Task<(int Households, int Members, int Changes)> CountsAsync()
    {
        await using var ctx = _db.NewContext();
        return (await ctx.Households.CountAsync(), await ctx.Members.CountAsync(), await ctx.Changes.CountAsync());
    }

    static string Errors(ImportReport r) => string.Join("\n", r.Problems.Select(p => $"{p.Row} {p.Column} {p.Rule} {p.Severity} {p.Message}"));

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Import_ValidFile_AddsHouseholdsAndMembers(string format)
    {
        var path = format == "csv" ? Csv(_dir, TwoHouseholds()) : Xlsx(_dir, TwoHouseholds());
        var report = await ImportAsync(path);

        Assert.True(report.Written, Errors(report));
        Assert.Equal((2, 0, 0, 0), (report.Added, report.Changed, report.Unchanged, report.Rejected));
        await using var ctx = _db.NewContext();
        var h = await ctx.Households.Include(x => x.Members).SingleAsync(x => x.Number == "41132130400001");
        Assert.Equal(RegistryBuilder.Village, h.VillageCode);
        Assert.Equal(PovertyStatus.NotExited, h.Status);
        Assert.Equal(["户主", "配偶"], h.Members.OrderBy(m => m.Relation == "户主" ? 0 : 1).Select(m => m.Relation));
        Assert.Equal("13800001111", h.Phone);
    }

    [Fact]
    public async Task Import_Gb18030CsvWithTwoTitleRows_IsDetectedAndRead()
    {
        var path = Csv(_dir, TwoHouseholds(), SheetReader.Gb18030, titles: [["南召县建档立卡贫困人口明细表"], ["导出时间：2018-10-08"]]);
        await using (var stream = File.OpenRead(path)) Assert.Equal(SheetReader.Gb18030.WebName, SheetReader.DetectEncoding(stream).WebName);

        var report = await ImportAsync(path);
        Assert.True(report.Written, Errors(report));
        await using var ctx = _db.NewContext();
        Assert.True(await ctx.Members.AnyAsync(m => m.Name == "王大山"));
    }

    [Fact]
    public async Task Import_Utf8WithoutBom_IsDetected()
    {
        var path = Csv(_dir, TwoHouseholds(), new UTF8Encoding(false));
        var report = await ImportAsync(path);
        Assert.True(report.Written, Errors(report));
        await using var ctx = _db.NewContext();
        Assert.True(await ctx.Members.AnyAsync(m => m.Name == "孙桂花"));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Import_OneBadIdRow_ChangesNothingAndNamesRowAndRule(string format)
    {
        var rows = TwoHouseholds();
        var bad = Id(3, 13);
        rows[2][Column("身份证号码")] = bad[..17] + (bad[17] == '1' ? '2' : '1'); // wrong check character
        var path = format == "csv" ? Csv(_dir, rows) : Xlsx(_dir, rows);

        var before = await CountsAsync();
        var report = await ImportAsync(path);

        Assert.False(report.Written);
        Assert.Equal(before, await CountsAsync());
        var p = Assert.Single(report.Problems, p => p.Severity == Severity.Error);
        Assert.Equal((4, "身份证号码", "id.bad_check_character"), (p.Row, p.Column, p.Rule)); // row 1 is the header
        Assert.Equal((0, 0, 0, 2), (report.Added, report.Changed, report.Unchanged, report.Rejected));

        var dryRun = await ImportAsync(path, dryRun: true);
        Assert.Equal((0, 0, 0, 2), (dryRun.Added, dryRun.Changed, dryRun.Unchanged, dryRun.Rejected));
    }

    [Fact]
    public async Task Import_ValidRowsOnly_ImportsTheValidHouseholdAndReportsTheOther()
    {
        var rows = TwoHouseholds();
        rows[3][Column("户主关系")] = "户主"; // household 2 gets two heads
        var report = await ImportAsync(Csv(_dir, rows), ImportMode.ValidRowsOnly);

        Assert.True(report.Written);
        Assert.Equal((1, 1), (report.Added, report.Rejected));
        Assert.Contains(report.Problems, p => p.Rule == "head.several" && p.Row == 5 && p.Household == "41132130400002");
        await using var ctx = _db.NewContext();
        Assert.Equal(["41132130400001"], await ctx.Households.Select(h => h.Number).ToListAsync());
    }

    [Fact]
    public async Task Import_DryRun_ReportsAddsAndWritesNothing()
    {
        var report = await ImportAsync(Csv(_dir, TwoHouseholds()), dryRun: true);
        Assert.False(report.Written);
        Assert.Equal(2, report.Added);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondChangesNothing()
    {
        var path = Xlsx(_dir, TwoHouseholds());
        Assert.True((await ImportAsync(path)).Written);
        var before = await CountsAsync();

        var again = await ImportAsync(path);
        Assert.Equal((0, 0, 2), (again.Added, again.Changed, again.Unchanged));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_UpdatedFile_ChangesRecordedWithFileNameAsReason()
    {
        Assert.True((await ImportAsync(Csv(_dir, TwoHouseholds()))).Written);
        var rows = TwoHouseholds();
        foreach (var r in rows.Take(2)) r[Column("脱贫属性")] = "已脱贫(享受政策)";
        rows[1][Column("健康状况")] = "长期慢性病";
        var report = await ImportAsync(Csv(_dir, rows, name: "更新2018.csv"));

        Assert.True(report.Written, Errors(report));
        Assert.Equal((0, 1, 1), (report.Added, report.Changed, report.Unchanged));
        await using var ctx = _db.NewContext();
        var changes = await ctx.Changes.Where(c => c.Action == "修改").ToListAsync();
        Assert.Contains(changes, c => c.Field == "Status" && c.OldValue == "未脱贫" && c.NewValue == "已脱贫(享受政策)" && c.Reason == "导入 更新2018.csv" && c.User == "test");
        Assert.Contains(changes, c => c.Field == "Health" && c.NewValue == "长期慢性病");
        Assert.Equal(2, changes.Count);
    }

    [Fact]
    public async Task Import_MessyXlsx_FullWidthLowerXSpacesMergedCellsBlankAndSubtotalRowsSerialDatesSplitHousehold()
    {
        var header = NationalHeader.Append("出生日期").Append("备注").ToArray();
        var idX = Enumerable.Range(1, 400).Select(i => Id(i, 21)).First(s => s.EndsWith('X'));
        var fullWidth = string.Concat(Id(5, 15).Select(c => (char)(c + 0xFEE0)));
        var birth = ResidentId.Parse(idX, new DateOnly(2018, 10, 8)).Id!.Value.BirthDate;
        object?[] Row(object?[] person, object? birthCell) => [.. person, birthCell, "备注文字"];

        var head1 = Person("41132130400001", "王大山 ", idX.ToLowerInvariant() + "  ", "户主");
        var merged = Person("41132130400001", "李秀英", Id(2, 12), "配偶");
        for (var i = 0; i <= Column("户编号"); i++) merged[i] = null; // merged cells: only the first row holds them
        merged[Column("户联系电话")] = null;
        var other = Person("41132130400002", "赵铁柱", fullWidth, "户主", size: 2);
        var split = Person("41132130400002", "孙桂花", Id(4, 14), "配偶");
        var rows = new List<object?[]>
        {
            Row(head1, birth.ToDateTime(TimeOnly.MinValue).ToOADate()),
            Row(merged, null),
            Row(new object?[NationalHeader.Length], null),
            Row(other, null),
            Row(Person("41132130400003", "周小红", Id(6, 16), "户主", size: 1), "1970-01-07"),
            Row(split, null),
            Row(["合计", null, null, null, null, null, null, 7], null),
        };
        var path = Xlsx(_dir, rows, titles: [["南召县贫困人口明细"]], header: header);

        var report = await ImportAsync(path);
        Assert.True(report.Written, Errors(report));
        Assert.Equal((3, 2), (report.Added, report.SkippedRows));
        Assert.Contains(report.Problems, p => p.Rule == "column.unknown" && p.Column == "备注");

        await using var ctx = _db.NewContext();
        var hs = await ctx.Households.Include(h => h.Members).ToDictionaryAsync(h => h.Number);
        Assert.Equal(2, hs["41132130400001"].Members.Count);
        Assert.Equal(2, hs["41132130400002"].Members.Count);
        var head = hs["41132130400001"].Members.Single(m => m.Relation == "户主");
        Assert.Equal(("王大山", idX, birth), (head.Name, head.IdNumber.ToString(), head.BirthDate));
        Assert.Equal(Id(5, 15), hs["41132130400002"].Members.Single(m => m.Relation == "户主").IdNumber.ToString());
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Import_IdStoredAsExcelNumber_ReportedNeverGuessed(string format)
    {
        var rows = TwoHouseholds();
        rows[0][Column("身份证号码")] = format == "csv" ? "4.11321E+17" : 411321197001021234d;
        var report = await ImportAsync(format == "csv" ? Csv(_dir, rows) : Xlsx(_dir, rows));

        Assert.False(report.Written);
        Assert.Contains(report.Problems, p => p.Rule == "id.numeric" && p.Row == 2 && p.Column == "身份证号码");
        Assert.Equal(0, (await CountsAsync()).Households);
    }

    [Fact]
    public async Task Import_CheckerRules_ReportedWithRowsAndCodes()
    {
        var rows = TwoHouseholds();
        rows[1][Column("身份证号码")] = Id(1, 11);           // same ID twice in household 1
        rows[3][Column("户主关系")] = "之子";                // household 2 has no head
        rows[2][Column("务工所在地")] = "广东省东莞市";       // place without months
        rows[2][Column("在校生状况")] = "小学";               // education and student status both filled
        rows[0][Column("户联系电话")] = "0377-6666";          // not 11 digits
        rows[0][Column("人数")] = 3;                          // two member rows
        rows[2][Column("户主关系")] = "之孙";                 // not in the relation table
        var report = await ImportAsync(Csv(_dir, rows));

        Assert.False(report.Written);
        var found = report.Problems.Select(p => (p.Row, p.Rule)).ToHashSet();
        Assert.Contains((3, "id.duplicate"), found);
        Assert.Contains((4, "head.missing"), found);
        Assert.Contains((4, "migrant.together"), found);
        Assert.Contains((4, "education.exclusive"), found);
        Assert.Contains((2, "phone.length"), found);
        Assert.Contains((2, "household.size"), found);
        Assert.Contains((4, "code.invalid"), found);
        Assert.Equal("文化程度和在校生状况须填写且只填写其中一项", report.Problems.First(p => p.Rule == "education.exclusive").Message);
    }

    [Fact]
    public async Task Import_SameIdAsMemberOfAnotherStoredHousehold_IsRejected()
    {
        await RegistryBuilder.AddHouseholdAsync(_db, h => h.Members[0].IdNumber = ResidentId.Parse(Id(1, 11), new DateOnly(2018, 1, 1)).Id);
        var report = await ImportAsync(Csv(_dir, TwoHouseholds()));
        Assert.False(report.Written);
        Assert.Contains(report.Problems, p => p.Rule == "id.other_household" && p.Row == 2);
    }

    /// <summary>More households than one batch holds, each of two persons with IDs unique in the file.</summary>
    static List<object?[]> ManyHouseholds(int count) =>
    [
        .. Enumerable.Range(0, count).SelectMany(i => new[]
        {
            Person($"4113213049{i:D5}", "户主" + i, Id(1000 + i, 11), "户主"),
            Person($"4113213049{i:D5}", "配偶" + i, Id(1000 + i, 12), "配偶"),
        }),
    ];

    [Fact]
    public async Task Import_SeveralBatches_AllWrittenWithOneHistoryEntryPerNewHousehold()
    {
        var report = await ImportAsync(Csv(_dir, ManyHouseholds(4500)));

        Assert.True(report.Written, Errors(report));
        Assert.Equal((4500, 9000, 4500), (report.Added, report.Members, report.Households));
        await using var ctx = _db.NewContext();
        Assert.Equal((4500, 9000), (await ctx.Households.CountAsync(), await ctx.Members.CountAsync()));
        var history = await ctx.Changes.Where(c => c.Action == "新增").ToListAsync();
        Assert.Equal(4500, history.Count);
        Assert.All(history, c => Assert.Equal("导入 households.csv", c.Reason));
        Assert.Equal(history.Select(c => c.HouseholdId).Distinct().Count(), history.Count);

        // The keys handed out in bulk leave the tables usable for ordinary inserts afterwards.
        await RegistryBuilder.AddHouseholdAsync(_db);
        Assert.Equal(4501, await ctx.Households.CountAsync());
    }

    [Fact]
    public async Task Import_IdRepeatedInALaterBatch_AllOrNothingWritesNothing_ValidRowsOnlyRejectsTheLaterHousehold()
    {
        var rows = ManyHouseholds(4500);
        rows[^1][Column("身份证号码")] = rows[0][Column("身份证号码")]; // the last household's spouse repeats the first head's ID

        var all = await ImportAsync(Csv(_dir, rows));
        Assert.False(all.Written);
        var repeat = Assert.Single(all.Problems, p => p.Rule == "id.duplicate");
        Assert.Equal(rows.Count + 1, repeat.Row);
        Assert.Contains("第2行", repeat.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await CountsAsync());

        var valid = await ImportAsync(Csv(_dir, rows, name: "again.csv"), ImportMode.ValidRowsOnly);
        Assert.True(valid.Written);
        Assert.Equal((4499, 1), (valid.Added, valid.Rejected));
        await using var ctx = _db.NewContext();
        Assert.False(await ctx.Households.AnyAsync(h => h.Number == "411321304904499"));
    }

    [Fact]
    public async Task Import_HouseholdRowsScatteredOverTheFile_ReadWholeAndImported()
    {
        var rows = ManyHouseholds(2500);
        var moved = rows[1];
        rows.RemoveAt(1);
        rows.Add(moved); // the first household's spouse at the very end, after two batches
        var report = await ImportAsync(Csv(_dir, rows));

        Assert.True(report.Written, Errors(report));
        Assert.Equal(2500, report.Added);
        await using var ctx = _db.NewContext();
        Assert.Equal(2, await ctx.Members.CountAsync(m => m.Household!.Number == "411321304900000"));
    }

    [Fact]
    public async Task Import_NumberRegisteredInAVillageOutsideTheImportersScope_IsRejected()
    {
        await RegistryBuilder.EnsureVillageAsync(_db, "411321304202", "别的村");
        await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Number = "41132130400001";
            h.VillageCode = "411321304202";
        });
        await using var ctx = _db.NewContext(Fupin.Accounts.AccessScope.For(1, Fupin.Accounts.Role.VillageCadre, [RegistryBuilder.Village]));
        ctx.Audit.User = "village";
        var report = await new ImportHouseholds(ctx, _db.Clock).HandleAsync(new ImportHouseholdsRequest(Csv(_dir, TwoHouseholds())), null, default);

        Assert.False(report.Written);
        Assert.Contains(report.Problems, p => p.Rule == "household.out_of_scope" && p.Row == 2);
    }

    [Fact]
    public async Task Import_NewVillageUnderKnownTownship_IsCreated_UnknownTownshipIsAnError()
    {
        var rows = TwoHouseholds();
        foreach (var r in rows.Take(2)) r[Column("行政村")] = "新建村";
        foreach (var r in rows.Skip(2)) r[Column("乡（镇）")] = "不存在乡";
        var report = await ImportAsync(Csv(_dir, rows), ImportMode.ValidRowsOnly);

        Assert.Contains(report.Problems, p => p.Rule == "village.unknown" && p.Message.Contains("不存在乡", StringComparison.Ordinal) && p.Message.Contains("石门村", StringComparison.Ordinal));
        await using var ctx = _db.NewContext();
        var village = await ctx.Regions.SingleAsync(r => r.Name == "新建村");
        Assert.Equal(RegistryBuilder.Township, village.ParentCode);
        Assert.Equal(village.Code, (await ctx.Households.SingleAsync()).VillageCode);
    }

    [Fact]
    public async Task Import_HeaderVariants_AnyOrder_Matched()
    {
        var order = Enumerable.Range(0, NationalHeader.Length).Reverse().ToArray();
        var header = order.Select(i => NationalHeader[i] switch
        {
            "身份证号码" => "证件 号码",
            "户主关系" => "与户主关系",
            "务工时间（月）" => "务工时间(月)",
            "脱贫属性" => "贫困户状态",
            var h => h,
        }).ToArray();
        var rows = TwoHouseholds().Select(r => order.Select(i => r[i]).ToArray());
        var report = await ImportAsync(Xlsx(_dir, rows, header: header));
        Assert.True(report.Written, Errors(report));
        Assert.Equal(2, report.Added);
    }
}
