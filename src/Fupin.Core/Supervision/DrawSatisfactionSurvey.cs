using System.Globalization;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>
/// How a satisfaction survey is drawn. Villages are drawn within each township (all of them when
/// <paramref name="VillagesPerTownship"/> is null); households within each drawn village, either
/// <paramref name="HouseholdsPerVillage"/> in every village or <paramref name="Households"/> in all, shared
/// among the villages in proportion to their registered households.
/// </summary>
/// <param name="ExitedShare">Share of a village's households drawn from exited households (已脱贫, with or without
/// policies); null: in proportion to the village's own mix. A frame that runs short is filled from the other.</param>
public sealed record SurveyParameters(
    int? VillagesPerTownship = SurveyParameters.DefaultVillagesPerTownship,
    int? HouseholdsPerVillage = null,
    int? Households = null,
    decimal? ExitedShare = null)
{
    public const int DefaultVillagesPerTownship = 2;
    public const int DefaultHouseholdsPerVillage = 10;
}

/// <param name="TemplateId">The questionnaire; null: the county's active survey template (the default one is made when there is none).</param>
/// <param name="Seed">The random seed; null draws one (stored, so the sample can be drawn again).</param>
public sealed record DrawSatisfactionSurveyRequest(
    string CountyCode, int Year, string? Name, long? TemplateId, int? Seed, SurveyParameters? Parameters, string User, Role Role);

public sealed record SatisfactionSurveyDrawn(long Id, string Name, int Seed, long TemplateId, int Villages, int Households, int Exited, int NotExited);

/// <summary>
/// Draws the households of a satisfaction survey: stratified by township and village, from registered households
/// of every status (those exited without policies were poor too), split between exited and not-exited households.
/// One seeded generator runs over lists in code and number order, so the same seed over the same registry draws
/// the same sample. Saved in one transaction.
/// </summary>
public sealed class DrawSatisfactionSurvey(AppDbContext db, TimeProvider clock)
{
    public const int MaxHouseholds = 20_000;
    public const int MaxPerVillage = 500;

    public async Task<Result<SatisfactionSurveyDrawn>> HandleAsync(DrawSatisfactionSurveyRequest request, CancellationToken ct)
    {
        if (!SupervisionRoles.CanManageSurveys(request.Role))
            return Result.Invalid([new FieldError(nameof(request.CountyCode), SupervisionRoles.NotAllowedCode, "只有县扶贫办和督查人员可以抽取满意度调查样本")]);
        var county = (request.CountyCode ?? "").Trim();
        var p = request.Parameters ?? new SurveyParameters();
        var inv = CultureInfo.InvariantCulture;
        if (county.Length != 6 || !county.All(char.IsAsciiDigit))
            return Result.Invalid([new FieldError(nameof(request.CountyCode), "county.invalid", $"“{county}”不是6位县级区划代码")]);
        if (!db.Scope.Covers(county)) return Result.NotFound($"县{county}不存在或不在您的管辖范围内");
        var countyName = await db.Regions.AsNoTracking().Where(r => r.Code == county && r.Level == RegionLevel.County).Select(r => r.Name).FirstOrDefaultAsync(ct);
        if (countyName is null) return Result.NotFound($"县{county}不存在或不在您的管辖范围内");

        var errors = new List<FieldError>();
        var today = clock.Today();
        if (request.Year is < 2014 || request.Year > today.Year)
            errors.Add(new FieldError(nameof(request.Year), "year.invalid", $"年度应在2014到{today.Year.ToString(inv)}之间"));
        if (p.VillagesPerTownship is < 1 or > 100)
            errors.Add(new FieldError(nameof(p.VillagesPerTownship), "survey.villages_per_township", "每个乡镇抽查村数应在1到100之间（不填为全部村）"));
        if (p.HouseholdsPerVillage is not null && p.Households is not null)
            errors.Add(new FieldError(nameof(p.Households), "survey.households_both", "“每村户数”和“总户数”只填一项"));
        if (p.HouseholdsPerVillage is < 1 or > MaxPerVillage)
            errors.Add(new FieldError(nameof(p.HouseholdsPerVillage), "survey.per_village", $"每村户数应在1到{MaxPerVillage}之间"));
        if (p.Households is < 1 or > MaxHouseholds)
            errors.Add(new FieldError(nameof(p.Households), "survey.households", $"总户数应在1到{MaxHouseholds}之间"));
        if (p.ExitedShare is < 0m or > 1m)
            errors.Add(new FieldError(nameof(p.ExitedShare), "survey.exited_share", "已脱贫户占比应在0和1之间"));
        var name = string.IsNullOrWhiteSpace(request.Name) ? $"{countyName}{request.Year.ToString(inv)}年贫困户满意度调查" : request.Name.Trim();
        if (name.Length > 100) errors.Add(new FieldError(nameof(request.Name), "survey.name_too_long", "调查名称不能超过100字"));

        ChecklistTemplate? template = null;
        List<SurveyQuestion> questions = [];
        if (request.TemplateId is { } tid)
        {
            template = await db.ChecklistTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tid && t.CountyCode == county, ct);
            questions = template is null ? [] : await SurveyQuestionnaire.LoadAsync(db, tid, ct);
            if (SurveyQuestionnaire.CheckTemplate(template, questions, nameof(request.TemplateId)) is { } bad) errors.Add(bad);
            else if (!template!.IsActive) errors.Add(new FieldError(nameof(request.TemplateId), "survey.template_inactive", $"问卷“{template.Name}”已停用"));
        }
        if (errors.Count > 0) return Result.Invalid(errors);

#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var villageCodes = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Village && r.Code.StartsWith(county))
            .Select(r => r.Code).ToListAsync(ct);
#pragma warning restore CA1310
        var households = await db.Households.AsNoTracking().Where(h => h.CountyCode == county)
            .Select(h => new { h.Id, h.Number, h.VillageCode, h.Status }).ToListAsync(ct);
        var byVillage = households.GroupBy(h => h.VillageCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(h => h.Number, StringComparer.Ordinal).ThenBy(h => h.Id).ToList(), StringComparer.Ordinal);
        var strata = villageCodes.Where(byVillage.ContainsKey).GroupBy(v => v[..9], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(v => v, StringComparer.Ordinal).ToList()).ToList();
        if (strata.Count == 0)
            return Result.Invalid([new FieldError(nameof(request.CountyCode), "survey.no_households", "该县没有建档立卡户，无法抽样")]);

