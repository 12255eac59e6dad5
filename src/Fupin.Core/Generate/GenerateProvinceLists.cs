using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Fupin.Demo;
using Fupin.Imports;
using Fupin.Registry;
using nietras.SeparatedValues;
using Fupin.Verification;

namespace Fupin.Generate;

/// <param name="RegistryPath">A registry file written by <see cref="GenerateRegistryFile"/> (national layout).</param>
/// <param name="Rows">Rows per list.</param>
/// <param name="Types">List keys (<see cref="DepartmentLists.Keys"/>); null or empty for <see cref="GenerateProvinceLists.DefaultTypes"/>.</param>
public sealed record GenerateProvinceListsRequest(string RegistryPath, string OutDir, long Rows, IReadOnlyList<string>? Types = null, int Seed = 1);

/// <summary>
/// Department lists at province scale for the benchmark: each requested list gets exactly
/// <see cref="GenerateProvinceListsRequest.Rows"/> rows, mostly people not in the registry (valid ID
/// numbers of the province's counties that no registered person has) and a share of registered
/// persons (a few percent on the lists that raise a finding for any row; nearly everyone who belongs
/// on 医保, 学籍, 低保, 特困, 残疾人证 and 危房改造), spread through the file. The registry is read twice,
/// streaming: first for its persons' 64-bit keys (the only thing held, ~56 MB for 7 million) and how
/// many of them each list draws from, then to pick exactly that many in file order (selection
/// sampling) and write every list at once. Planted positive cases go to <c>lists.planted.csv</c>;
/// absence rules are left for the benchmark to count. The same registry, request and seed give the
/// same bytes.
/// </summary>
/// <param name="progressEvery">Report progress after this many registry rows.</param>
public sealed class GenerateProvinceLists(int progressEvery = 1_000_000)
{
    public static IReadOnlyList<string> DefaultTypes { get; } =
        ["deaths", "payroll", "vehicles", "businesses", "property", "dibao", "medical-insurance", "school-enrolment"];

    static readonly DateOnly AsOf = GenerateDepartmentLists.AsOf;

