using System.Globalization;
using System.Text.Json;
using Fupin.Common;
using Fupin.Data;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <summary>
/// How a sample is drawn (docs/assessment.md, "Sampling"). Defaults follow documented practice: about 25
/// villages per county (evaluators visit 24–26), about two thirds of them poor villages (the 2017
/// national batch: 755 poor of 1,158), and per village 10 exited households, 5 still-poor households
/// and 10 non-registered slots (about half the visits inside the registry and half outside).
/// </summary>
/// <param name="Villages">Villages in all, shared among townships in proportion to their villages (each township at least one while villages last).</param>
/// <param name="VillagesPerTownship">When set, this many villages in every township instead of <paramref name="Villages"/>.</param>
/// <param name="PoorVillageShare">Share of a township's sampled villages taken from its poor villages.</param>
public sealed record SampleParameters(
    int Villages = SampleParameters.DefaultVillages,
    int? VillagesPerTownship = null,
    decimal PoorVillageShare = SampleParameters.DefaultPoorVillageShare,
    int ExitedPerVillage = 10,
    int PoorPerVillage = 5,
    int NonRegisteredPerVillage = 10)
{
    public const int DefaultVillages = 25;
    public const decimal DefaultPoorVillageShare = 0.65m;
}

/// <param name="Seed">The random seed; null draws one (and stores it, so the sample can be drawn again).</param>
public sealed record DrawEvaluationSampleRequest(string CountyCode, int Year, int? Seed, SampleParameters? Parameters, string? Name, string User);

public sealed record EvaluationSampleDrawn(long Id, string Name, int Seed, int Villages, int Exited, int Poor, int NonRegistered);

/// <summary>
/// Draws the county's sample for the 错退 / 漏评 / 认可度 re-check: stratified by township, villages
/// drawn within each township (poor and non-poor mixed by <see cref="SampleParameters.PoorVillageShare"/>),
/// then in each village exited households, still-poor households and non-registered slots. Everything is
/// drawn from one seeded generator over lists in code order, so the same seed over the same registry
/// gives the same sample. Saved in one transaction.
/// </summary>
public sealed class DrawEvaluationSample(AppDbContext db, TimeProvider clock)
{
    public const int MaxVillages = 500;
    public const int MaxPerVillage = 200;

