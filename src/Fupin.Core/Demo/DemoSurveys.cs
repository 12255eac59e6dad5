using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Fupin.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Demo;

public sealed record DemoSurveysResult(int Surveys, int Surveyed, int Approving);

/// <summary>
/// The questionnaire and the county's 2018 satisfaction survey: drawn on 2018-09-14 (seed 20180914) over every
/// township, 2 villages each and 10 households per village; surveyed township by township from 2018-09-17, with
/// fieldwork still going on in the last townships on the business date (a few households not yet visited, in
/// 石门乡 too) and a couple of households away or refusing. About 93% approve; two villages hold more of the
/// households that do not, so the drill-down shows differences. Deterministic; does nothing when the survey is there.
/// </summary>
public sealed class DemoSurveys(AppDbContext db, TimeProvider clock)
{
    public const string SurveyName = "南召县2018年贫困户满意度调查";
    public const int Seed = 20180914;
    public const decimal DisapprovingShare = 0.068m;
    static readonly DateTimeOffset DrawnAt = new(2018, 9, 14, 2, 0, 0, TimeSpan.Zero);
    static readonly DateOnly FirstDay = new(2018, 9, 17);

    /// <summary>Townships (by code) still in the field on 2018-10-08, and how many households per village are still to visit.</summary>
    static readonly Dictionary<string, int> StillInField = new(StringComparer.Ordinal) { ["411321304"] = 3, ["411321308"] = 2, ["411321310"] = 4 };
    static readonly string[] Surveyors = ["李建国", "王秀芝", "张志强", "刘红梅", "陈永刚", "杨丽"];
    static readonly string[] UnreachedReasons = ["外出务工（举家外出）", "拒绝访问"];

    public async Task<DemoSurveysResult> SeedAsync(CancellationToken ct)
    {
        var county = DemoCounty.CountyCode;
        const string by = "演示数据";
        var existing = await db.SatisfactionSurveys.Where(s => s.CountyCode == county && s.Name == SurveyName).Select(s => s.Id).FirstOrDefaultAsync(ct);
        if (existing != 0) return await CountAsync(existing, ct);
        if (!await db.Households.AnyAsync(h => h.CountyCode == county, ct)) return new DemoSurveysResult(0, 0, 0);

        var templateId = await DefaultSurveyTemplate.EnsureAsync(db, county, by, ct);
        var drawn = await new DrawSatisfactionSurvey(db, clock).HandleAsync(new DrawSatisfactionSurveyRequest(county, 2018, SurveyName, templateId, Seed,
            new SurveyParameters(VillagesPerTownship: 2, HouseholdsPerVillage: 10), "县扶贫办（演示）", Role.CountyAdmin), ct);
        if (!drawn.IsOk) throw new InvalidOperationException("demo survey: " + drawn.Failure.Message);

        var questions = await SurveyQuestionnaire.LoadAsync(db, templateId, ct);
        var today = clock.Today();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var survey = await db.SatisfactionSurveys.FirstAsync(s => s.Id == drawn.Value.Id, ct);
        survey.DrawnAt = DrawnAt;
        var rows = await db.SurveyedHouseholds.Where(h => h.SurveyId == survey.Id).OrderBy(h => h.VillageCode).ThenBy(h => h.Slot).ToListAsync(ct);
        var ids = rows.Select(r => r.HouseholdId).ToList();
        var status = await db.Households.Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Status, ct);
        var random = new Random(Seed);

        // Who is visited: all but the last few of each village in the townships still in the field; two away or refusing.
        var villages = rows.Select(r => r.VillageCode).Distinct(StringComparer.Ordinal).ToList();
        var townships = villages.Select(v => v[..9]).Distinct(StringComparer.Ordinal).ToList();
        var visited = rows.Where(r => r.Slot <= rows.Count(x => x.VillageCode == r.VillageCode) - StillInField.GetValueOrDefault(r.VillageCode[..9])).ToList();
        var unreached = new HashSet<SurveyedHousehold> { visited[visited.Count / 3], visited[(visited.Count * 2 / 3) + 1] };
        var answered = visited.Where(r => !unreached.Contains(r)).ToList();

        // Who does not approve: three in each of two villages, the rest spread.
        var disapproving = (int)Math.Round(answered.Count * DisapprovingShare, MidpointRounding.AwayFromZero);
        var weak = new[] { villages[villages.Count / 4], villages[(villages.Count * 3 / 4) - 1] };
        var no = new HashSet<SurveyedHousehold>();
        foreach (var v in weak) foreach (var r in answered.Where(r => r.VillageCode == v).Take(3)) no.Add(r);
        var others = answered.Where(r => !weak.Contains(r.VillageCode)).ToList();
        while (no.Count < disapproving && no.Count < answered.Count && others.Count > 0) no.Add(others[random.Next(others.Count)]);