    public Task<GenerateDepartmentListsResult> HandleAsync(GenerateProvinceListsRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Rows, 1, nameof(request.Rows));
        var types = request.Types is { Count: > 0 } t ? t.Distinct(StringComparer.Ordinal).ToArray() : [.. DefaultTypes];
        foreach (var key in types)
        {
            if (ListTypes.IndexOf(key) < 0)
                throw new ArgumentException($"未知的名单类型 {key}（可用：{string.Join(", ", DepartmentLists.Keys)}）", nameof(request));
        }
        if (!File.Exists(request.RegistryPath)) throw new ArgumentException($"找不到建档立卡名单 {request.RegistryPath}", nameof(request));
        return Task.Run(() => Generate(request, types, progress, ct), ct);
    }

    /// <summary>What a registry row is, as far as the lists care.</summary>
    [Flags]
    enum Traits { None = 0, Valid = 1, SchoolAge = 2, Dibao = 4, Tekun = 8, Disabled = 16, UnsafeHead = 32, Elderly = 64, GradeD = 128 }

    /// <summary>Whom a list draws its registered rows from.</summary>
    enum Population { All, SchoolAge, Dibao, NotDibao, Tekun, NotTekunElderly, Disabled, NotDisabled, UnsafeHead }

    static bool In(Population p, Traits t) => (t & Traits.Valid) != 0 && p switch
    {
        Population.All => true,
        Population.SchoolAge => (t & Traits.SchoolAge) != 0,
        Population.Dibao => (t & Traits.Dibao) != 0,
        Population.NotDibao => (t & Traits.Dibao) == 0,
        Population.Tekun => (t & Traits.Tekun) != 0,
        Population.NotTekunElderly => (t & (Traits.Tekun | Traits.Elderly)) == Traits.Elderly,
        Population.Disabled => (t & Traits.Disabled) != 0,
        Population.NotDisabled => (t & Traits.Disabled) == 0,
        Population.UnsafeHead => (t & Traits.UnsafeHead) != 0,
        _ => false,
    };

    /// <summary>Draws <see cref="Needed"/> of the <see cref="Eligible"/> rows still to come, each equally likely (Knuth's algorithm S).</summary>
    sealed class Selection(Population population, long wanted)
    {
        public Population Population { get; } = population;
        public long Wanted { get; set; } = wanted;
        public long Eligible { get; set; }
        public long Needed { get; set; }
    }

    sealed class ListState(string key, CsvRowWriter csv, Random select, Random fill, Selection[] selections)
    {
        public string Key { get; } = key;
        public CsvRowWriter Csv { get; } = csv;
        public Random Select { get; } = select;
        public Random Fill { get; } = fill;
        public Selection[] Selections { get; } = selections;
        public long Filler { get; set; }
        public long FillerWritten { get; set; }
        public long Registered { get; set; }
    }

    GenerateDepartmentListsResult Generate(GenerateProvinceListsRequest request, string[] types, IProgress<string>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var n = request.Rows;

        // ---- pass 1: the registered persons' keys, and how many each population holds ----
        progress?.Report($"正在读取 {request.RegistryPath} 中的建档立卡人员……");
        var keys = new List<long>(1 << 20);
        var populationSizes = new long[Enum.GetValues<Population>().Length];
        long total = 0;
        string? province = null;
        using (var registry = new RegistryFile(request.RegistryPath))
        {
            foreach (var row in registry.Reader)
            {
                total++;
                if (total % 65536 == 0) ct.ThrowIfCancellationRequested();
                var traits = registry.TraitsOf(row, out var key);
                if (total % progressEvery == 0) progress?.Report(string.Create(CultureInfo.InvariantCulture, $"已读取 {total} 行（{watch.Elapsed.TotalSeconds:0.0} 秒）"));
                if ((traits & Traits.Valid) == 0) continue;
                keys.Add(key);
                province ??= (key / 1_000_000_000_000_000L).ToString(CultureInfo.InvariantCulture);
                for (var p = 0; p < populationSizes.Length; p++)
                {
                    if (In((Population)p, traits)) populationSizes[p]++;
                }
            }
        }
        if (province is null) throw new ArgumentException($"{request.RegistryPath} 中没有有效的证件号码", nameof(request));
        keys.Sort();
        var all = ProvincePlan.For(province).Counties.Select(c => c.Code).ToArray();
        var counties = all.Where(FillerIds.IssuesIds).DefaultIfEmpty(all[0]).ToArray();
        var fillerIds = new FillerIds(AsOf, counties[0], counties, key => CollectionsMarshal.AsSpan(keys).BinarySearch(key) >= 0, homeShare: 0);
        progress?.Report(string.Create(CultureInfo.InvariantCulture,
            $"建档立卡 {keys.Count} 人（{total} 行），省 {province}，{counties.Length} 个县级区划；每份名单 {n} 行（{watch.Elapsed.TotalSeconds:0.0} 秒）"));

        // ---- plan each list: how many registered rows from which population, the rest filler ----
        Directory.CreateDirectory(request.OutDir);
        var lists = new List<ListState>(types.Length);
        var manifestPath = Path.Combine(request.OutDir, PlantedManifest.FileName);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            foreach (var key in types)
            {
                var selections = Plan(key, n, populationSizes);
                var index = ListTypes.IndexOf(key);
                var csv = new CsvRowWriter(Path.Combine(request.OutDir, key + ".csv"));
                foreach (var h in DepartmentLists.Header(key)) csv.Cell(h);
                csv.EndRow();
                lists.Add(new ListState(key, csv, new Random(ProvincePlan.Mix(request.Seed, 0x2157_0100 + index)),
                    new Random(ProvincePlan.Mix(request.Seed, 0x2157_0200 + index)), selections)
                {
                    Filler = n - selections.Sum(s => s.Needed),
                });
            }

            // ---- pass 2: pick in file order, write filler in step so registered rows spread through each file ----
            using var manifest = new PlantedManifest(manifestPath);
            using var registry = new RegistryFile(request.RegistryPath);
            long seen = 0;
            foreach (var row in registry.Reader)
            {
                seen++;
                if (seen % 65536 == 0) ct.ThrowIfCancellationRequested();
                var traits = registry.TraitsOf(row, out var key);
                RegistryRow? person = null;
                foreach (var list in lists)
                {
                    for (var s = 0; s < list.Selections.Length; s++)
                    {
                        var sel = list.Selections[s];
                        if (!In(sel.Population, traits)) continue;
                        if (sel.Needed > 0 && list.Select.NextDouble() * sel.Eligible < sel.Needed)
                        {
                            person ??= registry.Person(row, key);
                            var rule = WriteRegistered(list, s, person.Value, traits);
                            if (rule is not null)
                            {
                                manifest.Add(rule, person.Value.IdText, person.Value.Household);
                                counts[rule] = counts.GetValueOrDefault(rule) + 1;
                            }
                            sel.Needed--;
                            list.Registered++;
                        }
                        sel.Eligible--;
                    }
                    for (var due = list.Filler * seen / total; list.FillerWritten < due; list.FillerWritten++) WriteFiller(list, fillerIds);
                }
                if (seen % progressEvery == 0)
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"已处理 {seen}/{total} 行（{watch.Elapsed.TotalSeconds:0.0} 秒）"));
            }
            foreach (var list in lists)
            {
                for (; list.FillerWritten < list.Filler; list.FillerWritten++) WriteFiller(list, fillerIds);
            }
        }
        finally
        {
            foreach (var list in lists) list.Csv.Dispose();
        }

        var files = lists.Select(l => new DepartmentListFile(l.Key, Path.Combine(request.OutDir, l.Key + ".csv"), l.Registered + l.Filler, l.Registered)).ToList();
        foreach (var f in files)
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"已写入 {f.Path}：{f.Rows} 行（建档立卡人员 {f.RegisteredRows} 行）"));
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"完成（{watch.Elapsed.TotalSeconds:0.0} 秒）"));
        var planted = GenerateDepartmentLists.DemoPlan.Where(p => counts.ContainsKey(p.Rule)).Select(p => new PlantedCount(p.Rule, counts[p.Rule])).ToList();
        return new GenerateDepartmentListsResult(files, planted, manifestPath);
    }

    /// <summary>
    /// Registered rows per list: a few percent where any row is a finding; on the lists of who should
    /// be there, nearly all of them (the rest are the absence findings) and a few who should not.
    /// Scaled down to fit when they would outnumber the rows.
    /// </summary>
    static Selection[] Plan(string key, long rows, long[] sizes)
    {
        long Share(double s) => (long)Math.Round(rows * s);
        long Most(Population p, double s) => (long)Math.Round(sizes[(int)p] * s);
        Selection[] selections = key switch
        {
            "deaths" => [new(Population.All, Share(0.03))],
            "payroll" => [new(Population.All, Share(0.02))],
            "vehicles" => [new(Population.All, Share(0.04))],
            "businesses" => [new(Population.All, Share(0.02))],
            "property" => [new(Population.All, Share(0.02))],
            "dibao" => [new(Population.Dibao, Most(Population.Dibao, 0.97)), new(Population.NotDibao, Share(0.005))],
            "tekun" => [new(Population.Tekun, Most(Population.Tekun, 0.97)), new(Population.NotTekunElderly, Share(0.002))],
            "medical-insurance" => [new(Population.All, Most(Population.All, 0.99))],
            "school-enrolment" => [new(Population.SchoolAge, Most(Population.SchoolAge, 0.98))],
            "unsafe-housing" => [new(Population.UnsafeHead, Most(Population.UnsafeHead, 0.9))],
            "disability" => [new(Population.Disabled, Most(Population.Disabled, 0.95)), new(Population.NotDisabled, Share(0.005))],
            "village-officials" => [new(Population.All, Share(0.01))],
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "unknown list type"),
        };
        foreach (var s in selections)
        {
            s.Eligible = sizes[(int)s.Population];
            s.Wanted = Math.Min(s.Wanted, s.Eligible);
        }
        var sum = selections.Sum(s => s.Wanted);
        foreach (var s in selections) s.Needed = sum <= rows ? s.Wanted : (long)((double)s.Wanted * rows / sum);
        return selections;
    }

    /// <summary>Writes a registered person's row; returns the rule it plants, if any.</summary>
    static string? WriteRegistered(ListState list, int selection, RegistryRow person, Traits traits)
    {
        var r = list.Select;
        var id = ResidentId.FromKey(person.Key);
        var places = CountyPlaces.For(id.RegionCode);
        var name = person.Name;
        string? rule = null;
        string?[] cells;
        switch (list.Key)
        {
            case "deaths":
                var died = r.Chance(0.6);
                rule = died ? ComparisonRules.Get(ComparisonRuleId.Deceased).Code : ComparisonRules.Get(ComparisonRuleId.MovedOut).Code;
                cells = [died ? "死亡" : "迁出", new DateOnly(2016, 1, 1).AddDays(r.Next(AsOf.DayNumber - new DateOnly(2016, 1, 1).DayNumber + 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
                break;
            case "payroll":
                cells = ListCells.Payroll(r, places);
                rule = ComparisonRules.Get(ComparisonRuleId.Payroll).Code;
                if (r.Chance(0.05))
                {
                    name = ListCells.OtherName(r, name, id.Gender, id.BirthDate.Year);
                    rule = ComparisonRules.Get(ComparisonRuleId.NameMismatch).Code;
                }
                break;
            case "vehicles":
                var car = r.Chance(0.5);
                cells = [car ? r.Pick(ListCells.Cars) : r.Pick(ListCells.FarmVehicles), ListCells.Plate(r, places)];
                rule = car ? ComparisonRules.Get(ComparisonRuleId.Vehicle).Code : null;
                if (r.Chance(0.03))
                {
                    name = ListCells.OtherName(r, name, id.Gender, id.BirthDate.Year);
                    rule = ComparisonRules.Get(ComparisonRuleId.NameMismatch).Code;
                }
                break;
            case "businesses":
                cells = ListCells.Business(r, places);
                rule = ComparisonRules.Get(ComparisonRuleId.Business).Code;
                break;
            case "property":
                cells = ListCells.Property(r, places);
                rule = ComparisonRules.Get(ComparisonRuleId.Property).Code;
                break;
            case "dibao":
                cells = ListCells.Dibao(r);
                rule = selection == 1 ? ComparisonRules.Get(ComparisonRuleId.DibaoNotRegistered).Code : null;
                break;
            case "tekun":
                cells = ListCells.Tekun(r);
                rule = selection == 1 ? ComparisonRules.Get(ComparisonRuleId.TekunNotRegistered).Code : null;
                break;
            case "medical-insurance":
                cells = [r.Chance(0.9) ? "城乡居民基本医疗保险" : "基本医疗保险"];
                break;
            case "school-enrolment":
                cells = ListCells.School(r, places, ListCells.AgeOn(id.BirthDate, AsOf));
                break;
            case "unsafe-housing":
                cells = [(traits & Traits.GradeD) != 0 ? "D" : "C", "已竣工"];
                break;
            case "disability":
                cells = ListCells.Disability(r, person.IdText);
                rule = selection == 1 ? ComparisonRules.Get(ComparisonRuleId.DisabilityNotFlagged).Code : null;
                break;
            case "village-officials":
                cells = ListCells.VillageOfficial(r);
                rule = ComparisonRules.Get(ComparisonRuleId.VillageOfficial).Code;
                break;
            default:
                throw new InvalidOperationException(list.Key);
        }
        var csv = list.Csv;
        csv.Cell(name);
        csv.Cell(person.IdText);
        foreach (var c in cells) csv.Cell(c);
        csv.EndRow();
        return rule;
    }

    static void WriteFiller(ListState list, FillerIds ids)
    {
        var (id, name, cells) = ListCells.Filler(list.Fill, list.Key, ids);
        var csv = list.Csv;
        csv.Cell(name);
        csv.Cell(id);
        foreach (var c in cells) csv.Cell(c);
        csv.EndRow();
    }

    /// <summary>The columns of a registered person a list row needs (read only for rows that are picked).</summary>
    readonly record struct RegistryRow(long Key, string Name, string? Household)
    {
        public string IdText => ResidentId.FromKey(Key).ToString();
    }

    /// <summary>The registry file open for one pass, and the columns the lists need.</summary>
    sealed class RegistryFile : IDisposable
    {
        readonly StreamReader _text;
        readonly int _id, _name, _household, _dibao, _tekun, _health, _grade, _relation;

        public RegistryFile(string path)
        {
            _text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 20 });
            Reader = Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true, DisableColCountCheck = true }).From(_text);
            var names = Reader.Header.ColNames;
            int Column(Field f, bool required)
            {
                for (var i = 0; i < names.Count; i++)
                {
                    if (Columns.Match(names[i]) == f) return i;
                }
                return required ? throw new ArgumentException($"{path} 没有“{Columns.Header(f, Layout.National)}”列", nameof(path)) : -1;
            }
            _id = Column(Field.IdNumber, true);
            _name = Column(Field.Name, true);
            _household = Column(Field.HouseholdNumber, false);
            _dibao = Column(Field.Dibao, false);
            _tekun = Column(Field.Tekun, false);
            _health = Column(Field.Health, false);
            _grade = Column(Field.HousingGrade, false);
            _relation = Column(Field.Relation, false);
        }

        public SepReader Reader { get; }

        static ReadOnlySpan<char> Cell(SepReader.Row row, int c) => c >= 0 && c < row.ColCount ? row[c].Span : [];

        /// <summary>The row's traits; <see cref="Traits.None"/> (and key 0) when its ID number is invalid.</summary>
        public Traits TraitsOf(SepReader.Row row, out long key)
        {
            if (!TryKey(Cell(row, _id), out key)) return Traits.None;
            var traits = Traits.Valid;
            var age = ListCells.AgeOn(ResidentId.FromKey(key).BirthDate, AsOf);
            if (age is >= 6 and <= 15) traits |= Traits.SchoolAge;
            if (age >= 60) traits |= Traits.Elderly;
            if (Cell(row, _dibao).SequenceEqual("是")) traits |= Traits.Dibao;
            if (Cell(row, _tekun).SequenceEqual("是")) traits |= Traits.Tekun;
            if (Cell(row, _health).Contains("残疾", StringComparison.Ordinal)) traits |= Traits.Disabled;
            var grade = Cell(row, _grade);
            if (grade.StartsWith("D", StringComparison.Ordinal)) traits |= Traits.GradeD;
            if ((grade.StartsWith("C", StringComparison.Ordinal) || grade.StartsWith("D", StringComparison.Ordinal)) && Cell(row, _relation).SequenceEqual("户主"))
                traits |= Traits.UnsafeHead;
            return traits;
        }

        public RegistryRow Person(SepReader.Row row, long key) =>
            new(key, Cell(row, _name).ToString(), _household >= 0 ? Cell(row, _household).ToString() : null);

        public void Dispose()
        {
            Reader.Dispose();
            _text.Dispose();
        }
    }

    static readonly DateOnly Today = DemoCounty.BusinessDate;

    /// <summary>An 18-character number read straight from the span; anything else through <see cref="ResidentId.Parse"/>.</summary>
    static bool TryKey(ReadOnlySpan<char> s, out long key)
    {
        key = 0;
        if (s.Length == 18 && !s[..17].ContainsAnyExceptInRange('0', '9') && s[17] == ResidentId.CheckCharFor(s) && s[0] != '0')
        {
            key = long.Parse(s[..17], CultureInfo.InvariantCulture);
            var ymd = (int)(key / 1000 % 100_000_000);
            int year = ymd / 10000, month = ymd / 100 % 100, day = ymd % 100;
            return year >= 1890 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
        }
        if (s.IsEmpty) return false;
        var parsed = ResidentId.Parse(s.ToString(), Today);
        if (!parsed.IsValid) return false;
        key = parsed.Id.Value.Key;
        return true;
    }
}
