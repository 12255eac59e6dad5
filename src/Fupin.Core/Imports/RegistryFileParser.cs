using Fupin.Households;
using Fupin.Registry;

namespace Fupin.Imports;

public sealed record ParsedFile(SheetHeader? Header, IReadOnlyList<HouseholdDraft> Households, int DataRows, int SkippedRows);

/// <summary>The rows of one household are not together in the file, so it cannot be read as a stream.</summary>
public sealed class HouseholdRowsApartException(string household, int row)
    : Exception($"户{household}的行不相邻（第{row}行）")
{
    public string Household { get; } = household;
    public int Row { get; } = row;
}

/// <summary>
/// Turns the rows of a member list (national layout or Fupin's template: both one row per person,
/// household columns repeated) into household drafts. Blank and subtotal rows are skipped; a row
/// with a blank 户编号 belongs to the household above it (a merged cell); blank household cells are
/// taken from the household's earlier rows. Read as a stream (<c>grouped</c>), a household is
/// complete when a row of another one follows, and only the current household is held; a household
/// number seen again later stops the stream (<see cref="HouseholdRowsApartException"/>), and the
/// caller reads the file again holding every household, since rows of one household may be
/// anywhere in a hand-edited file.
/// </summary>
public sealed class RegistryFileParser(DateOnly today)
{
    static readonly string[] SubtotalMarks = ["合计", "小计", "总计"];

    readonly List<Problem> _problems = [];

    public IReadOnlyList<Problem> Problems => _problems;

    public SheetHeader? Header { get; private set; }
    public int DataRows { get; private set; }
    public int SkippedRows { get; private set; }
    public int HouseholdCount { get; private set; }

    /// <summary>Reads the whole file, holding every household (small files, tests).</summary>
    public ParsedFile Parse(IEnumerable<SheetRow> rows, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        using var e = rows.GetEnumerator();
        if (!ReadHeader(e)) return new ParsedFile(Header, [], 0, 0);
        var households = ReadHouseholds(e, grouped: false, complete: true, progress, ct).ToList();
        return new ParsedFile(Header, households, DataRows, SkippedRows);
    }

    /// <summary>Finds the header; false (with the problems recorded) when the file cannot be imported.</summary>
    public bool ReadHeader(IEnumerator<SheetRow> e)
    {
        var header = SheetReader.FindHeader(e);
        Header = header;
        if (header is null)
        {
            _problems.Add(new Problem(null, null, Rules.HeaderMissing.Code, Severity.Error, "前10行中未找到表头行（应含户编号、姓名、证件号码等列）"));
            return false;
        }
        foreach (var i in header.Unknown)
            _problems.Add(new Problem(header.RowNumber, header.Texts[i], Rules.ColumnUnknown.Code, Severity.Warning, $"无法识别的列“{header.Texts[i]}”，已忽略"));
        var missing = Columns.Required.Where(f => !header.Has(f)).ToList();
        foreach (var f in missing)
            _problems.Add(new Problem(header.RowNumber, Columns.Header(f, Layout.Template), Rules.ColumnMissing.Code, Severity.Error, $"缺少必需的列“{Columns.Header(f, Layout.Template)}”"));
        return missing.Count == 0;
    }

