using System.Runtime.CompilerServices;

namespace Fupin.Verification;

/// <summary>What the comparison needs to know of a registered member beyond ID, name and age.</summary>
[Flags]
public enum PersonFlags : byte
{
    None = 0,

    /// <summary>是否享受低保 = 是.</summary>
    Dibao = 1,

    /// <summary>是否特困供养 = 是.</summary>
    Tekun = 2,

    /// <summary>健康状况 includes 残疾.</summary>
    Disabled = 4,
}

/// <summary>One finding of the engine: a rule and its subject (a person or household index), and the list row behind it (-1 for an absence).</summary>
public readonly record struct ComparisonHit(ComparisonRuleId Rule, int Subject, long RowRef);

/// <summary>
/// The registry side of a comparison, held column-wise so that seven million members fit in a few
/// hundred megabytes: per member the ID key (in an <see cref="IdKeyTable"/>), a name code
/// (<see cref="NameCode"/>), the household index, the flags and the birth date; per household
/// whether the register grades its house C or D. Members without a valid ID cannot be matched and
/// are left out (their ID is a data-quality problem).
/// </summary>
public sealed class ComparisonRegistry
{
    readonly IdKeyTable _ids;
    readonly int _capacity;
    ulong[] _names;
    int[] _households;
    PersonFlags[] _flags;
    int[] _births;
    bool[] _unsafeHouses;

    /// <param name="expectedPersons">At most this many members will be added (the key table does not grow).</param>
    /// <param name="expectedHouseholds">Households expected; more are allowed.</param>
    public ComparisonRegistry(int expectedPersons, int expectedHouseholds)
    {
        _ids = new IdKeyTable(expectedPersons);
        _capacity = expectedPersons;
        _names = new ulong[Math.Max(16, expectedPersons)];
        _households = new int[_names.Length];
        _flags = new PersonFlags[_names.Length];
        _births = new int[_names.Length];
        _unsafeHouses = new bool[Math.Max(16, expectedHouseholds)];
    }

    public int Persons { get; private set; }
    public int Households { get; private set; }

    /// <summary>Members whose ID number was already taken by an earlier member (the earlier one is matched).</summary>
    public int DuplicateIds { get; private set; }

    public int AddHousehold(bool unsafeHouse)
    {
        if (Households == _unsafeHouses.Length) Array.Resize(ref _unsafeHouses, Households * 2);
        _unsafeHouses[Households] = unsafeHouse;
        return Households++;
    }

    /// <summary>Adds a member of the last household added; returns its index, or -1 when the ID is already held.</summary>
    public int AddPerson(long idKey, ulong nameCode, int household, PersonFlags flags, DateOnly birth)
    {
        if ((uint)household >= (uint)Households) throw new ArgumentOutOfRangeException(nameof(household));
        if (Persons == _capacity) throw new InvalidOperationException($"more than the {_capacity} members expected");
        if (!_ids.TryAdd(idKey, Persons))
        {
            DuplicateIds++;
            return -1;
        }
        if (Persons == _names.Length)
        {
            var n = Persons * 2;
            Array.Resize(ref _names, n);
            Array.Resize(ref _households, n);
            Array.Resize(ref _flags, n);
            Array.Resize(ref _births, n);
        }
        _names[Persons] = nameCode;
        _households[Persons] = household;
        _flags[Persons] = flags;
        _births[Persons] = birth.DayNumber;
        return Persons++;
    }

    /// <summary>The member holding this ID key, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long idKey) => _ids.Find(idKey);

    /// <summary>The members holding these ID keys (-1 where none): cheaper per key than <see cref="Find"/> in a loop.</summary>
    public void FindBatch(ReadOnlySpan<long> idKeys, Span<int> persons) => _ids.FindBatch(idKeys, persons);

    public ulong NameOf(int person) => _names[person];
    public int HouseholdOf(int person) => _households[person];
    public PersonFlags FlagsOf(int person) => _flags[person];
    public int BirthDayNumberOf(int person) => _births[person];
    public bool IsUnsafeHouse(int household) => _unsafeHouses[household];