        foreach (var r in visited)
        {
            var day = FirstDay.AddDays(townships.IndexOf(r.VillageCode[..9]) * 21 / Math.Max(1, townships.Count));
            r.SurveyedOn = day > today ? today : day;
            r.Surveyor = Surveyors[townships.IndexOf(r.VillageCode[..9]) % Surveyors.Length] + "、" + Surveyors[(townships.IndexOf(r.VillageCode[..9]) + 2) % Surveyors.Length];
            r.Version = 1;
            if (unreached.Contains(r))
            {
                r.Note = UnreachedReasons[unreached.Count(u => u.Id < r.Id) % UnreachedReasons.Length];
                continue;
            }
            var approves = !no.Contains(r);
            r.Approves = approves;
            var exited = status.GetValueOrDefault(r.HouseholdId) is PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy;
            foreach (var q in questions)
            {
                var value = Answer(random, q.Code, approves, exited);
                if (value is null || !q.Choices.Contains(value, StringComparer.Ordinal)) continue;
                db.SurveyAnswers.Add(new SurveyAnswer { SurveyedHouseholdId = r.Id, CountyCode = r.CountyCode, QuestionCode = q.Code, Value = value });
            }
            if (!approves) r.Note = random.Next(2) == 0 ? "反映帮扶干部上门次数少" : "认为产业帮扶收益不稳定";
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await CountAsync(survey.Id, ct);
    }

    static string? Answer(Random r, string code, bool approves, bool exited)
    {
        string Pick(params (string Value, int Weight)[] items)
        {
            var x = r.Next(items.Sum(i => i.Weight));
            foreach (var (value, weight) in items)
            {
                if (x < weight) return value;
                x -= weight;
            }
            return items[^1].Value;
        }
        return code switch
        {
            "registered" => Pick(("是", 98), ("否", 2)),
            "cadre_known" => approves ? Pick(("是", 96), ("否", 4)) : Pick(("是", 70), ("否", 30)),
            "cadre_visits" => approves ? Pick(("经常上门", 78), ("偶尔上门", 22)) : Pick(("经常上门", 10), ("偶尔上门", 55), ("从未上门", 35)),
            "team_known" => approves ? Pick(("是", 92), ("否", 8)) : Pick(("是", 60), ("否", 40)),
            "measures_known" => approves ? Pick(("是", 93), ("否", 7)) : Pick(("是", 55), ("否", 45)),
            "measures" => approves ? Pick(("满意", 74), ("基本满意", 26)) : Pick(("基本满意", 45), ("不满意", 55)),
            "exit" => !exited ? "不适用" : approves ? Pick(("认可", 86), ("基本认可", 14)) : Pick(("基本认可", 50), ("不认可", 50)),
            "cadres" => approves ? Pick(("满意", 80), ("基本满意", 20)) : Pick(("满意", 10), ("基本满意", 50), ("不满意", 40)),
            "policy_education" => Pick(("不适用", 40), ("满意", approves ? 45 : 30), ("基本满意", 15), ("不满意", approves ? 0 : 15)),
            "policy_health" => approves ? Pick(("满意", 70), ("基本满意", 29), ("不满意", 1)) : Pick(("满意", 30), ("基本满意", 50), ("不满意", 20)),
            "policy_housing" => approves ? Pick(("满意", 75), ("基本满意", 24), ("不满意", 1)) : Pick(("满意", 35), ("基本满意", 40), ("不满意", 25)),
            "policy_water" => approves ? Pick(("满意", 70), ("基本满意", 27), ("不满意", 3)) : Pick(("满意", 30), ("基本满意", 45), ("不满意", 25)),
            DefaultSurveyTemplate.ApprovalCode => approves ? Pick(("认可", 82), ("基本认可", 18)) : "不认可",
            _ => null,
        };
    }

    async Task<DemoSurveysResult> CountAsync(long surveyId, CancellationToken ct)
    {
        var surveyed = await db.SurveyedHouseholds.CountAsync(h => h.SurveyId == surveyId && h.Approves != null, ct);
        var approving = await db.SurveyedHouseholds.CountAsync(h => h.SurveyId == surveyId && h.Approves == true, ct);
        return new DemoSurveysResult(1, surveyed, approving);
    }
}
