using Fupin.Registry;

namespace Fupin.Assessment.Engine;

/// <summary>What a member brings to the household test, one byte: 基本医疗, a lawful out-of-school reason, and the schooling kind.</summary>
[Flags]
public enum MemberBits : byte
{
    None = 0,

    /// <summary>参加城乡居民基本医疗保险.</summary>
    BasicMedical = 1,

    /// <summary>A lawful reason not to be in school is recorded (OutOfSchoolReason not blank).</summary>
    Excused = 2,

    /// <summary>在校生状况 (or 文化程度) 学龄前儿童 / 学前教育: in school only up to 6 years old.</summary>
    Preschool = 4,

    /// <summary>In school (在校生状况 anything but 非在校生) or compulsory education completed (文化程度 初中 or above).</summary>
    InSchool = 8,
}

/// <summary>The 不愁吃穿 evidence of a household: no home visit of the year, or the latest visit's verdict.</summary>
public enum VisitState : byte { None = 0, Met = 1, NotMet = 2 }

/// <summary>
/// A registry as columns (struct of arrays): one slot per household and one per member, members of a
/// household contiguous (household h owns members [MemberStart[h], MemberStart[h + 1])). Holds exactly
/// what <see cref="HouseholdTest"/> reads, for one assessed year: about 32 bytes a household and 5 a member,
/// so a province of 2 million households and 7 million members fits in about 100 MB.
/// </summary>
public sealed class HouseholdColumns
{
    /// <summary>No 危房改造 recorded (day number).</summary>
    public const int NotRenovated = int.MaxValue;

    /// <summary>No income record of the assessed year.</summary>
    public const int NoIncome = -1;

    internal HouseholdColumns(int year, string[] villages, int households, int members,
        int[] village, int[] memberStart, bool[] poor, bool[] unsafeHouse, int[] renovatedOn, bool[] safeWater, byte[] visit,
        int[] incomeSize, long[] netIncome, int[] birth, MemberBits[] bits)
    {
        Year = year;
        Villages = villages;
        Households = households;
        Members = members;
        Village = village;
        MemberStart = memberStart;
        Poor = poor;
        UnsafeHouse = unsafeHouse;
        RenovatedOn = renovatedOn;
        SafeWater = safeWater;
        Visit = visit;
        IncomeSize = incomeSize;
        NetIncome = netIncome;
        Birth = birth;
        Bits = bits;
    }

    /// <summary>The year whose income records these are.</summary>
    public int Year { get; }

    /// <summary>Village keys (行政村代码, or 县/乡/村 names when the file has no code), indexed by <see cref="Village"/>.</summary>
    public string[] Villages { get; }

    public int Households { get; }
    public int Members { get; }

    // Per household (arrays may be longer than Households).
    public int[] Village { get; }

    /// <summary>Households + 1 entries: the first member of each household, then Members.</summary>
    public int[] MemberStart { get; }

    /// <summary>未脱贫 or 返贫.</summary>
    public bool[] Poor { get; }

    /// <summary>危房级别 C or D.</summary>
    public bool[] UnsafeHouse { get; }

    /// <summary>Day number of the 危房改造 acceptance, <see cref="NotRenovated"/> when none.</summary>
    public int[] RenovatedOn { get; }

    public bool[] SafeWater { get; }

    /// <summary><see cref="VisitState"/> per household.</summary>
    public byte[] Visit { get; }

    /// <summary>家庭人口数 of the year's income record (0: use the member count), <see cref="NoIncome"/> without a record of the year.</summary>
    public int[] IncomeSize { get; }

    /// <summary>纯收入 of the year in fen.</summary>
    public long[] NetIncome { get; }

    // Per member.
    /// <summary>Birth date as a day number (<see cref="DateOnly.DayNumber"/>).</summary>
    public int[] Birth { get; }

    public MemberBits[] Bits { get; }

    /// <summary>The schooling and insurance bits of a member, as <see cref="HouseholdTest"/> reads them.</summary>
    public static MemberBits BitsOf(string? education, string? studentStatus, string? outOfSchoolReason, bool basicMedical)
    {
        var bits = SchoolBits(education, studentStatus);
        if (basicMedical) bits |= MemberBits.BasicMedical;
        if (!string.IsNullOrWhiteSpace(outOfSchoolReason)) bits |= MemberBits.Excused;
        return bits;
    }

