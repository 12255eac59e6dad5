using Fupin.Registry;

namespace Fupin.Assessment.Engine;

/// <summary>The assessment's parameters, as in <see cref="AssessHouseholdsRequest"/>: the year's line in yuan, the margin, the as-of date and k.</summary>
/// <param name="Threads">Workers; 0 for one per processor.</param>
public sealed record BulkAssessOptions(int LineYuan, DateOnly AsOf, decimal Margin = HouseholdTest.DefaultMargin, double Cutoff = AssessHouseholds.DefaultCutoff, int Threads = 0)
{
    /// <summary>The least number of indicators 不达标 for a person to be multidimensionally poor (as AssessHouseholds computes it).</summary>
    public int MinDeprivations => Math.Max(1, (int)Math.Ceiling((Cutoff * BulkAssessor.IndicatorCount) - 1e-9));
}

/// <summary>
/// One village's sums, field for field those of AssessHouseholds (<see cref="RegionAssessment"/>):
/// households, persons, poor households and persons, per indicator 不达标 and 未核实 households,
/// Alkire–Foster q and deprivation sum over persons, meeting the exit standard, meeting it but for
/// 未核实, and unstable income.
/// </summary>
public sealed record VillageTally(
    string Village, int Households, int Persons, int PoorHouseholds, int PoorPersons,
    IReadOnlyList<int> NotMet, IReadOnlyList<int> Unverified,
    int AfPoorPersons, int AfDeprivations, int MeetingExit, int MeetingExceptUnverified, int Unstable)
{
    /// <summary>The same sums from a row of an AssessHouseholds report.</summary>
    public static VillageTally Of(RegionAssessment r) => new(r.Code, r.Households, r.Persons, r.PoorHouseholds, r.PoorPersons,
        [.. r.Failing.Select(f => f.NotMet)], [.. r.Failing.Select(f => f.Unverified)],
        r.Af.PoorPersons, r.Af.DeprivationSum, r.MeetingExit, r.MeetingExceptUnverified, r.Unstable);

    /// <summary>Every field as one comma-separated line (for comparing and for files).</summary>
    public string Line => string.Join(',', new object[] { Village, Households, Persons, PoorHouseholds, PoorPersons }
        .Concat(NotMet.Select(n => (object)n)).Concat(Unverified.Select(n => (object)n))
        .Concat([AfPoorPersons, AfDeprivations, MeetingExit, MeetingExceptUnverified, Unstable])
        .Select(o => Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture)));

    public static string Header => "village,households,persons,poor_households,poor_persons,"
        + string.Join(',', Enum.GetValues<Indicator>().Select(i => "notmet_" + i.ToString().ToLowerInvariant())) + ","
        + string.Join(',', Enum.GetValues<Indicator>().Select(i => "unverified_" + i.ToString().ToLowerInvariant()))
        + ",af_poor_persons,af_deprivations,meeting_exit,meeting_except_unverified,unstable";

    public bool SameAs(VillageTally o) => Line == o.Line;
}

/// <summary>
/// The household test of <see cref="HouseholdTest"/> over <see cref="HouseholdColumns"/> with the sums of
/// AssessHouseholds per village, without objects or evidence texts: a pass over the columns, split into
/// blocks of households taken by all processors in turn, each worker summing into its own table of
/// villages, the tables added at the end. Same states, same sums (tests prove it on hand-built and
/// generated registries).
/// </summary>
public static class BulkAssessor
{
    public const int IndicatorCount = 6;

    // Slots of a village's sums in a worker's table.
    const int Households = 0, Persons = 1, PoorHouseholds = 2, PoorPersons = 3, AfPoor = 4, AfDeprivations = 5,
        MeetingExit = 6, MeetingExceptUnverified = 7, Unstable = 8, NotMet = 9, Unverified = NotMet + IndicatorCount, Width = Unverified + IndicatorCount;

    const int BlockSize = 16_384;

