using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <summary>One checklist answer: the item, met or not, and the evidence (e.g. “2017年硬化4.5公里”).</summary>
public sealed record ChecklistAnswerInput(int ItemId, bool Met, string? Evidence);

public sealed record RecordVillageChecklistRequest(string VillageCode, int Year, IReadOnlyList<ChecklistAnswerInput> Answers, string User);

public sealed record VillageChecklistSaved(string VillageCode, int Year, int Saved);

/// <summary>
/// Records a village's answers to its province's exit checklist for a year (one row per village × year
/// × item, replaced when answered again), all in one save: an unknown or retired item, a village
/// outside the user's regions or a bad year changes nothing.
/// </summary>
public sealed class RecordVillageChecklist(AppDbContext db, TimeProvider clock)
{
    public const int MaxEvidence = 500;

    public async Task<Result<VillageChecklistSaved>> HandleAsync(RecordVillageChecklistRequest request, CancellationToken ct)
    {
        var code = request.VillageCode.Trim();
        var village = code.Length == 12 && db.Scope.Covers(code)
            ? await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == code && r.Level == RegionLevel.Village, ct)
            : null;
        if (village is null) return Result.NotFound($"村{code}不存在或不在您的管辖范围内");

        var items = await ChecklistItemsAsync(db, code, ct);
        var errors = new List<FieldError>();
        if (request.Year is < 2014 or > 2100 || request.Year > clock.Today().Year + 1)
            errors.Add(new FieldError(nameof(request.Year), "year.invalid", $"年度{request.Year.ToString(CultureInfo.InvariantCulture)}无效"));
        if (request.Answers.Count == 0)
            errors.Add(new FieldError(nameof(request.Answers), "checklist.empty", "没有要保存的检查项"));
        foreach (var group in request.Answers.GroupBy(a => a.ItemId).Where(g => g.Count() > 1))
            errors.Add(new FieldError(nameof(request.Answers), "checklist.duplicate", $"检查项{group.Key.ToString(CultureInfo.InvariantCulture)}重复"));
        foreach (var a in request.Answers)
        {
            if (!items.Any(i => i.Id == a.ItemId))
                errors.Add(new FieldError(nameof(request.Answers), "checklist.item_unknown", $"检查项{a.ItemId.ToString(CultureInfo.InvariantCulture)}不是本省有效的贫困村退出检查项"));
            if (a.Evidence is { Length: > MaxEvidence })
                errors.Add(new FieldError(nameof(request.Answers), "checklist.evidence_too_long", $"佐证说明不能超过{MaxEvidence}字"));
        }
        if (errors.Count > 0) return Result.Invalid(errors);

        var ids = request.Answers.Select(a => a.ItemId).ToList();
        var existing = await db.VillageChecklistAnswers
            .Where(a => a.VillageCode == code && a.Year == request.Year && ids.Contains(a.ItemId))
            .ToDictionaryAsync(a => a.ItemId, ct);
        var now = clock.GetUtcNow();
        var user = request.User.Length > 64 ? request.User[..64] : request.User;
        foreach (var a in request.Answers)
        {
            if (!existing.TryGetValue(a.ItemId, out var row))
            {
                row = new VillageChecklistAnswer { CountyCode = code[..6], VillageCode = code, Year = request.Year, ItemId = a.ItemId, RecordedBy = user };
                db.VillageChecklistAnswers.Add(row);
            }
            row.Met = a.Met;
            row.Evidence = string.IsNullOrWhiteSpace(a.Evidence) ? null : a.Evidence.Trim();
            row.RecordedBy = user;
            row.RecordedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return new VillageChecklistSaved(code, request.Year, request.Answers.Count);
    }

    /// <summary>The active items of the village's province; the national list ("00") when the province has none.</summary>
    public static async Task<List<VillageChecklistItem>> ChecklistItemsAsync(AppDbContext db, string regionCode, CancellationToken ct)
    {
        var province = regionCode[..2];
        var items = await db.VillageChecklistItems.AsNoTracking().Where(i => i.Active && (i.ProvinceCode == province || i.ProvinceCode == "00"))
            .ToListAsync(ct);
        var own = items.Where(i => i.ProvinceCode == province).ToList();
        return [.. (own.Count > 0 ? own : items).OrderBy(i => i.Order).ThenBy(i => i.Id)];
    }
}
