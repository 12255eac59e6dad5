using System.Globalization;
using System.Text;
using Fupin.Common;
using Fupin.Data;
using Fupin.Regions;
using Fupin.Registry;
using MiniExcel = MiniExcelLibs.MiniExcel;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace Fupin.Imports;

/// <param name="RegionCode">Any region: county, township or village.</param>
/// <param name="Masked">ID numbers, phones and bank accounts masked (the default everywhere but the county's own transfer).</param>
public sealed record ExportRegistryRequest(string RegionCode, string OutPath, Layout Layout = Layout.National, PovertyStatus? Status = null, bool Masked = false);

public sealed record ExportRegistryResult(int Households, int Members, string Path);

/// <summary>
/// Writes households and members of a region as a member list (one row per person, household
/// columns repeated) to .xlsx or .csv (UTF-8 with BOM), in the national layout or Fupin's template.
/// Importing the file back changes nothing. ID numbers are text cells; text beginning with = + - @
/// gets an apostrophe so no spreadsheet runs it (the import removes it). Households are read in
/// pages, so memory does not grow with the region.
/// </summary>
public sealed class ExportRegistryFile(AppDbContext db)
{
    const int PageSize = 1000;

    public async Task<ExportRegistryResult> HandleAsync(ExportRegistryRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var regions = await db.Regions.AsNoTracking().Where(r => r.Level >= RegionLevel.County).ToDictionaryAsync(r => r.Code, StringComparer.Ordinal, ct);
        var columns = Columns.Exported(request.Layout);
        var headers = columns.Select(f => Columns.Header(f, request.Layout)).ToArray();
        var households = 0;
        var members = 0;

        IEnumerable<object?[]> Rows()
        {
            string? after = null;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var page = Page(request, after);
                if (page.Count == 0) yield break;
                foreach (var h in page)
                {
                    households++;
                    var income = h.Incomes.OrderByDescending(i => i.Year).FirstOrDefault();
                    foreach (var m in h.Members.OrderBy(m => m.IsHead ? 0 : 1).ThenBy(m => m.Id))
                    {
                        members++;
                        yield return [.. columns.Select(f => Value(f, h, m, income, regions, request.Masked))];
                    }
                }
                after = page[^1].Number;
                progress?.Report($"已导出 {households} 户 {members} 人");
            }
        }

