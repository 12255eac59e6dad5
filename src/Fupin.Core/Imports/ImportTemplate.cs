using System.Data;
using Fupin.Registry;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Imports;

/// <summary>
/// Fupin's own import template: the data sheet 成员名单 (template headers, one row per person),
/// the instructions 填写说明, and 代码表 with the allowed values of each coded column for the year.
/// </summary>
public static class ImportTemplate
{
    public static void WriteTemplate(string path, int year)
    {
        var columns = Columns.Exported(Layout.Template);
        var data = new DataTable("成员名单");
        foreach (var f in columns) data.Columns.Add(Columns.Header(f, Layout.Template) + (Columns.Required.Contains(f) ? "*" : ""), typeof(string));

        var instructions = new List<Dictionary<string, object?>>
        {
            Line("总则", "每人一行；同一户的户级信息（带“户”的列）在该户每一行重复填写，也可只填第一行。同一户的行不必相邻，按户编号归并。"),
            Line("总则", "标 * 的列必填。证件号码、银行卡号、电话请设为文本格式，否则Excel会把18位号码存成数字并丢失末几位。"),
            Line("总则", "表头上方可以有标题行；列的顺序不限；不认识的列会被忽略并提示。"),
            Line("总则", "导入时按户编号匹配已有户、按证件号码匹配成员；只更新文件中有的列，变化写入变更记录（原因为“导入 文件名”）。"),
        };
        foreach (var f in columns) instructions.Add(Line(Columns.Header(f, Layout.Template), Hint(f)));

        var coded = new (string Header, IEnumerable<string> Labels)[]
        {
            (Columns.Header(Field.Relation, Layout.Template), Of(CodeCatalog.Relation)),
            (Columns.Header(Field.Gender, Layout.Template), Of(nameof(Gender))),
            (Columns.Header(Field.Ethnicity, Layout.Template), Of(CodeCatalog.Ethnicity)),
            (Columns.Header(Field.PoliticalStatus, Layout.Template), Of(CodeCatalog.PoliticalStatus)),
            (Columns.Header(Field.Education, Layout.Template), Of(CodeCatalog.Education)),
            (Columns.Header(Field.StudentStatus, Layout.Template), Of(CodeCatalog.StudentStatus)),
            (Columns.Header(Field.Health, Layout.Template), Of(nameof(HealthConditions))),
            (Columns.Header(Field.LabourSkill, Layout.Template), Of(nameof(LabourSkill))),
            (Columns.Header(Field.Attribute, Layout.Template), Of(nameof(HouseholdAttribute))),
            (Columns.Header(Field.Status, Layout.Template), Of(nameof(PovertyStatus))),
            (Columns.Header(Field.Standard, Layout.Template), Of(nameof(IdentificationStandard))),
            (Columns.Header(Field.MainCause, Layout.Template), Of(nameof(PovertyCause))),
            (Columns.Header(Field.RoadType, Layout.Template), Of(nameof(RoadType))),
            (Columns.Header(Field.HousingGrade, Layout.Template), Of(nameof(HousingGrade))),
            (Columns.Header(Field.Fuel, Layout.Template), Of(nameof(FuelType))),
            ("是/否列", ["是", "否"]),
        };
        var longest = coded.Max(c => c.Labels.Count());
        var codes = Enumerable.Range(0, longest).Select(i => coded.ToDictionary(c => c.Header, c => (object?)c.Labels.ElementAtOrDefault(i), StringComparer.Ordinal)).ToList();

        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["成员名单"] = data,
            ["填写说明"] = instructions,
            ["代码表"] = codes,
        };
        MiniExcel.SaveAs(path, sheets, overwriteFile: true);

        IEnumerable<string> Of(string kind) => CodeCatalog.Of(kind, year).Select(c => c.Label);
        static Dictionary<string, object?> Line(string column, string text) => new(StringComparer.Ordinal) { ["列"] = column, ["说明"] = text };
    }

    static string Hint(Field f) => f switch
    {
        Field.HouseholdNumber => "必填。全国扶贫开发信息系统的户编号。",
        Field.IdNumber => "必填（新生儿暂无号码的可留空并填写出生日期）。18位，末位可为X；15位旧号码会自动升级。",
        Field.Name => "必填。",
        Field.Relation => "必填。见代码表。",
        Field.VillageCode => "12位行政村代码；填写时优先于乡镇、行政村名称。",
        Field.Township or Field.Village => "名称须与系统中的一致；乡镇下没有的行政村会新建。",
        Field.Gender or Field.BirthDate => "可留空，按证件号码得出；填写时须与证件号码一致。",
        Field.Education or Field.StudentStatus => "文化程度和在校生状况须填写且只填写其中一项。",
        Field.MigrantWorkPlace or Field.MigrantWorkMonths => "务工所在地和务工时间（0～12个月）须同时填写或同时留空。",
        Field.Health => "可多选，用顿号分隔，如“长期慢性病、残疾”。",
        Field.OtherCauses => "可多选，用顿号分隔；取值同主要致贫原因。",
        Field.HouseholdPhone or Field.MemberPhone => "11位手机号码。",
        Field.IncomeYear => "收入所属年度；填写后本行的各项收入（元）记入该年度。",
        Field.NetIncome or Field.PerCapitaIncome => "可不填；填写时须与各项收入一致（按各项收入计算）。",
        _ when f.ToString().StartsWith("Is", StringComparison.Ordinal) || f is Field.BasicMedical or Field.CriticalIllness or Field.Pension or Field.Dibao or Field.Tekun
            or Field.SafeDrinkingWater or Field.HasPower or Field.HasSanitaryToilet or Field.InCooperative => "填“是”或“否”。",
        _ => "",
    };
}