    /// <summary>
    /// A name as a 64-bit code for comparison: spaces (also full-width) removed; up to four
    /// characters packed exactly, longer names hashed. 0 for an empty name (nothing to compare).
    /// </summary>
    public static ulong NameCode(ReadOnlySpan<char> name)
    {
        ulong packed = 0, hash = 14695981039346656037UL;
        var length = 0;
        foreach (var c in name)
        {
            if (c is ' ' or '\u3000' or '\t' || char.IsWhiteSpace(c)) continue;
            length++;
            packed = (packed << 16) | c;
            hash = (hash ^ c) * 1099511628211UL;
        }
        return length == 0 ? 0 : length <= 4 ? packed : hash | 1UL << 63;
    }
}

/// <summary>
/// The matches of one department list against a <see cref="ComparisonRegistry"/>: the caller finds
/// each row's member (<see cref="ComparisonRegistry.Find"/>) and reports the hits here. A scan is used
/// by one thread; scans of parts of one list are joined with <see cref="Merge"/>.
/// </summary>
public sealed class ListScan
{
    readonly ComparisonRegistry _registry;
    readonly ulong[] _present;
    readonly ulong[]? _listedUnsafe;
    readonly ulong[]? _renovated;

    public ListScan(ComparisonRegistry registry, string type)
    {
        if (ListTypes.Find(type) is null) throw new ArgumentException($"unknown list type {type}", nameof(type));
        _registry = registry;
        Type = type;
        _present = new ulong[(registry.Persons + 63) / 64];
        if (type == ListTypes.UnsafeHousing)
        {
            _listedUnsafe = new ulong[(registry.Households + 63) / 64];
            _renovated = new ulong[(registry.Households + 63) / 64];
        }
    }

    public string Type { get; }

    /// <summary>Rows that named a registered member (with a consistent name).</summary>
    public long Matched { get; private set; }

    /// <summary>First row per (rule, subject) of the findings this list raises by itself.</summary>
    internal Dictionary<(ComparisonRuleId Rule, int Subject), long> Raised { get; } = [];

    /// <summary>First row per member whose name differs from the list's.</summary>
    internal Dictionary<int, long> NameMismatches { get; } = [];

    internal bool IsPresent(int person) => Get(_present, person);
    internal bool IsListedUnsafe(int household) => _listedUnsafe is not null && Get(_listedUnsafe, household);
    internal bool IsRenovated(int household) => _renovated is not null && Get(_renovated, household);