        if (SheetReader.IsCsv(request.OutPath))
        {
            await using var stream = File.Create(request.OutPath);
            await using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            using var writer = Sep.New(',').Writer(o => o with { WriteHeader = false, Escape = true }).To(text);
            WriteCsvRow(writer, headers);
            foreach (var row in Rows()) WriteCsvRow(writer, row.Select(CsvText));
        }
        else
        {
            var sheet = Rows().Select(row =>
            {
                var d = new Dictionary<string, object?>(headers.Length, StringComparer.Ordinal);
                for (var i = 0; i < headers.Length; i++) d[headers[i]] = row[i];
                return (IDictionary<string, object?>)d;
            });
            await MiniExcel.SaveAsAsync(request.OutPath, sheet, sheetName: "成员名单", overwriteFile: true, cancellationToken: ct);
        }
        // Every export is logged, in the same history as registry changes.
        Accounts.AccountLog.Add(db, db.Audit.User, "Export", 0, Accounts.AccountLog.Exported,
            field: request.Masked ? "脱敏" : "明文",
            reason: $"导出 {request.RegionCode} {request.Layout} {Path.GetFileName(request.OutPath)}：{households} 户 {members} 人");
        await db.SaveChangesAsync(ct);
        return new ExportRegistryResult(households, members, request.OutPath);
    }

    List<Household> Page(ExportRegistryRequest request, string? after)
    {
#pragma warning disable CA1310, CA1309 // translated to SQL: ordinal on both engines
        var q = db.Households.AsNoTracking().Include(h => h.Members).Include(h => h.Incomes)
            .Where(h => h.VillageCode.StartsWith(request.RegionCode));
        if (request.Status is { } status) q = q.Where(h => h.Status == status);
        if (after is not null) q = q.Where(h => string.Compare(h.Number, after) > 0);
#pragma warning restore CA1310, CA1309
        return q.OrderBy(h => h.Number).Take(PageSize).AsSplitQuery().ToList();
    }

    static void WriteCsvRow(SepWriter writer, IEnumerable<string> cells)
    {
        using var row = writer.NewRow();
        var i = 0;
        foreach (var c in cells) row[i++].Set(c);
    }

    static string CsvText(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    static object? Value(Field f, Household h, Member m, IncomeRecord? income, Dictionary<string, Region> regions, bool masked)
    {
        static string YesNo(bool b) => b ? "是" : "否";
        static string? Label<T>(T value) where T : struct, Enum => Enum.IsDefined(value) ? CodeCatalog.Label(value) : null;
        static decimal Yuan(long fen) => fen / 100m;
        string? Name(string code) => regions.TryGetValue(code, out var r) ? r.Name : null;
        string? Sensitive(string? s) => masked ? Masking.Mask(s) : s;
        return f switch
        {
            Field.County => Name(h.CountyCode),
            Field.Township => Name(h.VillageCode[..9]),
            Field.Village => Values.Neutralize(Name(h.VillageCode)),
            Field.VillageCode => h.VillageCode,
            Field.HouseholdNumber => h.Number,
            Field.HouseholdSize => income?.HouseholdSize ?? h.Members.Count,
            Field.PersonNumber => m.Number,
            Field.Name => Values.Neutralize(m.Name),
            Field.IdNumber => m.IdNumber is { } id ? masked ? id.Masked : id.ToString() : null,
            Field.Relation => m.Relation,
            Field.Gender => Label(m.Gender),
            Field.BirthDate => m.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Field.Ethnicity => m.Ethnicity,
            Field.PoliticalStatus => m.PoliticalStatus,
            Field.Education => m.Education,
            Field.StudentStatus => m.StudentStatus,
            Field.Health => CodeCatalog.HealthLabel(m.Health),
            Field.LabourSkill => Label(m.LabourSkill),
            Field.MigrantWorkPlace => Values.Neutralize(m.MigrantWorkPlace),
            Field.MigrantWorkMonths => m.MigrantWorkMonths,
            Field.BasicMedical => YesNo(m.HasBasicMedical),
            Field.CriticalIllness => YesNo(m.HasCriticalIllness),
            Field.Pension => YesNo(m.HasPension),
            Field.Dibao => YesNo(m.IsDibao),
            Field.Tekun => YesNo(m.IsTekun),
            Field.MemberPhone => Values.Neutralize(Sensitive(m.Phone)),
            Field.Attribute => Label(h.Attribute),
            Field.Status => Label(h.Status),
            Field.Standard => Label(h.Standard),
            Field.IdentificationYear => h.IdentificationYear == 0 ? null : h.IdentificationYear,
            Field.PlannedExitYear => h.PlannedExitYear,
            Field.ExitYear => h.ExitYear,
            Field.MainCause => Label(h.MainCause),
            Field.OtherCauses => string.Join("、", h.OtherCauses.Order().Select(c => CodeCatalog.Label(c))),
            Field.HouseholdPhone => Values.Neutralize(Sensitive(h.Phone)),
            Field.BankName => Values.Neutralize(h.BankName),
            Field.BankAccount => Values.Neutralize(Sensitive(h.BankAccount)),
            Field.ArableLand => h.ArableLand,
            Field.IrrigatedLand => h.IrrigatedLand,
            Field.ForestLand => h.ForestLand,
            Field.ReturnedFarmland => h.ReturnedFarmland,
            Field.OrchardLand => h.OrchardLand,
            Field.PastureLand => h.PastureLand,
            Field.WaterSurface => h.WaterSurface,
            Field.RoadType => Enum.IsDefined(h.RoadType) ? CodeCatalog.Label(h.RoadType) : null,
            Field.DistanceToRoadKm => h.DistanceToRoadKm,
            Field.HousingArea => h.HousingArea,
            Field.HousingGrade => Label(h.HousingGrade),
            Field.SafeDrinkingWater => YesNo(h.SafeDrinkingWater),
            Field.HasPower => YesNo(h.HasPower),
            Field.Fuel => Enum.IsDefined(h.Fuel) ? CodeCatalog.Label(h.Fuel) : null,
            Field.HasSanitaryToilet => YesNo(h.HasSanitaryToilet),
            Field.InCooperative => YesNo(h.InCooperative),
            Field.IncomeYear => income?.Year,
            Field.Wage => income is null ? null : Yuan(income.Wage),
            Field.Production => income is null ? null : Yuan(income.Production),
            Field.AssetDividend => income is null ? null : Yuan(income.AssetDividend),
            Field.OtherProperty => income is null ? null : Yuan(income.OtherProperty),
            Field.FamilyPlanning => income is null ? null : Yuan(income.FamilyPlanning),
            Field.DibaoAllowance => income is null ? null : Yuan(income.DibaoAllowance),
            Field.TekunAllowance => income is null ? null : Yuan(income.TekunAllowance),
            Field.PensionIncome => income is null ? null : Yuan(income.PensionIncome),
            Field.EcoCompensation => income is null ? null : Yuan(income.EcoCompensation),
            Field.OtherTransfer => income is null ? null : Yuan(income.OtherTransfer),
            Field.ProductionCost => income is null ? null : Yuan(income.ProductionCost),
            Field.NetIncome => income is null ? null : Yuan(income.NetIncome),
            Field.PerCapitaIncome => income is null ? null : Yuan(income.PerCapitaNetIncome),
            _ => null,
        };
    }
}
