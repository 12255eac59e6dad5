using System.Diagnostics;
using Fupin.Common;
using Fupin.Data;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Imports;

public enum ImportMode
{
    /// <summary>Any error rejects the whole file; the database is untouched.</summary>
    AllOrNothing,

    /// <summary>Households without errors are imported, the others reported.</summary>
    ValidRowsOnly,
}

/// <param name="Path">The file (.xlsx or .csv).</param>
/// <param name="FileName">The name recorded as the reason of every change (default: the path's file name).</param>
public sealed record ImportHouseholdsRequest(string Path, ImportMode Mode = ImportMode.AllOrNothing, bool DryRun = false, string? FileName = null);

public sealed record ImportReport(
    string FileName, int DataRows, int SkippedRows, int Households, int Members,
    int Added, int Changed, int Unchanged, int Rejected, bool Written, IReadOnlyList<Problem> Problems)
{
    public int Errors => Problems.Count(p => p.Severity == Severity.Error);
    public int Warnings => Problems.Count(p => p.Severity == Severity.Warning);
}

/// <summary>
/// Imports households and members from a member list (national layout or Fupin's template). The file
/// is read and checked first; then every household is matched by 户编号 (members by ID number) and
/// applied through EF in one transaction, so each changed field lands in the change history with
/// the reason "导入 file name". Only the columns the file has are applied, so re-importing a file,
/// or importing an export, changes nothing. The transaction is rolled back for a dry run, for an
/// all-or-nothing import with any error, and on cancellation.
/// </summary>
public sealed class ImportHouseholds(AppDbContext db, TimeProvider clock)
{
    const int BatchSize = 500;