    /// <summary>Per village (in the order of <see cref="HouseholdColumns.Villages"/>), the sums of AssessHouseholds.</summary>
    public static VillageTally[] Assess(HouseholdColumns c, BulkAssessOptions o)
    {
        var sums = Sum(c, o);
        var result = new VillageTally[c.Villages.Length];
        for (var v = 0; v < result.Length; v++)
        {
            var s = sums.AsSpan(v * Width, Width);
            result[v] = new VillageTally(c.Villages[v], s[Households], s[Persons], s[PoorHouseholds], s[PoorPersons],
                s.Slice(NotMet, IndicatorCount).ToArray(), s.Slice(Unverified, IndicatorCount).ToArray(),
                s[AfPoor], s[AfDeprivations], s[MeetingExit], s[MeetingExceptUnverified], s[Unstable]);
        }
        return result;
    }

    /// <summary>The sums as one table: village v's at [v × 21, v × 21 + 21), in the slot order of <see cref="VillageTally.Header"/> after the village.</summary>
    public static int[] Sum(HouseholdColumns c, BulkAssessOptions o)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(o.Margin, 1m, nameof(o.Margin));
        var ctx = new Context(c, o);
        var workers = Math.Max(1, Math.Min(o.Threads > 0 ? o.Threads : Environment.ProcessorCount, (c.Households + BlockSize - 1) / BlockSize));
        var tables = new int[workers][];
        var next = -1;
        void Work(int w)
        {
            var table = tables[w] = new int[c.Villages.Length * Width];
            int b;
            while ((b = Interlocked.Increment(ref next)) * (long)BlockSize < c.Households)
                ctx.Block(b * BlockSize, Math.Min(c.Households, (b + 1) * BlockSize), table);
        }
        if (workers == 1) Work(0);
        else
        {
            var threads = Enumerable.Range(1, workers - 1).Select(w => new Thread(() => Work(w)) { IsBackground = true }).ToList();
            foreach (var t in threads) t.Start();
            Work(0);
            foreach (var t in threads) t.Join();
        }
        var total = tables[0];
        for (var w = 1; w < workers; w++)
        {
            var t = tables[w];
            for (var i = 0; i < total.Length; i++) total[i] += t[i];
        }
        return total;
    }

    /// <summary>The constants of a run: the birth-date bounds of the ages, the line and the unstable bound.</summary>
    sealed class Context
    {
        readonly HouseholdColumns _c;
        readonly int _minDeprivations;
        readonly long _lineFen;
        readonly decimal _marginLine;
        readonly long _marginLineFen; // when margin × line is whole fen (1.1 × 353500 = 388850), compared as integers
        readonly bool _wholeMarginLine;
        readonly int _asOf;

        // Age on the as-of date: age ≥ n ⇔ birth ≤ bound(n) (ages fall as birth dates rise).
        readonly int _born6, _born7, _born16;

        public Context(HouseholdColumns c, BulkAssessOptions o)
        {
            _c = c;
            _minDeprivations = o.MinDeprivations;
            _lineFen = o.LineYuan * 100L;
            _marginLine = o.Margin * _lineFen;
            _wholeMarginLine = decimal.Truncate(_marginLine) == _marginLine;
            _marginLineFen = _wholeMarginLine ? (long)_marginLine : 0;
            _asOf = o.AsOf.DayNumber;
            _born6 = LatestBirthOfAge(HouseholdTest.SchoolAgeFrom, o.AsOf);
            _born7 = LatestBirthOfAge(HouseholdTest.SchoolAgeFrom + 1, o.AsOf);
            _born16 = LatestBirthOfAge(HouseholdTest.SchoolAgeTo + 1, o.AsOf);
        }

        /// <summary>The last birth date (day number) of someone at least <paramref name="age"/> on <paramref name="asOf"/>, by <see cref="Member.Age"/> itself.</summary>
        static int LatestBirthOfAge(int age, DateOnly asOf)
        {
            var b = asOf.AddYears(-age);
            while (Member.Age(b, asOf) < age) b = b.AddDays(-1);
            while (Member.Age(b.AddDays(1), asOf) >= age) b = b.AddDays(1);
            return b.DayNumber;
        }

        public void Block(int from, int to, int[] table)
        {
            var c = _c;
            var village = c.Village;
            var memberStart = c.MemberStart;
            var poorColumn = c.Poor;
            var unsafeHouse = c.UnsafeHouse;
            var renovated = c.RenovatedOn;
            var water = c.SafeWater;
            var visit = c.Visit;
            var incomeSize = c.IncomeSize;
            var netIncome = c.NetIncome;
            var birth = c.Birth;
            var bits = c.Bits;
            for (var h = from; h < to; h++)
            {
                int m0 = memberStart[h], m1 = memberStart[h + 1];
                var persons = m1 - m0;

                // 义务教育 and 基本医疗 over the members.
                var education = false; // some member of school age out of school without a lawful reason
                var medical = false;   // some member without basic medical insurance
                for (var m = m0; m < m1; m++)
                {
                    var mb = bits[m];
                    if ((mb & MemberBits.BasicMedical) == 0) medical = true;
                    var b = birth[m];
                    if (b > _born16 && b <= _born6 && (mb & (MemberBits.InSchool | MemberBits.Excused)) == 0
                        && !((mb & MemberBits.Preschool) != 0 && b > _born7))
                        education = true;
                }

                // 收入: 0 达标, 1 不达标, 2 未核实.
                int income;
                var unstable = false;
                var size = incomeSize[h];
                if (size < 0) income = 2;
                else
                {
                    if (size == 0) size = persons;
                    if (size <= 0) income = 2;
                    else
                    {
                        var net = netIncome[h];
                        if (net < _lineFen * size) income = 1;
                        else
                        {
                            income = 0;
                            unstable = _wholeMarginLine ? net < _marginLineFen * size : net < _marginLine * size;
                        }
                    }
                }
                var food = visit[h] switch { (byte)VisitState.Met => 0, (byte)VisitState.NotMet => 1, _ => 2 };
                var housing = unsafeHouse[h] && renovated[h] > _asOf;
                var noWater = !water[h];

                var s = village[h] * Width;
                table[s + Households]++;
                table[s + Persons] += persons;
                var deprived = (income == 1 ? 1 : 0) + (food == 1 ? 1 : 0) + (education ? 1 : 0) + (medical ? 1 : 0) + (housing ? 1 : 0) + (noWater ? 1 : 0);
                var unverified = (income == 2 ? 1 : 0) + (food == 2 ? 1 : 0);
                if (poorColumn[h])
                {
                    table[s + PoorHouseholds]++;
                    table[s + PoorPersons] += persons;
                    if (deprived == 0)
                    {
                        table[s + MeetingExceptUnverified]++;
                        if (unverified == 0) table[s + MeetingExit]++;
                    }
                }
                if (unstable) table[s + Unstable]++;
                if (income == 1) table[s + NotMet + (int)Indicator.Income]++;
                else if (income == 2) table[s + Unverified + (int)Indicator.Income]++;
                if (food == 1) table[s + NotMet + (int)Indicator.FoodAndClothing]++;
                else if (food == 2) table[s + Unverified + (int)Indicator.FoodAndClothing]++;
                if (education) table[s + NotMet + (int)Indicator.Education]++;
                if (medical) table[s + NotMet + (int)Indicator.Medical]++;
                if (housing) table[s + NotMet + (int)Indicator.Housing]++;
                if (noWater) table[s + NotMet + (int)Indicator.Water]++;
                if (deprived >= _minDeprivations)
                {
                    table[s + AfPoor] += persons;
                    table[s + AfDeprivations] += deprived * persons;
                }
            }
        }
    }
}
