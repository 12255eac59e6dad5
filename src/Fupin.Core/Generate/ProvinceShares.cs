namespace Fupin.Generate;

/// <summary>
/// How the national sample spreads its households over the provinces. An approximation, not a
/// sourced table: the weights are the rural poor by province at the end of 2014 in 万人, rounded, as
/// the national statistics bureau's poverty monitoring (中国农村贫困监测报告 2015) gave them from
/// memory, not checked against the report; they sum to about 7,000万 (the bureau's 7,017万), while the
/// registry (建档立卡) held about 8,962万 persons in 2,948万 households, so only the shares are used.
/// The three municipalities and the eastern provinces registered few or none under the national line
/// (their own low-income programmes instead); they get small shares so that every province's real
/// codes appear in the sample.
/// </summary>
internal static class ProvinceShares
{
    /// <summary>About 29 million households in the national registry at its 2014 peak (2,948万户).</summary>
    public const int NationalHouseholds = 29_000_000;

    /// <summary>The national sample takes one household in ten.</summary>
    public const double SampleShare = 0.1;

    public static IReadOnlyList<(string Province, double Weight)> All { get; } =
    [
        ("11", 5), ("12", 5), ("13", 320), ("14", 269), ("15", 98), ("21", 117), ("22", 81), ("23", 115),
        ("31", 3), ("32", 95), ("33", 50), ("34", 309), ("35", 45), ("36", 276), ("37", 242), ("41", 565),
        ("42", 323), ("43", 532), ("44", 115), ("45", 540), ("46", 50), ("50", 119), ("51", 625), ("52", 623),
        ("53", 574), ("54", 61), ("61", 350), ("62", 417), ("63", 52), ("64", 45), ("65", 212),
    ];

    /// <summary>Households per province for a sample of <paramref name="total"/> households (largest remainder, code order).</summary>
    public static int[] Apportion(int total) => ProvincePlan.Apportion([.. All.Select(p => p.Weight)], total);
}