    /// <summary>
    /// Mirrors HouseholdTest.InSchoolOrCompleted: 学龄前儿童 / 学前教育 (in 在校生状况, or in 文化程度 when no
    /// 在校生状况) → in school only at 6 or younger; else a 在校生状况 other than 非在校生; else 文化程度 初中 or above.
    /// </summary>
    public static MemberBits SchoolBits(string? education, string? studentStatus)
    {
        var status = studentStatus ?? education;
        if (status is "学龄前儿童" or "学前教育") return MemberBits.Preschool;
        if (studentStatus is not null) return studentStatus != "非在校生" ? MemberBits.InSchool : MemberBits.None;
        return education is "初中" or "高中" or "大专" or "本科及以上" or "大专及以上" ? MemberBits.InSchool : MemberBits.None;
    }

    /// <summary>
    /// Columns from loaded households (members included; incomes of <paramref name="year"/> used, the first if several,
    /// as AssessHouseholds does), with the latest visit of the year per household id where given.
    /// </summary>
    public static HouseholdColumns From(IEnumerable<Household> households, int year, IReadOnlyDictionary<long, HouseholdVisit>? visits = null)
    {
        var b = new HouseholdColumnsBuilder(year);
        foreach (var h in households)
        {
            var income = h.Incomes.FirstOrDefault(i => i.Year == year);
            var visit = visits?.GetValueOrDefault(h.Id) is { } v ? v.FoodSecure && v.ClothingSecure ? VisitState.Met : VisitState.NotMet : VisitState.None;
            b.StartHousehold(b.VillageIndex(h.VillageCode), h.IsPoor, h.HousingGrade is HousingGrade.C or HousingGrade.D,
                h.HousingRenovatedOn?.DayNumber ?? NotRenovated, h.SafeDrinkingWater, visit,
                income is null ? NoIncome : Math.Max(0, income.HouseholdSize), income?.NetIncome ?? 0);
            foreach (var m in h.Members)
                b.AddMember(m.BirthDate.DayNumber, BitsOf(m.Education, m.StudentStatus, m.OutOfSchoolReason, m.HasBasicMedical));
        }
        return b.Build();
    }
}

/// <summary>Appends households and their members to growing columns.</summary>
public sealed class HouseholdColumnsBuilder(int year, int households = 1024, int members = 4096)
{
    readonly Dictionary<string, int> _villageIndex = new(StringComparer.Ordinal);
    readonly List<string> _villages = [];
    int _h, _m;
    int[] _village = new int[households];
    int[] _memberStart = new int[households + 1];
    bool[] _poor = new bool[households];
    bool[] _unsafe = new bool[households];
    int[] _renovated = new int[households];
    bool[] _water = new bool[households];
    byte[] _visit = new byte[households];
    int[] _size = new int[households];
    long[] _net = new long[households];
    int[] _birth = new int[members];
    MemberBits[] _bits = new MemberBits[members];

    public int Households => _h;

    public int VillageIndex(string key)
    {
        if (_villageIndex.TryGetValue(key, out var i)) return i;
        _villageIndex[key] = i = _villages.Count;
        _villages.Add(key);
        return i;
    }

    public void StartHousehold(int village, bool poor, bool unsafeHouse, int renovatedOn, bool safeWater, VisitState visit, int incomeSize, long netIncome)
    {
        if (_h == _village.Length)
        {
            var n = _h * 2;
            Array.Resize(ref _village, n);
            Array.Resize(ref _memberStart, n + 1);
            Array.Resize(ref _poor, n);
            Array.Resize(ref _unsafe, n);
            Array.Resize(ref _renovated, n);
            Array.Resize(ref _water, n);
            Array.Resize(ref _visit, n);
            Array.Resize(ref _size, n);
            Array.Resize(ref _net, n);
        }
        _village[_h] = village;
        _memberStart[_h] = _m;
        _poor[_h] = poor;
        _unsafe[_h] = unsafeHouse;
        _renovated[_h] = renovatedOn;
        _water[_h] = safeWater;
        _visit[_h] = (byte)visit;
        _size[_h] = incomeSize;
        _net[_h] = netIncome;
        _h++;
    }

    public void AddMember(int birthDayNumber, MemberBits bits)
    {
        if (_h == 0) throw new InvalidOperationException("a member before any household");
        if (_m == _birth.Length)
        {
            Array.Resize(ref _birth, _m * 2);
            Array.Resize(ref _bits, _m * 2);
        }
        _birth[_m] = birthDayNumber;
        _bits[_m] = bits;
        _m++;
    }

    public HouseholdColumns Build()
    {
        _memberStart[_h] = _m;
        return new HouseholdColumns(year, [.. _villages], _h, _m, _village, _memberStart, _poor, _unsafe, _renovated, _water, _visit, _size, _net, _birth, _bits);
    }
}
