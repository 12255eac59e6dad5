using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Supervision;

public sealed record ExportSurveyResultsRequest(long SurveyId, string? Region, string User);

public sealed record SurveyResultsExport(byte[] Content, int Households, string FileName);

/// <summary>
/// A survey's results as a workbook: 调查结果 (one row per sampled household with its answers, one column per
/// question; names only, no ID numbers) and 认可度 (the region, its townships and villages: sampled, surveyed,
/// approving, rate). Text a spreadsheet would run as a formula is neutralised; the export is logged.
/// </summary>
public sealed class ExportSurveyResults(AppDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Entity = "SatisfactionSurvey";
    public static readonly string[] HouseholdColumns = ["乡镇", "村", "序号", "户编号", "户主", "脱贫状态", "调查日期", "调查人", "结果"];
    public static readonly string[] RateColumns = ["级别", "区划代码", "名称", "抽样户", "已调查户", "认可户", "不认可户", "未能调查户", "未调查户", "认可度"];

    public async Task<Result<SurveyResultsExport>> HandleAsync(ExportSurveyResultsRequest request, CancellationToken ct)
    {
        var rates = await new GetSurveyRates(db).HandleAsync(new GetSurveyRatesRequest(request.SurveyId, request.Region), ct);
        if (!rates.IsOk) return rates.Failure;
        var r = rates.Value;
        var inv = CultureInfo.InvariantCulture;
        var questionColumns = r.Questions.Select((q, i) => $"{(i + 1).ToString(inv)}. {q.Text}").ToList();

        var households = r.Households.Select(h =>
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["乡镇"] = h.Township, ["村"] = h.Village, ["序号"] = h.Slot, ["户编号"] = h.HouseholdNumber, ["户主"] = Values.Neutralize(h.Head),
                ["脱贫状态"] = h.StatusLabel, ["调查日期"] = h.SurveyedOn?.ToString("yyyy-MM-dd", inv), ["调查人"] = Values.Neutralize(h.Surveyor), ["结果"] = h.ResultLabel,
            };
            for (var i = 0; i < r.Questions.Count; i++) row[questionColumns[i]] = Values.Neutralize(h.Answers.GetValueOrDefault(r.Questions[i].Code));
            row["备注"] = Values.Neutralize(h.Note);
            return row;
        }).ToList();
        if (households.Count == 0)
            households.Add(HouseholdColumns.Concat(questionColumns).Append("备注").ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal));

        var tallies = new List<(string Level, SurveyTally Tally)> { (LevelName(r.RegionCode), r.Total) };
        foreach (var group in r.Households.GroupBy(h => h.VillageCode[..9], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (r.RegionCode.Length < 9) tallies.Add(("乡镇", Tally(group.Key, group.First().Township, group)));
            if (r.RegionCode.Length < 12)
            {
                foreach (var village in group.GroupBy(h => h.VillageCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                    tallies.Add(("村", Tally(village.Key, village.First().Village, village)));
            }
        }
        var rateRows = tallies.Select(t => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["级别"] = t.Level, ["区划代码"] = t.Tally.Code, ["名称"] = t.Tally.Name, ["抽样户"] = t.Tally.Sampled, ["已调查户"] = t.Tally.Surveyed,
            ["认可户"] = t.Tally.Approving, ["不认可户"] = t.Tally.Disapproving, ["未能调查户"] = t.Tally.Unreached, ["未调查户"] = t.Tally.Pending,
            ["认可度"] = t.Tally.RateText,
        }).ToList();

        var sheets = new Dictionary<string, object>(StringComparer.Ordinal) { ["调查结果"] = households, ["认可度"] = rateRows };
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheets, configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None }, cancellationToken: ct);

        AccountLog.Add(db, request.User, Entity, r.Survey.Id, AccountLog.Exported, field: "满意度调查结果", newValue: r.RegionCode,
            reason: $"导出“{r.Survey.Name}”调查结果（{r.RegionName}）：{r.Households.Count.ToString(inv)}户，认可度{r.Total.RateText}");
        await db.SaveChangesAsync(ct);
        return new SurveyResultsExport(stream.ToArray(), r.Households.Count,
            $"满意度调查-{r.Survey.Year.ToString(inv)}-{r.RegionCode}-{clock.Today().ToString("yyyyMMdd", inv)}.xlsx");
    }

    static string LevelName(string code) => code.Length switch { 6 => "县", 9 => "乡镇", _ => "村" };

    static SurveyTally Tally(string code, string name, IEnumerable<SurveyHouseholdRow> rows) => SurveyTally.Of(code, name,
        rows.Select(h => new SurveyedHousehold { CountyCode = "", VillageCode = h.VillageCode, SurveyedOn = h.SurveyedOn, Approves = h.Approves }));
}
