namespace Fupin.Board;

public enum MapLevel
{
    /// <summary>乡镇 boundaries of a county.</summary>
    Township = 1,

    /// <summary>行政村 boundaries of a county.</summary>
    Village = 2,
}

/// <summary>
/// A county's boundaries of one level as uploaded (GeoJSON FeatureCollection, validated: polygon geometries, each
/// feature's code a region of the county at that level). One current map per county and level; an upload replaces it.
/// </summary>
public sealed class RegionMap
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public MapLevel Level { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public int FeatureCount { get; set; }

    /// <summary>The FeatureCollection as stored (normalised: each feature's <c>properties.code</c> and <c>properties.name</c> set).</summary>
    public required string GeoJson { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>
/// A briefing (简报) as issued: the board's figures of a region for a period, frozen, so the next briefing can say what
/// changed since this one.
/// </summary>
public sealed class Briefing
{
    public long Id { get; set; }
    public required string RegionCode { get; set; }
    public required string Title { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }

    /// <summary>The figures at issue time as JSON (key, label, value, unit).</summary>
    public required string FiguresJson { get; set; }

    /// <summary>The late items at issue time as JSON (kind, title, owner, deadline, days late, link).</summary>
    public required string LateItemsJson { get; set; }
    public string? Summary { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
