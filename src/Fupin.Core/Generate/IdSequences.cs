using Fupin.Registry;

namespace Fupin.Generate;

/// <summary>
/// Unique resident ID numbers for one county at a time, by construction: the k-th person of a birth
/// date and sex gets the k-th of 499 distinct sequence numbers (a stride through them from a start
/// that differs per date, so numbers do not all begin at 001). The counters cover every date a living
/// person can have and are cleared when the county changes, so memory does not grow with the file.
/// </summary>
internal sealed class IdSequences
{
    const int Capacity = 499; // prime: any stride below it visits every slot once
    const int Stride = 211;
    static readonly DateOnly Earliest = new(1900, 1, 1);

    readonly ushort[] _used;
    readonly int _lastDay;
    long _county;

    public IdSequences(DateOnly latest)
    {
        _lastDay = latest.DayNumber;
        _used = new ushort[(_lastDay - Earliest.DayNumber + 1) * 2];
    }

    public void StartCounty(string countyCode)
    {
        Array.Clear(_used);
        _county = long.Parse(countyCode, System.Globalization.CultureInfo.InvariantCulture);
    }

    public ResidentId Next(DateOnly birth, Gender gender)
    {
        if (birth < Earliest || birth.DayNumber > _lastDay) throw new ArgumentOutOfRangeException(nameof(birth), birth, "birth date outside the generated range");
        var male = gender == Gender.Male;
        var slot = ((birth.DayNumber - Earliest.DayNumber) * 2) + (male ? 1 : 0);
        var k = _used[slot]++;
        if (k >= Capacity)
            throw new InvalidOperationException($"县{_county}出生于{birth:yyyy-MM-dd}的{(male ? "男" : "女")}性已超过{Capacity}人，顺序码不够用；请减少户数或换一个更大的省");
        var start = (int)((uint)ProvincePlan.Mix(_county, slot) % Capacity);
        var s = 1 + ((start + (k * Stride)) % Capacity);     // 1..499
        var sequence = male ? (2 * s) - 1 : 2 * s;           // odd for men: 1..997, even for women: 2..998
        var date = (birth.Year * 10_000L) + (birth.Month * 100L) + birth.Day;
        return ResidentId.FromKey((((_county * 100_000_000L) + date) * 1000L) + sequence);
    }
}