    /// <summary>
    /// The households after the header, in the order they first appear. With <paramref name="complete"/>
    /// each is parsed (<see cref="Complete"/>) and its problems added to <see cref="Problems"/>; without,
    /// the caller completes them, possibly on other threads (<see cref="Complete"/> touches nothing shared).
    /// </summary>
    public IEnumerable<HouseholdDraft> ReadHouseholds(IEnumerator<SheetRow> e, bool grouped, bool complete, IProgress<string>? progress, CancellationToken ct)
    {
        var header = Header ?? throw new InvalidOperationException("read the header first");
        var households = new Dictionary<string, HouseholdDraft>(StringComparer.Ordinal);
        var order = new List<HouseholdDraft>();
        // Grouped: the numbers of completed households, as 64-bit hashes (a collision only costs a second read).
        var completed = new HashSet<ulong>();
        HouseholdDraft? current = null;
        string? previousNumber = null;
        while (e.MoveNext())
        {
            ct.ThrowIfCancellationRequested();
            var row = e.Current;
            if (IsBlankOrSubtotal(row.Cells)) { SkippedRows++; continue; }
            if (Txt(row, header, Field.Name) is null && Txt(row, header, Field.IdNumber) is null) { SkippedRows++; continue; }

            DataRows++;
            if (DataRows % 50_000 == 0) progress?.Report($"已读取 {DataRows} 行");
            var number = Txt(row, header, Field.HouseholdNumber) is { } n ? ResidentId.Normalize(n) : previousNumber;
            if (number is null)
            {
                _problems.Add(new Problem(row.Number, header.TextOf(Field.HouseholdNumber), Rules.Required.Code, Severity.Error, "户编号为空"));
                continue;
            }
            previousNumber = number;

            HouseholdDraft? draft;
            if (grouped)
            {
                if (current is not null && current.Number != number)
                {
                    completed.Add(Hash(current.Number));
                    if (complete) CompleteHere(current);
                    HouseholdCount++;
                    yield return current;
                    current = null;
                }
                if (current is null)
                {
                    if (completed.Contains(Hash(number))) throw new HouseholdRowsApartException(number, row.Number);
                    current = new HouseholdDraft { Number = number, FirstRow = row.Number };
                }
                draft = current;
            }
            else if (!households.TryGetValue(number, out draft))
            {
                draft = new HouseholdDraft { Number = number, FirstRow = row.Number };
                households[number] = draft;
                order.Add(draft);
            }

            draft.Rows.Add(row.Number);
            draft.RawRows.Add(row);
        }

        if (current is not null)
        {
            if (complete) CompleteHere(current);
            HouseholdCount++;
            yield return current;
        }
        foreach (var d in order)
        {
            if (complete) CompleteHere(d);
            HouseholdCount++;
            yield return d;
        }

        void CompleteHere(HouseholdDraft d)
        {
            Complete(d);
            _problems.AddRange(d.Problems);
        }
    }

    /// <summary>
    /// Parses a household read by <see cref="ReadHouseholds"/>: its members row by row, its household
    /// cells (the first row that fills each; a different value on a later row is an error). Problems
    /// go to the draft's own list, so households can be completed in parallel.
    /// </summary>
    public void Complete(HouseholdDraft d)
    {
        var header = Header ?? throw new InvalidOperationException("read the header first");
        var columns = header.HouseholdColumns;
        for (var r = 0; r < d.RawRows.Count; r++)
        {
            var row = d.RawRows[r];
            if (r == 0) d.Cells.SetFirst(row, header);
            else for (var c = 0; c < columns.Count; c++)
            {
                var (f, i) = columns[c];
                if (i >= row.Cells.Length || Values.Text(row.Cells[i]) is not { } t) continue;
                if (!d.Cells.TryGetValue(f, out var known)) d.Cells.Add(f, t, row.Cells[i], row.Number);
                else if (!Same(f, known.Text, t))
                    d.Problems.Add(new Problem(row.Number, header.TextOf(f), Rules.HouseholdInconsistent.Code, Severity.Error,
                        $"户{d.Number}的“{header.TextOf(f)}”在第{known.Row}行为“{known.Text}”，本行为“{t}”", d.Number));
            }
            d.Members.Add(ParseMember(row, header, d));
        }
        d.RawRows.Clear();
        ParseHousehold(d, header);
    }

    static object? Cell(SheetRow row, SheetHeader header, Field f) =>
        header.IndexOf(f) is var i and >= 0 && i < row.Cells.Length ? row.Cells[i] : null;

    static string? Txt(SheetRow row, SheetHeader header, Field f) => Values.Text(Cell(row, header, f));

