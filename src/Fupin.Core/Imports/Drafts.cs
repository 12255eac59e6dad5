using Fupin.Registry;

namespace Fupin.Imports;

/// <summary>A member as read from one row (or from the stored registry, with no row).</summary>
public sealed class MemberDraft
{
    public int? Row { get; init; }
    public required Member Member { get; init; }

    /// <summary>The ID column held something that could not be read as an ID (already reported).</summary>
    public bool IdUnreadable { get; set; }

    /// <summary>是否参加城镇职工基本医疗保险, where the layout has it (not stored).</summary>
    public bool? EmployeeMedical { get; set; }
}

/// <summary>A household gathered from all its rows (they may be far apart), before it is matched to the register.</summary>
public sealed class HouseholdDraft
{
    public required string Number { get; init; }
    public int? FirstRow { get; init; }
    public List<int> Rows { get; } = [];

    /// <summary>The rows as read, until the household is completed (parsed).</summary>
    internal List<SheetRow> RawRows { get; } = [];

    /// <summary>What reading and checking this household found.</summary>
    public List<Problem> Problems { get; } = [];

    /// <summary>The household-level cells, from the first row that filled each.</summary>
    internal HouseholdCells Cells { get; } = new();

    public Household Household { get; set; } = null!;
    public List<MemberDraft> Members { get; } = [];
    public IncomeRecord? Income { get; set; }

    /// <summary>人数 as written in the file.</summary>
    public int? DeclaredSize { get; set; }

    /// <summary>纯收入 and 人均纯收入 as written in the file, in fen.</summary>
    public long? DeclaredNetIncome { get; set; }
    public long? DeclaredPerCapita { get; set; }

    public string? TownshipName { get; set; }
    public string? VillageName { get; set; }
    public string? VillageCode { get; set; }
}

/// <summary>
/// A household's cells: its first row, and a cell a later row filled where the first row was blank (a merged cell).
/// The first row is not copied, so a household costs no table of its own unless a later row adds to it.
/// </summary>
internal sealed class HouseholdCells
{
    SheetRow? _first;
    SheetHeader? _header;
    Dictionary<Field, (string Text, object? Raw, int Row)>? _later;

    public void SetFirst(SheetRow row, SheetHeader header)
    {
        _first = row;
        _header = header;
    }

    public bool TryGetValue(Field f, out (string Text, object? Raw, int Row) cell)
    {
        if (_first is { } row && _header!.IndexOf(f) is var i and >= 0 && i < row.Cells.Length && Values.Text(row.Cells[i]) is { } text)
        {
            cell = (text, row.Cells[i], row.Number);
            return true;
        }
        if (_later is not null) return _later.TryGetValue(f, out cell);
        cell = default;
        return false;
    }

    public void Add(Field f, string text, object? raw, int row) => (_later ??= [])[f] = (text, raw, row);
}
