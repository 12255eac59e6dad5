using System.Diagnostics;
using System.Threading.Channels;
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
/// Imports households and members from a member list (national layout or Fupin's template), as a
/// stream: households are read, checked and written a batch at a time inside one transaction, so
/// memory stays flat however long the file (only the ID numbers seen so far are kept, to find
/// repeats). Households new to the register are written in bulk (binary COPY on PostgreSQL) with one
/// "新增" entry each in the change history; households already registered (matched by 户编号,
/// members by ID number) are updated through EF, so each changed field lands in the change history
/// with the reason "导入 file name". Only the columns the file has are applied, so re-importing a
/// file, or importing an export, changes nothing. The transaction is rolled back for a dry run, for
/// an all-or-nothing import with any error, on cancellation, and if the process dies.
/// A file whose households' rows are scattered is read a second time holding every household.
/// </summary>
public sealed class ImportHouseholds(AppDbContext db, TimeProvider clock)
{
    const int BatchSize = 1000;

    public async Task<ImportReport> HandleAsync(ImportHouseholdsRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        try
        {
            return await RunAsync(request, grouped: true, progress, ct);
        }
        catch (HouseholdRowsApartException e)
        {
            progress?.Report($"第{e.Row}行：户{e.Household}的各行不相邻，改为整文件读入后导入");
            return await RunAsync(request, grouped: false, progress, ct);
        }
    }