    /// <summary>A list row whose ID is held by <paramref name="person"/>; kind and status are the row's <see cref="ListSlot"/> values.</summary>
    public void Hit(int person, ulong nameCode, ReadOnlySpan<char> kind, ReadOnlySpan<char> status, long rowRef)
    {
        var registered = _registry.NameOf(person);
        if (nameCode != 0 && registered != 0 && nameCode != registered)
        {
            NameMismatches.TryAdd(person, rowRef);
            return;
        }
        Matched++;
        var flags = _registry.FlagsOf(person);
        switch (Type)
        {
            case ListTypes.Deaths:
                if (kind.Contains("死亡", StringComparison.Ordinal)) Raise(ComparisonRuleId.Deceased, person, rowRef);
                else if (kind.Contains("迁出", StringComparison.Ordinal)) Raise(ComparisonRuleId.MovedOut, person, rowRef);
                break;
            case ListTypes.Payroll:
                Raise(ComparisonRuleId.Payroll, person, rowRef);
                break;
            case ListTypes.Vehicles:
                if (!IsFarmVehicle(kind)) Raise(ComparisonRuleId.Vehicle, person, rowRef);
                break;
            case ListTypes.Businesses:
                Raise(ComparisonRuleId.Business, person, rowRef);
                break;
            case ListTypes.Property:
                Raise(ComparisonRuleId.Property, person, rowRef);
                break;
            case ListTypes.VillageOfficials:
                Raise(ComparisonRuleId.VillageOfficial, person, rowRef);
                break;
            case ListTypes.Dibao:
                Set(_present, person);
                if ((flags & PersonFlags.Dibao) == 0) Raise(ComparisonRuleId.DibaoNotRegistered, person, rowRef);
                break;
            case ListTypes.Tekun:
                Set(_present, person);
                if ((flags & PersonFlags.Tekun) == 0) Raise(ComparisonRuleId.TekunNotRegistered, person, rowRef);
                break;
            case ListTypes.Disability:
                Set(_present, person);
                if ((flags & PersonFlags.Disabled) == 0) Raise(ComparisonRuleId.DisabilityNotFlagged, person, rowRef);
                break;
            case ListTypes.MedicalInsurance:
                if (kind.IsEmpty || kind.Contains("基本医疗", StringComparison.Ordinal)) Set(_present, person);
                break;
            case ListTypes.SchoolEnrolment:
                Set(_present, person);
                break;
            case ListTypes.UnsafeHousing:
                var household = _registry.HouseholdOf(person);
                if (kind.ContainsAny('C', 'D') || kind.ContainsAny('Ｃ', 'Ｄ'))
                {
                    Set(_listedUnsafe!, household);
                    Raised.TryAdd((ComparisonRuleId.UnsafeHousing, household), rowRef);
                }
                if (status.Contains("已竣工", StringComparison.Ordinal) || status.Contains("已改造", StringComparison.Ordinal) || status.SequenceEqual("竣工"))
                    Set(_renovated!, household);
                break;
        }
    }

    /// <summary>Adds what another scan of the same list found (a part read by another thread); the earlier row wins.</summary>
    public void Merge(ListScan other)
    {
        if (other.Type != Type || other._registry != _registry) throw new ArgumentException("scans of different lists", nameof(other));
        Matched += other.Matched;
        Or(_present, other._present);
        if (_listedUnsafe is not null) Or(_listedUnsafe, other._listedUnsafe!);
        if (_renovated is not null) Or(_renovated, other._renovated!);
        foreach (var (k, row) in other.Raised)
            Raised[k] = Raised.TryGetValue(k, out var mine) ? Math.Min(mine, row) : row;
        foreach (var (k, row) in other.NameMismatches)
            NameMismatches[k] = NameMismatches.TryGetValue(k, out var mine) ? Math.Min(mine, row) : row;
    }

    /// <summary>拖拉机, 三轮汽车, 低速货车, 农用运输车, 联合收割机, 摩托车: not counted as a car.</summary>
    public static bool IsFarmVehicle(ReadOnlySpan<char> kind) =>
        kind.Contains("拖拉机", StringComparison.Ordinal) || kind.Contains("农用", StringComparison.Ordinal)
        || kind.Contains("三轮", StringComparison.Ordinal) || kind.Contains("低速", StringComparison.Ordinal)
        || kind.Contains("收割", StringComparison.Ordinal) || kind.Contains("摩托", StringComparison.Ordinal);

    void Raise(ComparisonRuleId rule, int person, long rowRef) => Raised.TryAdd((rule, person), rowRef);

    static void Set(ulong[] bits, int i) => bits[i >> 6] |= 1UL << (i & 63);
    static bool Get(ulong[] bits, int i) => (bits[i >> 6] & (1UL << (i & 63))) != 0;

    static void Or(ulong[] into, ulong[] from)
    {
        for (var i = 0; i < into.Length; i++) into[i] |= from[i];
    }
}

/// <summary>
/// Turns the scans of the loaded lists into findings (docs/verification.md, "Comparison rules"):
/// what the rows raised, plus the absence rules of each loaded list. A rule whose list is not loaded
/// is skipped, not passed.
/// </summary>
public static class Comparison
{
    public sealed record Outcome(IReadOnlyList<ComparisonHit> Hits, IReadOnlyList<ComparisonRuleId> Evaluated, IReadOnlyList<ComparisonRuleId> Skipped);

