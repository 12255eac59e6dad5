using System.Globalization;
using System.Security.Cryptography;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Verification;

/// <param name="Type">The list type's key (<see cref="ListTypes"/>).</param>
/// <param name="Path">The file (.xlsx or .csv).</param>
/// <param name="AsOf">数据截止日期; today when not given.</param>
/// <param name="Region">The region the list covers; the only county in the database when not given.</param>
/// <param name="Department">来源部门; the type's usual department when not given.</param>
/// <param name="FileName">The name to record (default: the path's file name).</param>
/// <param name="Via">文件上传, 命令行 or 接口.</param>
public sealed record ImportDepartmentListRequest(
    string Type, string Path, DateOnly? AsOf = null, string? Region = null, string? Department = null, string? FileName = null, string Via = "命令行");

/// <summary>A row the list import refused, or a column it ignored.</summary>
public sealed record ListProblem(int? Row, string? Column, string Code, string Message);

public sealed record ImportDepartmentListReport(
    long ListId, string Type, string Title, string RegionCode, DateOnly AsOf, string FileName,
    int Rows, int Refused, int Skipped, IReadOnlyList<ListProblem> Problems);

/// <summary>
/// Loads one department list (docs/verification.md, "Department lists"): the header is found among
/// the first rows with the registry import's tolerance; a file without 姓名, 身份证号码 or one of the
/// type's required columns is refused whole; a row with an invalid ID number or value is refused and
/// reported, the others are kept. Everything is written in one transaction (binary COPY on
/// PostgreSQL), so a failed or cancelled load leaves nothing; the same file loaded twice as the same
/// type is refused. One entry in the audit log records the load.
/// </summary>
public sealed class ImportDepartmentList(AppDbContext db, TimeProvider clock)
{
    const int BatchSize = 5000;
    const int HeaderSearchRows = 10;
    const int MaxProblems = 1000;