    public async Task<Result<EvaluationSampleDrawn>> HandleAsync(DrawEvaluationSampleRequest request, CancellationToken ct)
    {
        var county = request.CountyCode.Trim();
        var p = request.Parameters ?? new SampleParameters();
        var inv = CultureInfo.InvariantCulture;
        if (county.Length != 6 || !county.All(char.IsAsciiDigit))
            return Result.Invalid([new FieldError(nameof(request.CountyCode), "county.invalid", $"“{county}”不是6位县级区划代码")]);
        if (!db.Scope.Covers(county)) return Result.NotFound($"县{county}不存在或不在您的管辖范围内");
        var countyName = await db.Regions.AsNoTracking().Where(r => r.Code == county && r.Level == RegionLevel.County).Select(r => r.Name).FirstOrDefaultAsync(ct);
        if (countyName is null) return Result.NotFound($"县{county}不存在或不在您的管辖范围内");

        var errors = new List<FieldError>();
        if (request.Year is < 2014 or > 2100 || request.Year > clock.Today().Year)
            errors.Add(new FieldError(nameof(request.Year), "year.invalid", $"年度{request.Year.ToString(inv)}无效"));
        if (p.VillagesPerTownship is null && p.Villages is < 1 or > MaxVillages)
            errors.Add(new FieldError(nameof(p.Villages), "sample.villages", $"抽查村数应在1到{MaxVillages}之间"));
        if (p.VillagesPerTownship is < 1 or > 50)
            errors.Add(new FieldError(nameof(p.VillagesPerTownship), "sample.villages_per_township", "每个乡镇抽查村数应在1到50之间"));
        if (p.PoorVillageShare is < 0m or > 1m)
            errors.Add(new FieldError(nameof(p.PoorVillageShare), "sample.poor_share", "贫困村占比应在0和1之间"));
        foreach (var (field, value, label) in new[] { (nameof(p.ExitedPerVillage), p.ExitedPerVillage, "每村脱贫户数"), (nameof(p.PoorPerVillage), p.PoorPerVillage, "每村未脱贫户数"), (nameof(p.NonRegisteredPerVillage), p.NonRegisteredPerVillage, "每村非建档立卡户数") })
        {
            if (value is < 0 or > MaxPerVillage) errors.Add(new FieldError(field, "sample.per_village", $"{label}应在0到{MaxPerVillage}之间"));
        }
        if (p.ExitedPerVillage + p.PoorPerVillage + p.NonRegisteredPerVillage == 0)
            errors.Add(new FieldError(nameof(p.ExitedPerVillage), "sample.empty", "每村至少抽取1户"));
        var name = string.IsNullOrWhiteSpace(request.Name) ? $"{countyName}{request.Year.ToString(inv)}年退出评估抽样" : request.Name.Trim();
        if (name.Length > 100) errors.Add(new FieldError(nameof(request.Name), "sample.name_too_long", "抽样名称不能超过100字"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var seed = request.Seed ?? Random.Shared.Next();
        var random = new Random(seed);

#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var villages = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Village && r.Code.StartsWith(county))
            .Select(r => new { r.Code, r.IsPoorVillage }).ToListAsync(ct);
#pragma warning restore CA1310
        var strata = villages.GroupBy(v => v.Code[..9], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Township: g.Key, Villages: g.OrderBy(v => v.Code, StringComparer.Ordinal).ToList())).ToList();
        if (strata.Count == 0) return Result.Invalid([new FieldError(nameof(request.CountyCode), "sample.no_villages", "该县没有行政村，无法抽样")]);

        var quota = p.VillagesPerTownship is { } perTownship
            ? strata.Select(s => Math.Min(perTownship, s.Villages.Count)).ToList()
            : Allocate(Math.Min(p.Villages, villages.Count), strata.Select(s => s.Villages.Count).ToList());

        var chosen = new List<string>();
        for (var i = 0; i < strata.Count; i++)
        {
            var poor = strata[i].Villages.Where(v => v.IsPoorVillage).Select(v => v.Code).ToList();
            var other = strata[i].Villages.Where(v => !v.IsPoorVillage).Select(v => v.Code).ToList();
            var n = quota[i];
            var wantPoor = Math.Min(poor.Count, (int)Math.Round(n * p.PoorVillageShare, MidpointRounding.AwayFromZero));
            var wantOther = Math.Min(other.Count, n - wantPoor);
            wantPoor = Math.Min(poor.Count, n - wantOther);
            chosen.AddRange(Pick(random, poor, wantPoor));
            chosen.AddRange(Pick(random, other, wantOther));
        }
        chosen.Sort(StringComparer.Ordinal);

        var households = await db.Households.AsNoTracking().Where(h => chosen.Contains(h.VillageCode))
            .Select(h => new { h.Id, h.Number, h.VillageCode, h.Status }).ToListAsync(ct);
        var byVillage = households.GroupBy(h => h.VillageCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(h => h.Number, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        var rows = new List<SampledHousehold>();
        foreach (var village in chosen)
        {
            var list = byVillage.GetValueOrDefault(village) ?? [];
            var exited = list.Where(h => h.Status is PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy).Select(h => h.Id).ToList();
            var poor = list.Where(h => h.Status is PovertyStatus.NotExited or PovertyStatus.Relapsed).Select(h => h.Id).ToList();
            var slot = 0;
            foreach (var id in Pick(random, exited, p.ExitedPerVillage))
                rows.Add(new SampledHousehold { CountyCode = county, VillageCode = village, Frame = SampleFrame.Exited, HouseholdId = id, Slot = ++slot });
            slot = 0;
            foreach (var id in Pick(random, poor, p.PoorPerVillage))
                rows.Add(new SampledHousehold { CountyCode = county, VillageCode = village, Frame = SampleFrame.Poor, HouseholdId = id, Slot = ++slot });
            for (var k = 1; k <= p.NonRegisteredPerVillage; k++)
                rows.Add(new SampledHousehold { CountyCode = county, VillageCode = village, Frame = SampleFrame.NonRegistered, Slot = k });
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sample = new EvaluationSample
        {
            CountyCode = county, Year = request.Year, Name = name, Seed = seed,
            Parameters = JsonSerializer.Serialize(p), DrawnBy = request.User.Length > 64 ? request.User[..64] : request.User, DrawnAt = clock.GetUtcNow(),
        };
        db.EvaluationSamples.Add(sample);
        await db.SaveChangesAsync(ct);
        foreach (var r in rows) r.SampleId = sample.Id;
        db.SampledHouseholds.AddRange(rows);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new EvaluationSampleDrawn(sample.Id, name, seed, chosen.Count,
            rows.Count(r => r.Frame == SampleFrame.Exited), rows.Count(r => r.Frame == SampleFrame.Poor), rows.Count(r => r.Frame == SampleFrame.NonRegistered));
    }

    /// <summary>
    /// Shares <paramref name="total"/> among strata in proportion to their sizes (largest remainder, ties to the
    /// earlier stratum), after giving every stratum one while the total lasts; never more than a stratum holds.
    /// </summary>
    public static List<int> Allocate(int total, IReadOnlyList<int> sizes)
    {
        var quota = new int[sizes.Count];
        var left = total;
        for (var i = 0; i < sizes.Count && left > 0; i++)
        {
            if (sizes[i] == 0) continue;
            quota[i] = 1;
            left--;
        }
        while (left > 0)
        {
            var room = Enumerable.Range(0, sizes.Count).Where(i => quota[i] < sizes[i]).ToList();
            if (room.Count == 0) break;
            var capacity = room.Sum(i => sizes[i] - quota[i]);
            var give = room.Select(i => (Index: i, Exact: (double)left * (sizes[i] - quota[i]) / capacity)).ToList();
            var given = 0;
            foreach (var (i, exact) in give)
            {
                var whole = Math.Min((int)Math.Floor(exact), sizes[i] - quota[i]);
                quota[i] += whole;
                given += whole;
            }
            var rest = left - given;
            foreach (var (i, _) in give.OrderByDescending(g => g.Exact - Math.Floor(g.Exact)).ThenBy(g => g.Index))
            {
                if (rest == 0) break;
                if (quota[i] >= sizes[i]) continue;
                quota[i]++;
                rest--;
            }
            left = rest;
        }
        return [.. quota];
    }

    /// <summary><paramref name="count"/> items drawn without replacement (partial Fisher–Yates over a copy), returned in list order.</summary>
    static List<T> Pick<T>(Random random, IReadOnlyList<T> items, int count)
    {
        var pool = items.ToArray();
        var n = Math.Min(count, pool.Length);
        var taken = new List<int>(n);
        var index = Enumerable.Range(0, pool.Length).ToArray();
        for (var i = 0; i < n; i++)
        {
            var j = i + random.Next(pool.Length - i);
            (index[i], index[j]) = (index[j], index[i]);
            taken.Add(index[i]);
        }
        taken.Sort();
        return [.. taken.Select(i => pool[i])];
    }
}
