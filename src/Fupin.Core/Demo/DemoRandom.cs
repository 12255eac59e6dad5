namespace Fupin.Demo;

/// <summary>
/// Draws on the one seeded <see cref="Random"/> of a demo run. Every draw goes through the same
/// instance in a fixed order, so a seed always yields the same county.
/// </summary>
internal static class DemoRandom
{
    public static bool Chance(this Random r, double p) => r.NextDouble() < p;

    public static double Between(this Random r, double min, double max) => min + (r.NextDouble() * (max - min));

    /// <summary>An integer in [min, max], both ends included.</summary>
    public static int Inclusive(this Random r, int min, int max) => r.Next(min, max + 1);

    public static T Pick<T>(this Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    /// <summary>Picks by weight; weights need not sum to one.</summary>
    public static T Weighted<T>(this Random r, IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = 0.0;
        foreach (var (_, w) in items) total += w;
        var x = r.NextDouble() * total;
        foreach (var (item, w) in items)
        {
            if (x < w) return item;
            x -= w;
        }
        return items[^1].Item;
    }

    /// <summary>Standard normal by Box–Muller (two uniform draws each time, to keep the stream simple).</summary>
    public static double Normal(this Random r)
    {
        var u1 = 1.0 - r.NextDouble();
        var u2 = r.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double Normal(this Random r, double mean, double sd) => mean + (sd * r.Normal());

    /// <summary>Log-normal with the given median and log-scale spread.</summary>
    public static double LogNormal(this Random r, double median, double sigma) => median * Math.Exp(sigma * r.Normal());

    /// <summary>A digit string of the given length (leading zeros allowed).</summary>
    public static string Digits(this Random r, int length)
    {
        Span<char> buffer = stackalloc char[length];
        for (var i = 0; i < length; i++) buffer[i] = (char)('0' + r.Next(10));
        return new string(buffer);
    }
}