    /// <summary>FNV-1a, 64 bits: stable and cheap, for telling household numbers apart without keeping them.</summary>
    static ulong Hash(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s) h = (h ^ c) * 1099511628211UL;
        return h;
    }

    static bool Same(Field f, string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal) || (f is Field.HouseholdNumber or Field.HouseholdPhone or Field.BankAccount
            ? ResidentId.Normalize(a) == ResidentId.Normalize(b)
            : Columns.NormalizeHeader(a) == Columns.NormalizeHeader(b));

    static bool IsBlankOrSubtotal(object?[] cells)
    {
        var blank = true;
        foreach (var cell in cells)
        {
            if (Values.Text(cell) is not { } t) continue;
            blank = false;
            foreach (var mark in SubtotalMarks)
            {
                if (t.StartsWith(mark, StringComparison.Ordinal)) return true;
            }
        }
        return blank;
    }

    MemberDraft ParseMember(SheetRow row, SheetHeader header, HouseholdDraft household)
    {
        object? cell(Field f) => Cell(row, header, f);
        string? txt(Field f) => Txt(row, header, f);
        var m = new Member { CountyCode = "", Name = txt(Field.Name) ?? "", Relation = txt(Field.Relation) ?? "" };
        var draft = new MemberDraft { Row = row.Number, Member = m };
        void Problem(Field f, Rule rule, string message) =>
            household.Problems.Add(new Problem(row.Number, header.TextOf(f), rule.Code, rule.Severity, message, household.Number));

        if (m.Name.Length == 0) Problem(Field.Name, Rules.Required, "姓名为空");
        m.Number = txt(Field.PersonNumber) is { } pn ? ResidentId.Normalize(pn) : null;

        // The ID number: an Excel number has lost its last digits, so it is reported, never completed.
        var idCell = cell(Field.IdNumber);
        var idText = txt(Field.IdNumber);
        if (idCell is double or decimal or long or int || (idText is not null && idText.Contains('E', StringComparison.OrdinalIgnoreCase) && idText.Contains('+', StringComparison.Ordinal)))
        {
            draft.IdUnreadable = true;
            Problem(Field.IdNumber, Rules.IdNumeric, $"证件号码“{idText}”被存成了数字，末几位已丢失；请把该列设为文本后重新填写");
        }
        else if (idText is not null)
        {
            var parsed = ResidentId.Parse(idText, today);
            if (parsed.IsValid) m.IdNumber = parsed.Id.Value;
            else
            {
                draft.IdUnreadable = true;
                household.Problems.Add(new Problem(row.Number, header.TextOf(Field.IdNumber), MemberRules.IdErrorCode(parsed.Error), Severity.Error, $"证件号码“{idText}”有误：{parsed.MessageZh}", household.Number));
            }
        }

        if (m.Relation.Length == 0) Problem(Field.Relation, Rules.Required, "与户主关系为空");
        else m.Relation = Label(CodeCatalog.Relation, m.Relation, Field.Relation, "与户主关系");

        if (txt(Field.Gender) is { } g)
        {
            if (Values.TryEnum<Gender>(g, out var gender)) m.Gender = gender;
            else Problem(Field.Gender, Rules.CodeInvalid, Values.CodeInvalidMessage("性别", g, today.Year));
        }
        else if (m.IdNumber is { } id) m.Gender = id.Gender;
        else if (!draft.IdUnreadable) Problem(Field.Gender, Rules.Required, "性别为空且无法从证件号码得出");

        if (txt(Field.BirthDate) is { } b)
        {
            if (Values.TryDate(cell(Field.BirthDate), b, out var birth)) m.BirthDate = birth;
            else Problem(Field.BirthDate, Rules.ValueInvalid, $"出生日期“{b}”不是有效日期");
        }
        else if (m.IdNumber is { } id) m.BirthDate = id.BirthDate;
        else if (!draft.IdUnreadable) Problem(Field.BirthDate, Rules.Required, "出生日期为空且无法从证件号码得出");

        if (txt(Field.Ethnicity) is { } eth) m.Ethnicity = Label(CodeCatalog.Ethnicity, eth, Field.Ethnicity, "民族");
        if (txt(Field.PoliticalStatus) is { } ps) m.PoliticalStatus = Label(CodeCatalog.PoliticalStatus, ps, Field.PoliticalStatus, "政治面貌");
        if (txt(Field.Education) is { } edu) m.Education = Label(CodeCatalog.Education, edu, Field.Education, "文化程度");
        if (txt(Field.StudentStatus) is { } st) m.StudentStatus = Label(CodeCatalog.StudentStatus, st, Field.StudentStatus, "在校生状况");

        if (txt(Field.Health) is { } h)
        {
            if (Values.TryHealth(h, out var health)) m.Health = health;
            else Problem(Field.Health, Rules.CodeInvalid, Values.CodeInvalidMessage("健康状况", h, today.Year));
        }
        else if (header.Has(Field.Health)) Problem(Field.Health, Rules.Required, "健康状况为空");

        if (txt(Field.LabourSkill) is { } ls)
        {
            if (Values.TryEnum<LabourSkill>(ls, out var skill)) m.LabourSkill = skill;
            else Problem(Field.LabourSkill, Rules.CodeInvalid, Values.CodeInvalidMessage("劳动技能", ls, today.Year));
        }
        else if (header.Has(Field.LabourSkill)) Problem(Field.LabourSkill, Rules.Required, "劳动技能为空");

        m.MigrantWorkPlace = txt(Field.MigrantWorkPlace);
        if (txt(Field.MigrantWorkMonths) is { } months)
        {
            if (Values.TryInt(cell(Field.MigrantWorkMonths), months, out var mo) && mo is >= 0 and <= 12) m.MigrantWorkMonths = mo;
            else Problem(Field.MigrantWorkMonths, Rules.ValueInvalid, MemberRules.MigrantMonthsRangeMessage);
        }

        bool Flag(Field f, string label)
        {
            if (txt(f) is not { } t) return false;
            if (Values.TryBool(t, out var v)) return v;
            Problem(f, Rules.ValueInvalid, $"{label}应填“是”或“否”，而不是“{t}”");
            return false;
        }
        m.HasBasicMedical = Flag(Field.BasicMedical, "是否参加城乡居民基本医疗保险");
        m.HasCriticalIllness = Flag(Field.CriticalIllness, "是否参加大病保险");
        m.HasPension = Flag(Field.Pension, "是否参加城乡居民基本养老保险");
        m.IsDibao = Flag(Field.Dibao, "是否享受低保");
        m.IsTekun = Flag(Field.Tekun, "是否特困供养人员");
        if (header.Has(Field.EmployeeMedical) && txt(Field.EmployeeMedical) is not null) draft.EmployeeMedical = Flag(Field.EmployeeMedical, "是否参加城镇职工基本医疗保险");
        m.Phone = txt(Field.MemberPhone) is { } phone ? ResidentId.Normalize(phone) : null;
        return draft;

        string Label(string kind, string text, Field f, string label)
        {
            if (Values.Code(kind, text) is { } item) return item.Label;
            Problem(f, Rules.CodeInvalid, Values.CodeInvalidMessage(label, text, today.Year));
            return text;
        }
    }

    void ParseHousehold(HouseholdDraft d, SheetHeader header)
    {
        var h = new Household { CountyCode = "", VillageCode = "", Number = d.Number };
        d.Household = h;
        string? Txt(Field f) => d.Cells.TryGetValue(f, out var c) ? c.Text : null;
        int RowOf(Field f) => d.Cells.TryGetValue(f, out var c) ? c.Row : d.FirstRow ?? 0;
        void Problem(Field f, Rule rule, string message) =>
            d.Problems.Add(new Problem(RowOf(f), header.TextOf(f), rule.Code, rule.Severity, message, d.Number));

        d.TownshipName = Txt(Field.Township);
        d.VillageName = Txt(Field.Village);
        d.VillageCode = Txt(Field.VillageCode) is { } vc ? ResidentId.Normalize(vc) : null;

        void Enum<T>(Field f, string label, Action<T> set) where T : struct, System.Enum
        {
            if (Txt(f) is not { } t) return;
            if (Values.TryEnum<T>(t, out var v)) set(v);
            else Problem(f, Rules.CodeInvalid, Values.CodeInvalidMessage(label, t, today.Year));
        }
        Enum<HouseholdAttribute>(Field.Attribute, "贫困户属性", v => h.Attribute = v);
        Enum<PovertyStatus>(Field.Status, "脱贫状态", v => h.Status = v);
        Enum<IdentificationStandard>(Field.Standard, "识别标准", v => h.Standard = v);
        Enum<PovertyCause>(Field.MainCause, "主要致贫原因", v => h.MainCause = v);
        Enum<RoadType>(Field.RoadType, "入户路类型", v => h.RoadType = v);
        Enum<HousingGrade>(Field.HousingGrade, "住房安全等级", v => h.HousingGrade = v);
        Enum<FuelType>(Field.Fuel, "主要燃料类型", v => h.Fuel = v);
        if (Txt(Field.OtherCauses) is { } oc)
        {
            if (Values.TryCauses(oc, out var causes)) h.OtherCauses = causes;
            else Problem(Field.OtherCauses, Rules.CodeInvalid, Values.CodeInvalidMessage("其他致贫原因", oc, today.Year));
        }

        int? Year(Field f, string label)
        {
            if (Txt(f) is not { } t) return null;
            if (Values.TryYear(CellOf(f), t, out var y)) return y;
            Problem(f, Rules.ValueInvalid, $"{label}“{t}”不是有效年份");
            return null;
        }
        h.IdentificationYear = Year(Field.IdentificationYear, "识别年度") ?? 0;
        h.PlannedExitYear = Year(Field.PlannedExitYear, "计划脱贫年度");
        h.ExitYear = Year(Field.ExitYear, "脱贫年度");

        double Number(Field f, string label)
        {
            if (Txt(f) is not { } t) return 0;
            if (Values.TryDouble(CellOf(f), t, out var v) && v >= 0) return v;
            Problem(f, Rules.ValueInvalid, $"{label}“{t}”不是有效的非负数");
            return 0;
        }
        h.ArableLand = Number(Field.ArableLand, "耕地面积");
        h.IrrigatedLand = Number(Field.IrrigatedLand, "有效灌溉面积");
        h.ForestLand = Number(Field.ForestLand, "林地面积");
        h.ReturnedFarmland = Number(Field.ReturnedFarmland, "退耕还林面积");
        h.OrchardLand = Number(Field.OrchardLand, "林果面积");
        h.PastureLand = Number(Field.PastureLand, "牧草地面积");
        h.WaterSurface = Number(Field.WaterSurface, "水面面积");
        h.DistanceToRoadKm = Number(Field.DistanceToRoadKm, "与村主干路距离");
        h.HousingArea = Number(Field.HousingArea, "住房面积");

        bool Flag(Field f, string label)
        {
            if (Txt(f) is not { } t) return false;
            if (Values.TryBool(t, out var v)) return v;
            Problem(f, Rules.ValueInvalid, $"{label}应填“是”或“否”，而不是“{t}”");
            return false;
        }
        h.SafeDrinkingWater = Flag(Field.SafeDrinkingWater, "是否解决安全饮用水");
        h.HasPower = Flag(Field.HasPower, "是否通生活用电");
        h.HasSanitaryToilet = Flag(Field.HasSanitaryToilet, "是否有卫生厕所");
        h.InCooperative = Flag(Field.InCooperative, "是否加入农民专业合作组织");
        h.Phone = Txt(Field.HouseholdPhone) is { } p ? ResidentId.Normalize(p) : null;
        h.BankName = Txt(Field.BankName);
        if (CellOf(Field.BankAccount) is double)
            Problem(Field.BankAccount, Rules.IdNumeric, $"银行卡号“{Txt(Field.BankAccount)}”被存成了数字，可能已丢失末几位；请把该列设为文本后重新填写");
        else h.BankAccount = Txt(Field.BankAccount) is { } acc ? ResidentId.Normalize(acc) : null;

        if (Txt(Field.HouseholdSize) is { } size)
        {
            if (Values.TryInt(CellOf(Field.HouseholdSize), size, out var s) && s >= 0) d.DeclaredSize = s;
            else Problem(Field.HouseholdSize, Rules.ValueInvalid, $"家庭人口数“{size}”不是有效整数");
        }

        long? Money(Field f, string label)
        {
            if (Txt(f) is not { } t) return null;
            if (Values.TryFen(CellOf(f), t, out var fen)) return fen;
            Problem(f, Rules.ValueInvalid, $"{label}“{t}”不是有效金额");
            return null;
        }
        d.DeclaredNetIncome = Money(Field.NetIncome, "纯收入");
        d.DeclaredPerCapita = Money(Field.PerCapitaIncome, "人均纯收入");
        if (Year(Field.IncomeYear, "收入年度") is { } incomeYear)
        {
            d.Income = new IncomeRecord
            {
                CountyCode = "",
                Year = incomeYear,
                HouseholdSize = d.DeclaredSize ?? d.Members.Count,
                Wage = Money(Field.Wage, "工资性收入") ?? 0,
                Production = Money(Field.Production, "生产经营性收入") ?? 0,
                AssetDividend = Money(Field.AssetDividend, "资产收益扶贫分红收入") ?? 0,
                OtherProperty = Money(Field.OtherProperty, "其他财产性收入") ?? 0,
                FamilyPlanning = Money(Field.FamilyPlanning, "计划生育金") ?? 0,
                DibaoAllowance = Money(Field.DibaoAllowance, "最低生活保障金") ?? 0,
                TekunAllowance = Money(Field.TekunAllowance, "特困人员救助供养金") ?? 0,
                PensionIncome = Money(Field.PensionIncome, "养老金或离退休金") ?? 0,
                EcoCompensation = Money(Field.EcoCompensation, "生态补偿金") ?? 0,
                OtherTransfer = Money(Field.OtherTransfer, "其他转移性收入") ?? 0,
                ProductionCost = Money(Field.ProductionCost, "生产经营性支出") ?? 0,
            };
        }

        object? CellOf(Field f) => d.Cells.TryGetValue(f, out var c) ? c.Raw : null;
    }
}