        var seed = request.Seed ?? Random.Shared.Next();
        var random = new Random(seed);
        var chosen = new List<string>();
        foreach (var township in strata)
            chosen.AddRange(p.VillagesPerTownship is { } k ? Pick(random, township, k) : township);

        var quota = p.Households is { } total
            ? DrawEvaluationSample.Allocate(total, [.. chosen.Select(v => byVillage[v].Count)])
            : [.. chosen.Select(v => Math.Min(p.HouseholdsPerVillage ?? SurveyParameters.DefaultHouseholdsPerVillage, byVillage[v].Count))];

        var rows = new List<SurveyedHousehold>();
        int exitedCount = 0, notExitedCount = 0;
        for (var i = 0; i < chosen.Count; i++)
        {
            var list = byVillage[chosen[i]];
            var exited = list.Where(h => h.Status is PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy).ToList();
            var notExited = list.Where(h => h.Status is not (PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy)).ToList();
            var n = quota[i];
            var share = p.ExitedShare ?? (decimal)exited.Count / list.Count;
            var wantExited = Math.Min(exited.Count, (int)Math.Round(n * share, MidpointRounding.AwayFromZero));
            var wantNot = Math.Min(notExited.Count, n - wantExited);
            wantExited = Math.Min(exited.Count, n - wantNot);
            var picked = Pick(random, exited, wantExited).Concat(Pick(random, notExited, wantNot))
                .OrderBy(h => h.Number, StringComparer.Ordinal).ThenBy(h => h.Id).ToList();
            exitedCount += wantExited;
            notExitedCount += wantNot;
            var slot = 0;
            foreach (var h in picked)
                rows.Add(new SurveyedHousehold { CountyCode = county, VillageCode = chosen[i], HouseholdId = h.Id, Slot = ++slot });
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = request.User.Length > 64 ? request.User[..64] : request.User;
        var templateId = template?.Id
            ?? await db.ChecklistTemplates.Where(t => t.CountyCode == county && t.Kind == ChecklistKind.Survey && t.IsActive)
                .OrderByDescending(t => t.Id).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct)
            ?? await DefaultSurveyTemplate.EnsureAsync(db, county, user, ct);
        if (template is null)
        {
            var t = await db.ChecklistTemplates.AsNoTracking().FirstAsync(x => x.Id == templateId, ct);
            if (SurveyQuestionnaire.CheckTemplate(t, await SurveyQuestionnaire.LoadAsync(db, templateId, ct), nameof(request.TemplateId)) is { } bad)
                return Result.Invalid([bad]);
        }
        var survey = new SatisfactionSurvey
        {
            CountyCode = county, Year = request.Year, Name = name, TemplateId = templateId, Seed = seed,
            Parameters = JsonSerializer.Serialize(p), DrawnBy = user, DrawnAt = clock.GetUtcNow(),
        };
        db.SatisfactionSurveys.Add(survey);
        await db.SaveChangesAsync(ct);
        foreach (var r in rows) r.SurveyId = survey.Id;
        db.SurveyedHouseholds.AddRange(rows);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SatisfactionSurveyDrawn(survey.Id, name, seed, templateId, chosen.Count, rows.Count, exitedCount, notExitedCount);
    }

    /// <summary><paramref name="count"/> items without replacement by selection sampling (Knuth's algorithm S), in list order.</summary>
    static List<T> Pick<T>(Random random, IReadOnlyList<T> items, int count)
    {
        var result = new List<T>(Math.Min(count, items.Count));
        var needed = Math.Min(count, items.Count);
        for (var i = 0; i < items.Count && needed > 0; i++)
        {
            if (random.Next(items.Count - i) < needed)
            {
                result.Add(items[i]);
                needed--;
            }
        }
        return result;
    }
}
