namespace Fupin.Verification;

/// <summary>
/// One upload of a department's list (部门名单): never overwritten, so the history of what each
/// department said, and when, is kept. A run uses the latest list of each type for its region.
/// </summary>
public sealed class DepartmentList
{
    public long Id { get; set; }

    /// <summary>The type's key (<see cref="ListTypes"/>), e.g. <c>deaths</c>.</summary>
    public required string Type { get; set; }

    /// <summary>Source department (来源部门).</summary>
    public required string Department { get; set; }

    /// <summary>The region the list covers (a county, or a township for a township's own list).</summary>
    public required string RegionCode { get; set; }

    /// <summary>数据截止日期.</summary>
    public DateOnly AsOf { get; set; }

    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public int Rows { get; set; }
    public int Refused { get; set; }

    /// <summary>How it arrived: 文件上传, 命令行, 接口.</summary>
    public required string Via { get; set; }
    public required string LoadedBy { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
}

/// <summary>
/// One row of a department list as the comparison reads it: the ID number's key, the name, and the
/// type's own values in generic slots (see docs/verification.md for which column goes where).
/// </summary>
public sealed class DepartmentListRow
{
    public long Id { get; set; }
    public long ListId { get; set; }

    /// <summary>The row number in the file, for reports.</summary>
    public int Row { get; set; }

    /// <summary><see cref="Registry.ResidentId.Key"/> of the normalised ID number.</summary>
    public long IdKey { get; set; }
    public required string Name { get; set; }
    public string? Kind { get; set; }
    public string? Status { get; set; }
    public DateOnly? Date { get; set; }
    public string? Detail { get; set; }
}