    public async Task<Result<ImportDepartmentListReport>> HandleAsync(ImportDepartmentListRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var today = clock.Today();
        var type = ListTypes.Find(request.Type);
        if (type is null)
        {
            return Result.Invalid([new FieldError(nameof(request.Type), "list.type_unknown",
                $"没有名单类型“{request.Type}”，可选：{string.Join("，", ListTypes.All.Select(t => $"{t.Key}（{t.Title}）"))}")]);
        }
        var asOf = request.AsOf ?? today;
        if (asOf > today)
            return Result.Invalid([new FieldError(nameof(request.AsOf), "list.as_of_future", $"数据截止日期{asOf:yyyy-MM-dd}晚于今天")]);
        if (!File.Exists(request.Path))
            return Result.Invalid([new FieldError(nameof(request.Path), "file.missing", $"找不到文件“{request.Path}”")]);

        var region = await ResolveRegionAsync(request.Region, ct);
        if (!region.IsOk) return region.Failure;
        var regionCode = region.Value;

        var fileName = request.FileName ?? System.IO.Path.GetFileName(request.Path);
        string sha;
        await using (var file = File.OpenRead(request.Path))
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
        var same = await db.DepartmentLists.AsNoTracking()
            .Where(l => l.Type == type.Key && l.Sha256 == sha)
            .Select(l => new { l.Id, l.LoadedAt, l.FileName }).FirstOrDefaultAsync(ct);
        if (same is not null)
            return Result.Conflict($"同一文件已于 {same.LoadedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} 作为第 {same.Id} 号{type.Title}名单导入（{same.FileName}），未重复导入");

        IEnumerator<SheetRow> rows;
        try
        {
            rows = SheetReader.ReadRows(request.Path).GetEnumerator();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException)
        {
            return Result.Invalid([new FieldError(nameof(request.Path), "file.unreadable", $"无法读取文件“{fileName}”：{e.Message}")]);
        }
        using var _ = rows;
        var header = FindHeader(type, rows);
        if (header is null)
        {
            return Result.Invalid([new FieldError(nameof(request.Path), "header.missing",
                $"前{HeaderSearchRows}行中没有找到表头：{type.Title}名单至少需要“姓名”和“身份证号码”两列")]);
        }
        var missing = type.RequiredColumns.Where(c => !header.Columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return Result.Invalid([.. missing.Select(c => new FieldError(nameof(request.Path), "column.missing",
                $"{type.Title}名单缺少必需的列“{c.Header}”{(c.Variants.Length > 0 ? $"（也可写作：{string.Join("、", c.Variants)}）" : "")}"))]);
        }

        var problems = header.Unknown.Select(i => new ListProblem(header.RowNumber, header.Texts[i], "column.unknown",
            $"无法识别的列“{header.Texts[i]}”，已忽略")).ToList();
        var now = clock.GetUtcNow();
        var list = new DepartmentList
        {
            Type = type.Key,
            Department = string.IsNullOrWhiteSpace(request.Department) ? type.Department : request.Department.Trim(),
            RegionCode = regionCode,
            AsOf = asOf,
            FileName = fileName,
            Sha256 = sha,
            Via = request.Via,
            LoadedBy = db.Audit.User,
            LoadedAt = now,
        };

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.DepartmentLists.Add(list);
        await db.SaveChangesAsync(ct);

        int kept = 0, refused = 0, skipped = 0;
        await using (var writer = new BulkWriter(db))
        {
            var nextId = await writer.NextIdAsync<DepartmentListRow>(ct);
            var batch = new List<DepartmentListRow>(BatchSize);
            while (rows.MoveNext())
            {
                ct.ThrowIfCancellationRequested();
                var row = rows.Current;
                var parsed = ParseRow(type, header, row, today, out var problem);
                if (parsed is null)
                {
                    if (problem is null) skipped++;
                    else
                    {
                        refused++;
                        if (problems.Count < MaxProblems) problems.Add(problem);
                    }
                    continue;
                }
                parsed.Id = nextId++;
                parsed.ListId = list.Id;
                batch.Add(parsed);
                if (batch.Count == BatchSize)
                {
                    await writer.InsertAsync(batch, ct);
                    kept += batch.Count;
                    batch.Clear();
                    progress?.Report($"已读入 {kept} 行");
                }
            }
            await writer.InsertAsync(batch, ct);
            kept += batch.Count;
            await writer.AdvanceIdentityAsync<DepartmentListRow>(ct);
        }

        if (kept == 0)
        {
            await tx.RollbackAsync(ct);
            var errors = new List<FieldError> { new(nameof(request.Path), "list.empty", $"文件“{fileName}”中没有可用的数据行（拒收 {refused} 行）") };
            errors.AddRange(problems.Where(p => p.Code != "column.unknown").Take(20).Select(p => new FieldError(nameof(request.Path), p.Code, $"第{p.Row}行：{p.Message}")));
            return Result.Invalid(errors);
        }

        list.Rows = kept;
        list.Refused = refused;
        db.Changes.Add(new ChangeRecord
        {
            CountyCode = ChangeRecord.CountyOf(regionCode),
            At = now,
            User = db.Audit.User,
            Entity = nameof(DepartmentList),
            EntityId = list.Id,
            Action = "新增",
            NewValue = string.Create(CultureInfo.InvariantCulture,
                $"{list.Department} {type.Title}名单（截至{asOf:yyyy-MM-dd}，{regionCode}）：{kept}行，拒收{refused}行"),
            Reason = $"{request.Via}导入 {fileName}",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        progress?.Report($"{type.Title}名单导入完成：{kept} 行，拒收 {refused} 行");
        return new ImportDepartmentListReport(list.Id, type.Key, type.Title, regionCode, asOf, fileName, kept, refused, skipped, problems);
    }

    async Task<Result<string>> ResolveRegionAsync(string? code, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(code))
        {
            code = code.Trim();
            var exists = await db.Regions.AnyAsync(r => r.Code == code, ct);
            if (!exists || !db.Scope.Covers(code))
                return Result.Invalid([new FieldError("Region", "region.unknown", $"区划代码“{code}”不存在或不在您的管理范围内")]);
            return code;
        }
        var counties = await db.Regions.Where(r => r.Level == RegionLevel.County).Select(r => r.Code).Take(2).ToListAsync(ct);
        if (counties.Count == 1 && db.Scope.Covers(counties[0])) return counties[0];
        return Result.Invalid([new FieldError("Region", "region.required", "请指定名单覆盖的地区（县、乡镇的区划代码）")]);
    }

    sealed record ListHeader(int RowNumber, Dictionary<ListColumn, int> Columns, string[] Texts, List<int> Unknown);

    static ListHeader? FindHeader(ListType type, IEnumerator<SheetRow> rows)
    {
        for (var k = 0; k < HeaderSearchRows && rows.MoveNext(); k++)
        {
            var row = rows.Current;
            var texts = row.Cells.Select(c => SheetReader.Text(c) ?? "").ToArray();
            var columns = new Dictionary<ListColumn, int>();
            var unknown = new List<int>();
            for (var i = 0; i < texts.Length; i++)
            {
                if (texts[i].Length == 0) continue;
                if (ListTypes.Match(type, texts[i]) is { } c && columns.TryAdd(c, i)) continue;
                unknown.Add(i);
            }
            if (columns.ContainsKey(ListTypes.Name) && columns.ContainsKey(ListTypes.IdNumber))
                return new ListHeader(row.Number, columns, texts, unknown);
        }
        return null;
    }

    /// <summary>The row as stored; null with no problem for a blank or subtotal row, null with the problem for a refused one.</summary>
    static DepartmentListRow? ParseRow(ListType type, ListHeader header, SheetRow row, DateOnly today, out ListProblem? problem)
    {
        problem = null;
        object? Cell(ListColumn c) => header.Columns.TryGetValue(c, out var i) && i < row.Cells.Length ? row.Cells[i] : null;
        string? Text(ListColumn c) => SheetReader.Text(Cell(c));

        var idCell = Cell(ListTypes.IdNumber);
        var idText = SheetReader.Text(idCell);
        var name = Text(ListTypes.Name) ?? "";
        if (idText is null)
        {
            if (row.Cells.All(c => SheetReader.Text(c) is null) || name.Contains("合计", StringComparison.Ordinal) || name.Contains("小计", StringComparison.Ordinal))
                return null;
            problem = new ListProblem(row.Number, header.Texts[header.Columns[ListTypes.IdNumber]], "required", "身份证号码为空");
            return null;
        }
        var idColumn = header.Texts[header.Columns[ListTypes.IdNumber]];
        if (idCell is double || idText.Contains("E+", StringComparison.OrdinalIgnoreCase))
        {
            problem = new ListProblem(row.Number, idColumn, Rules.IdNumeric.Code, $"证件号码“{idText}”被存成了数字，末几位已丢失；请把该列设为文本后重新导出");
            return null;
        }
        var id = ResidentId.Parse(idText, today);
        if (id.Id is not { } resident)
        {
            problem = new ListProblem(row.Number, idColumn, Rules.IdInvalid.Code, $"证件号码“{idText}”有误：{id.MessageZh}");
            return null;
        }

        var entry = new DepartmentListRow { Row = row.Number, IdKey = resident.Key, Name = Clip(name, 64) };
        foreach (var column in type.Columns)
        {
            var text = Text(column);
            var label = header.Columns.TryGetValue(column, out var ci) ? header.Texts[ci] : column.Header;
            if (text is null)
            {
                if (column.Required)
                {
                    problem = new ListProblem(row.Number, label, Rules.Required.Code, $"“{label}”为空");
                    return null;
                }
                continue;
            }
            switch (column.Slot)
            {
                case ListSlot.Kind:
                    entry.Kind = Clip(text, 64);
                    break;
                case ListSlot.Status:
                    entry.Status = Clip(text, 64);
                    break;
                case ListSlot.Detail:
                    entry.Detail = Clip(text, 200);
                    break;
                case ListSlot.Date:
                    if (!Values.TryDate(Cell(column), text, out var date) || date > today)
                    {
                        problem = new ListProblem(row.Number, label, Rules.ValueInvalid.Code, $"“{label}”的值“{text}”不是有效日期");
                        return null;
                    }
                    entry.Date = date;
                    break;
            }
        }

        if (type.Key == ListTypes.Deaths && !(entry.Kind!.Contains("死亡", StringComparison.Ordinal) || entry.Kind.Contains("迁出", StringComparison.Ordinal)))
        {
            problem = new ListProblem(row.Number, "注销原因", Rules.ValueInvalid.Code, $"注销原因“{entry.Kind}”应为“死亡”或“迁出”");
            return null;
        }
        if (type.Key == ListTypes.UnsafeHousing && !entry.Kind!.AsSpan().ContainsAny("CDＣＤ"))
        {
            problem = new ListProblem(row.Number, "危房等级", Rules.ValueInvalid.Code, $"危房等级“{entry.Kind}”应为C级或D级");
            return null;
        }
        return entry;
    }

    static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
