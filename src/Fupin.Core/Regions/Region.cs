using Fupin.Registry;

namespace Fupin.Regions;

/// <summary>
/// A statistical division: province (2-digit code), city (4), county (6), township (9) or village (12).
/// Reference data: in a scaled-out PostgreSQL it is replicated to every node.
/// </summary>
public sealed class Region
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public RegionLevel Level { get; init; }
    public string? ParentCode { get; init; }

    /// <summary>Villages only: registered poor village (贫困村).</summary>
    public bool IsPoorVillage { get; set; }

    /// <summary>Villages only: rural registered population (农业户籍人口), the denominator of incidence rates.</summary>
    public int? RuralPopulation { get; set; }

    /// <summary>Poor villages only: the year the village exited (贫困村退出), null while it has not.</summary>
    public int? ExitYear { get; set; }

    public static RegionLevel LevelOf(string code) => code.Length switch
    {
        2 => RegionLevel.Province,
        4 => RegionLevel.City,
        6 => RegionLevel.County,
        9 => RegionLevel.Township,
        12 => RegionLevel.Village,
        _ => throw new ArgumentException($"not a region code: {code}", nameof(code)),
    };

    /// <summary>The county a code lies in (null above county level).</summary>
    public static string? CountyOf(string code) => code.Length >= 6 ? code[..6] : null;
}
