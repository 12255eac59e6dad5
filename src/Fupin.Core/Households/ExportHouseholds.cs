using System.Globalization;
using System.Text;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace Fupin.Households;

public sealed record ExportHouseholdsRequest(SearchHouseholdsRequest Filters, string FilterText, string User);

public sealed record HouseholdExport(byte[] Csv, int Rows, string FileName);

/// <summary>
/// The household search's results as CSV (UTF-8 with BOM, so Excel reads the Chinese): every row the
/// filters match in the user's scope, ID numbers and phones masked, cells that a spreadsheet would run
/// as a formula neutralised. The export is logged with its filters.
/// </summary>
public sealed class ExportHouseholds(AppDbContext db, SearchHouseholds search)
{
    public async Task<Result<HouseholdExport>> HandleAsync(ExportHouseholdsRequest request, CancellationToken ct)
    {
        var (query, failure) = search.Filter(request.Filters);
        if (failure is not null) return failure;

        var rows = await query.OrderBy(h => h.Number)
            .Select(h => new
            {
                h.Number,
                TownshipName = db.Regions.Where(r => r.Code == h.VillageCode.Substring(0, 9)).Select(r => r.Name).FirstOrDefault(),
                VillageName = db.Regions.Where(r => r.Code == h.VillageCode).Select(r => r.Name).FirstOrDefault(),
                // two scalar subqueries, not one object: see SearchHouseholds
                HeadName = h.Members.Where(m => m.Relation == MemberRules.Head).OrderBy(m => m.Id).Select(m => m.Name).FirstOrDefault(),
                HeadId = h.Members.Where(m => m.Relation == MemberRules.Head).OrderBy(m => m.Id).Select(m => m.IdNumber).FirstOrDefault(),
                MemberCount = h.Members.Count,
                h.Phone,
                h.Attribute,
                h.Status,
                h.MainCause,
                h.IdentificationYear,
                h.PlannedExitYear,
                h.ExitYear,
            })
            .AsNoTracking()
            .ToListAsync(ct);

        var inv = CultureInfo.InvariantCulture;
        using var text = new StringWriter(inv);
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text))
        {
            foreach (var r in rows)
            {
                await using var row = writer.NewRow(ct);
                row["户编号"].Set(Cell(r.Number));
                row["乡镇"].Set(Cell(r.TownshipName));
                row["行政村"].Set(Cell(r.VillageName));
                row["户主"].Set(Cell(r.HeadName));
                row["户主证件号码"].Set(Cell(r.HeadId?.Masked));
                row["联系电话"].Set(Cell(Masking.Mask(r.Phone)));
                row["人口"].Set(r.MemberCount.ToString(inv));
                row["贫困户属性"].Set(CodeCatalog.LabelOf(r.Attribute));
                row["脱贫状态"].Set(CodeCatalog.LabelOf(r.Status));
                row["主要致贫原因"].Set(CodeCatalog.LabelOf(r.MainCause));
                row["识别年度"].Set(r.IdentificationYear.ToString(inv));
                row["计划脱贫年度"].Set(r.PlannedExitYear?.ToString(inv) ?? "");
                row["脱贫年度"].Set(r.ExitYear?.ToString(inv) ?? "");
            }
        }
        var csv = rows.Count == 0 ? Header : text.ToString();

        AccountLog.Add(db, request.User, "Household", 0, AccountLog.Exported, newValue: request.FilterText, reason: $"导出 {rows.Count.ToString(inv)} 户");
        await db.SaveChangesAsync(ct);

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        var name = $"households-{db.Clock.Today().ToString("yyyyMMdd", inv)}.csv";
        return new HouseholdExport(bytes, rows.Count, name);
    }

    const string Header = "户编号,乡镇,行政村,户主,户主证件号码,联系电话,人口,贫困户属性,脱贫状态,主要致贫原因,识别年度,计划脱贫年度,脱贫年度\n";

    /// <summary>A cell a spreadsheet would take for a formula gets a leading apostrophe (CSV injection).</summary>
    public static string Cell(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value ?? "";
}