    /// <param name="scans">At most one (merged) scan per list type, with the list's as-of date.</param>
    public static Outcome Evaluate(ComparisonRegistry registry, IReadOnlyList<(ListScan Scan, DateOnly AsOf)> scans)
    {
        var byType = scans.ToDictionary(s => s.Scan.Type, StringComparer.Ordinal);
        var evaluated = ComparisonRules.All
            .Where(r => r.Id == ComparisonRuleId.NameMismatch ? scans.Count > 0 : r.Lists.All(byType.ContainsKey))
            .Select(r => r.Id).ToHashSet();
        var hits = new List<ComparisonHit>();

        foreach (var (scan, _) in scans)
        {
            foreach (var ((rule, subject), row) in scan.Raised)
            {
                if (rule == ComparisonRuleId.MovedOut && scan.Raised.ContainsKey((ComparisonRuleId.Deceased, subject))) continue;
                if (rule == ComparisonRuleId.UnsafeHousing) continue; // decided per household below
                hits.Add(new ComparisonHit(rule, subject, row));
            }
        }

        var mismatches = new Dictionary<int, long>();
        foreach (var (scan, _) in scans.OrderBy(s => ListTypes.IndexOf(s.Scan.Type)))
        {
            foreach (var (person, row) in scan.NameMismatches) mismatches.TryAdd(person, row);
        }
        hits.AddRange(mismatches.Select(m => new ComparisonHit(ComparisonRuleId.NameMismatch, m.Key, m.Value)));

        Absent(ListTypes.Dibao, ComparisonRuleId.DibaoNotListed, p => (registry.FlagsOf(p) & PersonFlags.Dibao) != 0);
        Absent(ListTypes.Tekun, ComparisonRuleId.TekunNotListed, p => (registry.FlagsOf(p) & PersonFlags.Tekun) != 0);
        Absent(ListTypes.Disability, ComparisonRuleId.DisabilityNotListed, p => (registry.FlagsOf(p) & PersonFlags.Disabled) != 0);
        Absent(ListTypes.MedicalInsurance, ComparisonRuleId.Uninsured, _ => true);
        if (byType.TryGetValue(ListTypes.SchoolEnrolment, out var school))
        {
            // Aged 6 to 15 on the as-of date: born after the date 16 years before, and on or before the date 6 years before.
            var oldest = school.AsOf.AddYears(-16).DayNumber;
            var youngest = school.AsOf.AddYears(-6).DayNumber;
            Absent(ListTypes.SchoolEnrolment, ComparisonRuleId.NotEnrolled, p => registry.BirthDayNumberOf(p) > oldest && registry.BirthDayNumberOf(p) <= youngest);
        }
        if (byType.TryGetValue(ListTypes.UnsafeHousing, out var housing))
        {
            for (var h = 0; h < registry.Households; h++)
            {
                if ((registry.IsUnsafeHouse(h) || housing.Scan.IsListedUnsafe(h)) && !housing.Scan.IsRenovated(h))
                    hits.Add(new ComparisonHit(ComparisonRuleId.UnsafeHousing, h, housing.Scan.Raised.GetValueOrDefault((ComparisonRuleId.UnsafeHousing, h), -1)));
            }
        }

        hits.Sort((a, b) => a.Rule != b.Rule ? a.Rule.CompareTo(b.Rule) : a.Subject.CompareTo(b.Subject));
        var skipped = ComparisonRules.All.Select(r => r.Id).Where(id => !evaluated.Contains(id)).ToList();
        return new Outcome(hits, [.. evaluated.Order()], skipped);

        void Absent(string type, ComparisonRuleId rule, Func<int, bool> expected)
        {
            if (!byType.TryGetValue(type, out var s)) return;
            for (var p = 0; p < registry.Persons; p++)
            {
                if (expected(p) && !s.Scan.IsPresent(p)) hits.Add(new ComparisonHit(rule, p, -1));
            }
        }
    }
}