    async Task<ImportReport> RunAsync(ImportHouseholdsRequest request, bool grouped, IProgress<string>? progress, CancellationToken ct)
    {
        var fileName = request.FileName ?? Path.GetFileName(request.Path);
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var parser = new RegistryFileParser(today);
        using var rows = SheetReader.ReadRows(request.Path).GetEnumerator();
        if (!parser.ReadHeader(rows))
            return new ImportReport(fileName, 0, 0, 0, 0, 0, 0, 0, 0, false, [.. parser.Problems]);
        var header = parser.Header!;
        var checker = new RegistryChecker(today, header.Has, header.TextOf);

        var problems = new List<Problem>(parser.Problems); // the header's; the reader sends the rest with each batch
        var rejected = new HashSet<string>(StringComparer.Ordinal);
        var fileLevelError = parser.Problems.Any(p => p.Severity == Severity.Error);
        var anyError = fileLevelError;
        int added = 0, changed = 0, unchanged = 0, households = 0, members = 0;

        void Take(Problem p)
        {
            problems.Add(p);
            if (p.Severity != Severity.Error) return;
            anyError = true;
            if (p.Household is { } number) rejected.Add(number);
            else fileLevelError = true;
        }

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        var reason = db.Audit.Reason;
        db.Audit.Reason = "导入 " + fileName;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await using var bulk = new BulkWriter(db);
        try
        {
            var places = await Places.LoadAsync(db, ct);
            var analyzeAt = (long)BatchSize;

            // Three stages, each a batch of households at a time: one thread reads the file; the households of a
            // batch are parsed and checked on every core; here, in file order, their repeats are checked and they
            // are written. While a batch is written the next is checked and the one after it read.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var read = Channel.CreateBounded<Batch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
            var checkedBatches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
            var reading = Task.Run(() => ReadBatches(parser, rows, grouped, read.Writer, stop.Token), stop.Token);
            var checking = Task.Run(() => CheckBatches(parser, checker, read.Reader, checkedBatches.Writer, stop.Token), stop.Token);
            try
            {
                await foreach (var batch in checkedBatches.Reader.ReadAllAsync(ct))
                {
                    foreach (var p in batch.ReadProblems) Take(p);
                    foreach (var d in batch.Households)
                    {
                        checker.CheckRepeats(d, (_, p) => Take(p));
                        foreach (var p in d.Problems) Take(p);
                    }
                    var counts = await ApplyBatchAsync(batch.Households, header, places, request, () => anyError, Take, rejected, bulk, now, ct);
                    if (added + counts.Added >= analyzeAt)
                    {
                        await AnalyzeAsync(ct);
                        analyzeAt *= 2;
                    }
                    added += counts.Added;
                    changed += counts.Changed;
                    unchanged += counts.Unchanged;
                    households += batch.Households.Count;
                    members += batch.Households.Sum(d => d.Members.Count);
                    progress?.Report($"已读取 {batch.RowsSoFar} 行，已处理 {households} 户（{watch.Elapsed.TotalSeconds:0.0} 秒）");
                }
                await reading;
                await checking;
            }
            catch (Exception) when (reading.IsFaulted || checking.IsFaulted)
            {
                await reading; // the reader's own exception (rows of a household apart, an unreadable file)
                await checking;
                throw;
            }
            finally
            {
                await stop.CancelAsync();
                await Task.WhenAll(reading, checking).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            var write = !request.DryRun && !(request.Mode == ImportMode.AllOrNothing && anyError);
            // A household is rejected before its batch is written (a repeated ID is blamed on the later row), so nothing written needs taking back.
            if (write) await tx.CommitAsync(ct);
            else await tx.RollbackAsync(ct);
            var wholeFileRejected = request.Mode == ImportMode.AllOrNothing && anyError || fileLevelError;
            var rejectedCount = wholeFileRejected ? households : rejected.Count;
            // A rejected file adds and changes nothing, dry run or not: the counts add up to the households.
            if (wholeFileRejected) added = changed = unchanged = 0;
            progress?.Report(write ? $"导入完成，用时 {watch.Elapsed.TotalSeconds:0.0} 秒" : "未写入数据库");
            return new ImportReport(fileName, parser.DataRows, parser.SkippedRows, households, members,
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

    sealed record BatchCounts(int Added, int Changed, int Unchanged);

    /// <summary>Households read but not yet parsed, and the reading problems that belong to no household.</summary>
    sealed record Batch(List<HouseholdDraft> Households, List<Problem> ReadProblems, int RowsSoFar);

    /// <summary>Parses and checks the households of each batch on every core (<see cref="RegistryChecker.CheckHousehold"/> shares nothing).</summary>
    static async Task CheckBatches(RegistryFileParser parser, RegistryChecker checker, ChannelReader<Batch> input, ChannelWriter<Batch> output, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in input.ReadAllAsync(ct))
            {
                Parallel.ForEach(batch.Households, new ParallelOptions { CancellationToken = ct }, d =>
                {
                    parser.Complete(d);
                    checker.CheckHousehold(d, (_, p) => d.Problems.Add(p));
                });
                await output.WriteAsync(batch, ct);
            }
            output.Complete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
            throw;
        }
    }

    static async Task ReadBatches(RegistryFileParser parser, IEnumerator<SheetRow> rows, bool grouped, ChannelWriter<Batch> writer, CancellationToken ct)
    {
        try
        {
            var cursor = parser.Problems.Count;
            var batch = new List<HouseholdDraft>(BatchSize);
            async Task SendAsync()
            {
                var problems = parser.Problems.Skip(cursor).ToList();
                cursor += problems.Count;
                // Waits while a batch waits: reading runs at most one batch ahead of checking.
                await writer.WriteAsync(new Batch(batch, problems, parser.DataRows), ct);
                batch = new List<HouseholdDraft>(BatchSize);
            }
            foreach (var d in parser.ReadHouseholds(rows, grouped, complete: false, progress: null, ct))
            {
                batch.Add(d);
                if (batch.Count == BatchSize) await SendAsync();
            }
            await SendAsync();
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
            throw;
        }
    }

    /// <summary>
    /// The checks that need the database (place, ID registered elsewhere, fields a new household
    /// must have), then the writes: new households in bulk, registered ones through EF.
    /// </summary>
    /// <summary>
    /// PostgreSQL plans from statistics, and autovacuum cannot see rows of a transaction still open: without this, a
    /// province loaded in one import looks like an empty registry to the planner, the per-batch look-up of ID numbers
    /// turns into a scan of every member so far, and the import slows as it grows. ANALYZE inside the transaction
    /// samples its own new rows; run when the households added have doubled, it costs a few seconds in all.
    /// </summary>
    async Task AnalyzeAsync(CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE households, members", ct);
    }

    async Task<BatchCounts> ApplyBatchAsync(List<HouseholdDraft> batch, SheetHeader header, Places places, ImportHouseholdsRequest request,
        Func<bool> anyError, Action<Problem> take, HashSet<string> rejected, BulkWriter bulk, DateTimeOffset now, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // One array parameter per list (json_each on SQLite, = ANY on PostgreSQL): thousands of separate parameters cost more to prepare than to run.
        var numbers = batch.Select(d => d.Number).ToList();
        // Unfiltered: a number registered outside the importer's regions is still taken.
        var registered = await db.Households.IgnoreQueryFilters().AsNoTracking().Where(h => EF.Parameter(numbers).Contains(h.Number))
            .Select(h => new { h.Id, h.Number, h.VillageCode }).ToDictionaryAsync(h => h.Number, StringComparer.Ordinal, ct);
        var existing = registered.Count == 0 ? [] : await db.Households.Include(h => h.Members).Include(h => h.Incomes)
            .Where(h => EF.Parameter(numbers).Contains(h.Number)).AsSplitQuery().ToDictionaryAsync(h => h.Number, StringComparer.Ordinal, ct);

        // An ID number registered in another household is not moved silently.
        var ids = batch.SelectMany(d => d.Members).Where(m => m.Member.IdNumber is not null).Select(m => m.Member.IdNumber).Distinct().ToList();
        var holders = ids.Count == 0 ? [] : await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => EF.Parameter(ids).Contains(m.IdNumber))
            .Select(m => new { m.IdNumber, m.Household!.Number }).ToListAsync(ct);
        var holderOf = holders.GroupBy(x => x.IdNumber!.Value.Key).ToDictionary(g => g.Key, g => g.First().Number);

        var fresh = new List<(HouseholdDraft Draft, Household Entity)>();
        var applied = new List<Household>();
        foreach (var d in batch)
        {
            var errors = false;
            void Error(Rule rule, int? row, Field f, string message)
            {
                errors = true;
                take(new Problem(row, header.TextOf(f), rule.Code, rule.Severity, message, d.Number));
            }

            var villageCode = places.Resolve(d, out var placeError);
            if (villageCode is null) Error(Rules.VillageUnknown, d.Cells.TryGetValue(Field.Village, out var vc) ? vc.Row : d.FirstRow, Field.Village, placeError!);
            foreach (var m in d.Members)
            {
                if (m.Member.IdNumber is { } id && holderOf.TryGetValue(id.Key, out var holder) && holder != d.Number)
                    Error(Rules.IdOtherHousehold, m.Row, Field.IdNumber, $"证件号码{id.Masked}已登记为户{holder}的成员，不能导入到户{d.Number}");
            }
            registered.TryGetValue(d.Number, out var known);
            existing.TryGetValue(d.Number, out var current);
            if (known is not null && current is null)
                Error(Rules.HouseholdOutOfScope, d.FirstRow, Field.HouseholdNumber, $"户编号{d.Number}已登记在您无权管理的地区（{known.VillageCode}）");
            if (known is null)
            {
                if (!Enum.IsDefined(d.Household.Attribute)) Error(Rules.Required, d.FirstRow, Field.Attribute, $"新增户{d.Number}的贫困户属性为空");
                if (!header.Has(Field.Status)) Error(Rules.Required, d.FirstRow, Field.Status, $"新增户{d.Number}的脱贫状态为空");
                if (!Enum.IsDefined(d.Household.MainCause)) Error(Rules.Required, d.FirstRow, Field.MainCause, $"新增户{d.Number}的主要致贫原因为空");
            }
            if (errors || rejected.Contains(d.Number) || villageCode is null) continue;

            if (current is null) fresh.Add((d, Adopt(d, villageCode)));
            else
            {
                Apply(d, current, villageCode, header.Has, take);
                applied.Add(current);
            }
        }

        db.ChangeTracker.DetectChanges();
        var changed = applied.Count(h => db.Entry(h).State == EntityState.Modified
            || h.Members.Any(m => db.Entry(m).State != EntityState.Unchanged)
            || h.Incomes.Any(i => db.Entry(i).State != EntityState.Unchanged));
        // Nothing is written once an all-or-nothing import has an error: the transaction will be rolled back anyway.
        var write = !request.DryRun && !(request.Mode == ImportMode.AllOrNothing && anyError());
        if (write)
        {
            await db.SaveChangesAsync(ct); // new villages, and the changes to registered households
            await InsertAsync(fresh, bulk, now, ct);
        }
        db.ChangeTracker.Clear();
        return new BatchCounts(fresh.Count, changed, applied.Count - changed);
    }

    /// <summary>New households with their members and income records, and one "新增" history entry each.</summary>
    async Task InsertAsync(List<(HouseholdDraft Draft, Household Entity)> fresh, BulkWriter bulk, DateTimeOffset now, CancellationToken ct)
    {
        if (fresh.Count == 0) return;
        var householdIds = await bulk.ReserveIdsAsync<Household>(fresh.Count, ct);
        var allMembers = new List<Member>();
        var allIncomes = new List<IncomeRecord>();
        for (var i = 0; i < fresh.Count; i++)
        {
            var h = fresh[i].Entity;
            h.Id = householdIds[i];
            h.CreatedAt = now;
            h.UpdatedAt = now;
            foreach (var m in h.Members) m.HouseholdId = h.Id;
            foreach (var income in h.Incomes) income.HouseholdId = h.Id;
            allMembers.AddRange(h.Members);
            allIncomes.AddRange(h.Incomes);
        }
        var memberIds = await bulk.ReserveIdsAsync<Member>(allMembers.Count, ct);
        for (var i = 0; i < allMembers.Count; i++) allMembers[i].Id = memberIds[i];
        var incomeIds = await bulk.ReserveIdsAsync<IncomeRecord>(allIncomes.Count, ct);
        for (var i = 0; i < allIncomes.Count; i++) allIncomes[i].Id = incomeIds[i];
        var changeIds = await bulk.ReserveIdsAsync<ChangeRecord>(fresh.Count, ct);

        await bulk.InsertAsync(fresh.Select(f => f.Entity), ct);
        await bulk.InsertAsync(allMembers, ct);
        await bulk.InsertAsync(allIncomes, ct);
        await bulk.InsertAsync(fresh.Select((f, i) => new ChangeRecord
        {
            Id = changeIds[i],
            CountyCode = f.Entity.CountyCode,
            At = now,
            User = db.Audit.User,
            Reason = db.Audit.Reason,
            Entity = nameof(Household),
            EntityId = f.Entity.Id,
            HouseholdId = f.Entity.Id,
            Action = "新增",
            NewValue = $"{f.Entity.Members.Count}人",
        }), ct);
    }

    /// <summary>
    /// A household new to the register is written as parsed: a field the file lacks still has the default a new entity
    /// has, which is all <see cref="Apply"/> would leave on it, so nothing is copied.
    /// </summary>
    static Household Adopt(HouseholdDraft d, string villageCode)
    {
        var h = d.Household;
        h.VillageCode = villageCode;
        h.CountyCode = villageCode[..6];
        foreach (var md in d.Members)
        {
            md.Member.CountyCode = h.CountyCode;
            md.Member.Household = h;
            h.Members.Add(md.Member);
        }
        if (d.Income is { } income)
        {
            income.CountyCode = h.CountyCode;
            h.Incomes.Add(income);
        }
        return h;
    }

    /// <summary>Copies the fields the file has onto the registered (tracked) household; an equal value is not a change.</summary>
    void Apply(HouseholdDraft d, Household h, string villageCode, Func<Field, bool> has, Action<Problem> take)
    {
        var src = d.Household;
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
                db.Members.Add(target);
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
            take(new Problem(d.FirstRow, null, Rules.MemberNotInFile.Code, Rules.MemberNotInFile.Severity, $"户{d.Number}的成员{left.Name}在库中但不在文件中，未删除", d.Number));

        if (d.Income is { } income)
        {
            var target = h.Incomes.FirstOrDefault(i => i.Year == income.Year);
            if (target is null)
            {
                target = new IncomeRecord { CountyCode = h.CountyCode, Year = income.Year };
                h.Incomes.Add(target);
                db.Incomes.Add(target);
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
        Dictionary<string, int>? _lastVillage; // township code → the largest village number used under it

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
            _lastVillage ??= _byCode.Keys.Where(k => k.Length == 12).GroupBy(k => k[..9], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Max(k => int.Parse(k.AsSpan(9), System.Globalization.CultureInfo.InvariantCulture)), StringComparer.Ordinal);
            var used = _lastVillage.GetValueOrDefault(t.Code, 200);
            if (used >= 999)
            {
                error = $"乡镇“{township}”下已无可用的行政村代码";
                return null;
            }
            var region = new Region { Code = t.Code + (used + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), Name = village, Level = RegionLevel.Village, ParentCode = t.Code };
            _db.Regions.Add(region);
            _byCode[region.Code] = region;
            _villages[(t.Code, village)] = region;
            _lastVillage[t.Code] = used + 1;
            return region.Code;
        }
    }
}