    public async Task<ImportReport> HandleAsync(ImportHouseholdsRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var fileName = request.FileName ?? Path.GetFileName(request.Path);
        var today = clock.Today();
        var watch = Stopwatch.StartNew();
        var parser = new RegistryFileParser(today);
        var parsed = parser.Parse(SheetReader.ReadRows(request.Path), progress, ct);
        var problems = new List<Problem>(parser.Problems);
        progress?.Report($"已读取 {parsed.DataRows} 行、{parsed.Households.Count} 户（{watch.ElapsedMilliseconds} ms）");
        if (parsed.Header is not { } header)
            return new ImportReport(fileName, 0, 0, 0, 0, 0, 0, 0, 0, false, problems);

        problems.AddRange(new RegistryChecker(today, header.Has, header.TextOf).Check(parsed.Households));

        var added = 0;
        var changed = 0;
        var unchanged = 0;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        var reason = db.Audit.Reason;
        db.Audit.Reason = "导入 " + fileName;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var places = await Places.LoadAsync(db, ct);
            var rejected = new HashSet<string>(StringComparer.Ordinal);
            var fileLevelError = problems.Any(p => p.Severity == Severity.Error && p.Household is null);
            foreach (var p in problems.Where(p => p.Severity == Severity.Error && p.Household is not null)) rejected.Add(p.Household!);

            for (var start = 0; start < parsed.Households.Count; start += BatchSize)
            {
                ct.ThrowIfCancellationRequested();
                var batch = parsed.Households.Skip(start).Take(BatchSize).ToList();
                var numbers = batch.Select(d => d.Number).ToList();
                var existing = await db.Households.Include(h => h.Members).Include(h => h.Incomes)
                    .Where(h => numbers.Contains(h.Number)).AsSplitQuery().ToDictionaryAsync(h => h.Number, StringComparer.Ordinal, ct);

                // An ID number registered in another household is not moved silently.
                var ids = batch.SelectMany(d => d.Members).Where(m => m.Member.IdNumber is not null).Select(m => m.Member.IdNumber).Distinct().ToList();
                var holders = ids.Count == 0 ? [] : await db.Members.AsNoTracking().Where(m => ids.Contains(m.IdNumber))
                    .Select(m => new { m.IdNumber, m.Household!.Number }).ToListAsync(ct);
                var holderOf = holders.GroupBy(x => x.IdNumber!.Value.Key).ToDictionary(g => g.Key, g => g.First().Number);

                var applied = new List<(HouseholdDraft Draft, Household Entity)>();
                foreach (var d in batch)
                {
                    var errors = new List<Problem>();
                    void Error(Rule rule, int? row, Field f, string message) => errors.Add(new Problem(row, header.TextOf(f), rule.Code, rule.Severity, message, d.Number));

                    var villageCode = places.Resolve(d, out var placeError);
                    if (villageCode is null) Error(Rules.VillageUnknown, d.Cells.TryGetValue(Field.Village, out var vc) ? vc.Row : d.FirstRow, Field.Village, placeError!);
                    foreach (var m in d.Members)
                    {
                        if (m.Member.IdNumber is { } id && holderOf.TryGetValue(id.Key, out var holder) && holder != d.Number)
                            Error(Rules.IdOtherHousehold, m.Row, Field.IdNumber, $"证件号码{id.Masked}已登记为户{holder}的成员，不能导入到户{d.Number}");
                    }
                    existing.TryGetValue(d.Number, out var current);
                    if (current is null)
                    {
                        if (!Enum.IsDefined(d.Household.Attribute)) Error(Rules.Required, d.FirstRow, Field.Attribute, $"新增户{d.Number}的贫困户属性为空");
                        if (!header.Has(Field.Status)) Error(Rules.Required, d.FirstRow, Field.Status, $"新增户{d.Number}的脱贫状态为空");
                        if (!Enum.IsDefined(d.Household.MainCause)) Error(Rules.Required, d.FirstRow, Field.MainCause, $"新增户{d.Number}的主要致贫原因为空");
                    }
                    if (errors.Count > 0)
                    {
                        problems.AddRange(errors);
                        rejected.Add(d.Number);
                    }
                    if (rejected.Contains(d.Number) || fileLevelError || villageCode is null) continue;

                    var entity = current ?? NewHousehold(d, villageCode);
                    Apply(d, entity, villageCode, header.Has, current is null, problems);
                    applied.Add((d, entity));
                }

                db.ChangeTracker.DetectChanges();
                foreach (var (d, h) in applied)
                {
                    if (db.Entry(h).State == EntityState.Added) added++;
                    else if (db.Entry(h).State == EntityState.Modified
                        || h.Members.Any(m => db.Entry(m).State != EntityState.Unchanged)
                        || h.Incomes.Any(i => db.Entry(i).State != EntityState.Unchanged)) changed++;
                    else unchanged++;
                }
                if (!request.DryRun) await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                progress?.Report($"已处理 {Math.Min(start + BatchSize, parsed.Households.Count)}/{parsed.Households.Count} 户");
            }

            var anyError = problems.Any(p => p.Severity == Severity.Error);
            var write = !request.DryRun && !(request.Mode == ImportMode.AllOrNothing && anyError);
            if (write) await tx.CommitAsync(ct);
            else await tx.RollbackAsync(ct);
            var rejectedCount = request.Mode == ImportMode.AllOrNothing && anyError ? parsed.Households.Count : fileLevelError ? parsed.Households.Count : rejected.Count;
            progress?.Report(write ? $"导入完成，用时 {watch.Elapsed.TotalSeconds:0.0} 秒" : "未写入数据库");
            return new ImportReport(fileName, parsed.DataRows, parsed.SkippedRows, parsed.Households.Count, parsed.Households.Sum(h => h.Members.Count),
                added, changed, unchanged, rejectedCount, write,
                [.. problems.OrderBy(p => p.Row ?? 0).ThenBy(p => p.Severity)]);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            db.Audit.Reason = reason;
        }
    }

    static Household NewHousehold(HouseholdDraft d, string villageCode) => new()
    {
        CountyCode = villageCode[..6],
        VillageCode = villageCode,
        Number = d.Number,
    };

    /// <summary>Copies the fields the file has onto the stored household; an equal value is not a change.</summary>
    void Apply(HouseholdDraft d, Household h, string villageCode, Func<Field, bool> has, bool isNew, List<Problem> problems)
    {
        var src = d.Household;
        if (isNew) db.Households.Add(h);
        h.VillageCode = villageCode;
        h.CountyCode = villageCode[..6];
        if (has(Field.Attribute) && Enum.IsDefined(src.Attribute)) h.Attribute = src.Attribute;
        if (has(Field.Status)) h.Status = src.Status;
        if (has(Field.Standard)) h.Standard = src.Standard;
        if (has(Field.IdentificationYear)) h.IdentificationYear = src.IdentificationYear;
        if (has(Field.PlannedExitYear)) h.PlannedExitYear = src.PlannedExitYear;
        if (has(Field.ExitYear)) h.ExitYear = src.ExitYear;
        if (has(Field.MainCause) && Enum.IsDefined(src.MainCause)) h.MainCause = src.MainCause;
        if (has(Field.OtherCauses) && !src.OtherCauses.SequenceEqual(h.OtherCauses.Order())) h.OtherCauses = src.OtherCauses;
        if (has(Field.HouseholdPhone)) h.Phone = src.Phone;
        if (has(Field.BankName)) h.BankName = src.BankName;
        if (has(Field.BankAccount)) h.BankAccount = src.BankAccount;
        if (has(Field.ArableLand)) h.ArableLand = src.ArableLand;
        if (has(Field.IrrigatedLand)) h.IrrigatedLand = src.IrrigatedLand;
        if (has(Field.ForestLand)) h.ForestLand = src.ForestLand;
        if (has(Field.ReturnedFarmland)) h.ReturnedFarmland = src.ReturnedFarmland;
        if (has(Field.OrchardLand)) h.OrchardLand = src.OrchardLand;
        if (has(Field.PastureLand)) h.PastureLand = src.PastureLand;
        if (has(Field.WaterSurface)) h.WaterSurface = src.WaterSurface;
        if (has(Field.RoadType) && Enum.IsDefined(src.RoadType)) h.RoadType = src.RoadType;
        if (has(Field.DistanceToRoadKm)) h.DistanceToRoadKm = src.DistanceToRoadKm;
        if (has(Field.HousingArea)) h.HousingArea = src.HousingArea;
        if (has(Field.HousingGrade)) h.HousingGrade = src.HousingGrade;
        if (has(Field.SafeDrinkingWater)) h.SafeDrinkingWater = src.SafeDrinkingWater;
        if (has(Field.HasPower)) h.HasPower = src.HasPower;
        if (has(Field.Fuel) && Enum.IsDefined(src.Fuel)) h.Fuel = src.Fuel;
        if (has(Field.HasSanitaryToilet)) h.HasSanitaryToilet = src.HasSanitaryToilet;
        if (has(Field.InCooperative)) h.InCooperative = src.InCooperative;

        var byId = h.Members.Where(m => m.IdNumber is not null).ToDictionary(m => m.IdNumber!.Value.Key);
        var matched = new HashSet<Member>();
        foreach (var md in d.Members)
        {
            var m = md.Member;
            var target = m.IdNumber is { } id && byId.TryGetValue(id.Key, out var known) ? known
                : h.Members.FirstOrDefault(x => x.IdNumber is null && x.Name == m.Name && !matched.Contains(x));
            if (target is null)
            {
                target = new Member { CountyCode = h.CountyCode, Name = m.Name, Relation = m.Relation, Household = h };
                h.Members.Add(target);
                if (!isNew) db.Members.Add(target);
            }
            matched.Add(target);
            target.CountyCode = h.CountyCode;
            if (has(Field.PersonNumber)) target.Number = m.Number;
            target.Name = m.Name;
            if (m.IdNumber is not null) target.IdNumber = m.IdNumber;
            target.Relation = m.Relation;
            if (has(Field.Gender) || m.IdNumber is not null) target.Gender = m.Gender;
            if (m.BirthDate != default) target.BirthDate = m.BirthDate;
            if (has(Field.Ethnicity)) target.Ethnicity = m.Ethnicity;
            if (has(Field.PoliticalStatus)) target.PoliticalStatus = m.PoliticalStatus;
            if (has(Field.Education)) target.Education = m.Education;
            if (has(Field.StudentStatus)) target.StudentStatus = m.StudentStatus;
            if (has(Field.Health)) target.Health = m.Health;
            if (has(Field.LabourSkill)) target.LabourSkill = m.LabourSkill;
            if (has(Field.MigrantWorkPlace)) target.MigrantWorkPlace = m.MigrantWorkPlace;
            if (has(Field.MigrantWorkMonths)) target.MigrantWorkMonths = m.MigrantWorkMonths;
            if (has(Field.BasicMedical)) target.HasBasicMedical = m.HasBasicMedical;
            if (has(Field.CriticalIllness)) target.HasCriticalIllness = m.HasCriticalIllness;
            if (has(Field.Pension)) target.HasPension = m.HasPension;
            if (has(Field.Dibao)) target.IsDibao = m.IsDibao;
            if (has(Field.Tekun)) target.IsTekun = m.IsTekun;
            if (has(Field.MemberPhone)) target.Phone = m.Phone;
        }
        foreach (var left in h.Members.Where(m => !matched.Contains(m)))
            problems.Add(new Problem(d.FirstRow, null, Rules.MemberNotInFile.Code, Rules.MemberNotInFile.Severity, $"户{d.Number}的成员{left.Name}在库中但不在文件中，未删除", d.Number));

        if (d.Income is { } income)
        {
            var target = h.Incomes.FirstOrDefault(i => i.Year == income.Year);
            if (target is null)
            {
                target = new IncomeRecord { CountyCode = h.CountyCode, Year = income.Year };
                h.Incomes.Add(target);
                if (!isNew) db.Incomes.Add(target);
                target.HouseholdId = h.Id;
            }
            target.CountyCode = h.CountyCode;
            if (has(Field.HouseholdSize)) target.HouseholdSize = income.HouseholdSize;
            else if (target.HouseholdSize == 0) target.HouseholdSize = d.Members.Count;
            target.Wage = income.Wage;
            target.Production = income.Production;
            target.AssetDividend = income.AssetDividend;
            target.OtherProperty = income.OtherProperty;
            target.FamilyPlanning = income.FamilyPlanning;
            target.DibaoAllowance = income.DibaoAllowance;
            target.TekunAllowance = income.TekunAllowance;
            target.PensionIncome = income.PensionIncome;
            target.EcoCompensation = income.EcoCompensation;
            target.OtherTransfer = income.OtherTransfer;
            target.ProductionCost = income.ProductionCost;
        }
    }

    /// <summary>
    /// Townships and villages by name (and village by code). A village the file names under a known
    /// township is created; under an unknown township it is an error naming both.
    /// </summary>
    sealed class Places
    {
        readonly Dictionary<string, Region> _byCode = new(StringComparer.Ordinal);
        readonly Dictionary<string, List<Region>> _townshipsByName = new(StringComparer.Ordinal);
        readonly Dictionary<(string Township, string Name), Region> _villages = [];
        readonly AppDbContext _db;

        Places(AppDbContext db) => _db = db;

        public static async Task<Places> LoadAsync(AppDbContext db, CancellationToken ct)
        {
            var places = new Places(db);
            foreach (var r in await db.Regions.AsNoTracking().Where(r => r.Level >= RegionLevel.County).ToListAsync(ct))
            {
                places._byCode[r.Code] = r;
                if (r.Level == RegionLevel.Township)
                {
                    if (!places._townshipsByName.TryGetValue(r.Name, out var list)) places._townshipsByName[r.Name] = list = [];
                    list.Add(r);
                }
                else if (r.Level == RegionLevel.Village && r.ParentCode is not null) places._villages.TryAdd((r.ParentCode, r.Name), r);
            }
            return places;
        }

        public string? Resolve(HouseholdDraft d, out string? error)
        {
            error = null;
            if (d.VillageCode is { } code)
            {
                if (_byCode.TryGetValue(code, out var v) && v.Level == RegionLevel.Village) return code;
                error = $"行政村代码“{code}”不存在";
                return null;
            }
            if (d.VillageName is not { } village || d.TownshipName is not { } township)
            {
                error = "乡镇或行政村为空";
                return null;
            }
            var county = d.Cells.TryGetValue(Field.County, out var c) ? c.Text : null;
            var candidates = _townshipsByName.GetValueOrDefault(township) ?? [];
            if (county is not null && candidates.Count > 1)
                candidates = [.. candidates.Where(t => t.ParentCode is { } p && _byCode.TryGetValue(p, out var cr) && cr.Name == county)];
            if (candidates.Count != 1)
            {
                error = candidates.Count == 0 ? $"乡镇“{township}”不存在，无法登记行政村“{village}”" : $"乡镇名称“{township}”不唯一，请填写县名";
                return null;
            }
            var t = candidates[0];
            if (_villages.TryGetValue((t.Code, village), out var found)) return found.Code;

            // A new village under a known township: the next free code of the township.
            var used = _byCode.Keys.Where(k => k.Length == 12 && k.StartsWith(t.Code, StringComparison.Ordinal)).Select(k => int.Parse(k.AsSpan(9), System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(200).Max();
            if (used >= 999)
            {
                error = $"乡镇“{township}”下已无可用的行政村代码";
                return null;
            }
            var region = new Region { Code = t.Code + (used + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), Name = village, Level = RegionLevel.Village, ParentCode = t.Code };
            _db.Regions.Add(region);
            _byCode[region.Code] = region;
            _villages[(t.Code, village)] = region;
            return region.Code;
        }
    }
}
