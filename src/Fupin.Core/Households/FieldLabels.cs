using Fupin.Registry;

namespace Fupin.Households;

/// <summary>Chinese names of registry entities and their fields, as the change history shows them.</summary>
public static class FieldLabels
{
    static readonly Dictionary<string, string> Entities = new(StringComparer.Ordinal)
    {
        [nameof(Household)] = "户",
        [nameof(Member)] = "成员",
        [nameof(IncomeRecord)] = "收入",
        [nameof(Assessment.ExitProcedure)] = "退出程序",
        [nameof(Assessment.ExitProcedureStep)] = "退出程序步骤",
    };

    static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        // Household
        [nameof(Household.CountyCode)] = "县级区划代码",
        [nameof(Household.VillageCode)] = "行政村",
        [nameof(Household.Number)] = "编号",
        [nameof(Household.Attribute)] = "贫困户属性",
        [nameof(Household.Status)] = "脱贫状态",
        [nameof(Household.Standard)] = "识别标准",
        [nameof(Household.IdentificationYear)] = "识别年度",
        [nameof(Household.PlannedExitYear)] = "计划脱贫年度",
        [nameof(Household.ExitYear)] = "脱贫年度",
        [nameof(Household.MainCause)] = "主要致贫原因",
        [nameof(Household.OtherCauses)] = "其他致贫原因",
        [nameof(Household.ArableLand)] = "耕地面积（亩）",
        [nameof(Household.IrrigatedLand)] = "有效灌溉面积（亩）",
        [nameof(Household.ForestLand)] = "林地面积（亩）",
        [nameof(Household.ReturnedFarmland)] = "退耕还林面积（亩）",
        [nameof(Household.OrchardLand)] = "林果面积（亩）",
        [nameof(Household.PastureLand)] = "牧草地面积（亩）",
        [nameof(Household.WaterSurface)] = "水面面积（亩）",
        [nameof(Household.RoadType)] = "入户路类型",
        [nameof(Household.DistanceToRoadKm)] = "距村主干路（公里）",
        [nameof(Household.HousingArea)] = "住房面积（平方米）",
        [nameof(Household.HousingGrade)] = "住房安全等级",
        [nameof(Household.SafeDrinkingWater)] = "饮水安全",
        [nameof(Household.HasPower)] = "通生活用电",
        [nameof(Household.Fuel)] = "主要燃料类型",
        [nameof(Household.HasSanitaryToilet)] = "有卫生厕所",
        [nameof(Household.InCooperative)] = "加入农民专业合作社",
        [nameof(Household.BankName)] = "开户银行",
        [nameof(Household.BankAccount)] = "银行账号",
        // Member (Phone is shared with Household)
        [nameof(Member.Phone)] = "联系电话",
        [nameof(Member.Name)] = "姓名",
        [nameof(Member.IdNumber)] = "证件号码",
        [nameof(Member.Relation)] = "与户主关系",
        [nameof(Member.Gender)] = "性别",
        [nameof(Member.BirthDate)] = "出生日期",
        [nameof(Member.Ethnicity)] = "民族",
        [nameof(Member.PoliticalStatus)] = "政治面貌",
        [nameof(Member.Education)] = "文化程度",
        [nameof(Member.StudentStatus)] = "在校生状况",
        [nameof(Member.Health)] = "健康状况",
        [nameof(Member.LabourSkill)] = "劳动技能",
        [nameof(Member.MigrantWorkPlace)] = "务工地点",
        [nameof(Member.MigrantWorkMonths)] = "务工时间（月）",
        [nameof(Member.HasBasicMedical)] = "参加城乡居民基本医疗保险",
        [nameof(Member.HasCriticalIllness)] = "参加大病保险",
        [nameof(Member.HasPension)] = "参加城乡居民基本养老保险",
        [nameof(Member.IsDibao)] = "享受低保",
        [nameof(Member.IsTekun)] = "特困供养",
        // IncomeRecord
        [nameof(IncomeRecord.Year)] = "年度",
        [nameof(IncomeRecord.HouseholdSize)] = "家庭人口数",
        [nameof(IncomeRecord.Wage)] = "工资性收入",
        [nameof(IncomeRecord.Production)] = "生产经营性收入",
        [nameof(IncomeRecord.AssetDividend)] = "资产收益扶贫分红收入",
        [nameof(IncomeRecord.OtherProperty)] = "其他财产性收入",
        [nameof(IncomeRecord.FamilyPlanning)] = "计划生育金",
        [nameof(IncomeRecord.DibaoAllowance)] = "低保金",
        [nameof(IncomeRecord.TekunAllowance)] = "特困供养金",
        [nameof(IncomeRecord.PensionIncome)] = "养老保险金",
        [nameof(IncomeRecord.EcoCompensation)] = "生态补偿金",
        [nameof(IncomeRecord.OtherTransfer)] = "其他转移性收入",
        [nameof(IncomeRecord.ProductionCost)] = "生产经营性支出",
        // ExitProcedure and its steps (Status is read with the household's label; its values are translated below)
        [nameof(Assessment.ExitProcedure.NoticeDays)] = "公示天数",
        [nameof(Assessment.ExitProcedure.TestPassed)] = "退出测试达标",
        [nameof(Assessment.ExitProcedure.TestSummary)] = "退出测试结论",
        [nameof(Assessment.ExitProcedure.OverrideBy)] = "特批人",
        [nameof(Assessment.ExitProcedure.OverrideReason)] = "特批理由",
        [nameof(Assessment.ExitProcedure.OverrideAt)] = "特批时间",
        [nameof(Assessment.ExitProcedure.CompletedOn)] = "销号日期",
        [nameof(Assessment.ExitProcedure.CancelReason)] = "终止原因",
        [nameof(Assessment.ExitProcedureStep.Step)] = "步骤",
        [nameof(Assessment.ExitProcedureStep.Date)] = "日期",
        [nameof(Assessment.ExitProcedureStep.Note)] = "说明",
    };

    static readonly Dictionary<string, string> ProcedureStates = new(StringComparer.Ordinal)
    {
        [nameof(Assessment.ExitProcedureStatus.InProgress)] = "进行中",
        [nameof(Assessment.ExitProcedureStatus.Completed)] = "已完成",
        [nameof(Assessment.ExitProcedureStatus.Cancelled)] = "已终止",
    };

    static readonly HashSet<string> YesNoFields = new(StringComparer.Ordinal)
    {
        nameof(Household.SafeDrinkingWater), nameof(Household.HasPower), nameof(Household.HasSanitaryToilet), nameof(Household.InCooperative),
        nameof(Member.HasBasicMedical), nameof(Member.HasCriticalIllness), nameof(Member.HasPension), nameof(Member.IsDibao), nameof(Member.IsTekun),
        nameof(Assessment.ExitProcedure.TestPassed),
    };

    static readonly HashSet<string> MoneyFields = new(StringComparer.Ordinal)
    {
        nameof(IncomeRecord.Wage), nameof(IncomeRecord.Production), nameof(IncomeRecord.AssetDividend), nameof(IncomeRecord.OtherProperty),
        nameof(IncomeRecord.FamilyPlanning), nameof(IncomeRecord.DibaoAllowance), nameof(IncomeRecord.TekunAllowance),
        nameof(IncomeRecord.PensionIncome), nameof(IncomeRecord.EcoCompensation), nameof(IncomeRecord.OtherTransfer), nameof(IncomeRecord.ProductionCost),
    };

    public static string Entity(string entity) => Entities.GetValueOrDefault(entity, entity);

    public static string Field(string? field) => field is null ? "" : Fields.GetValueOrDefault(field, field);

    /// <summary>A stored history value as shown: yes/no in Chinese, money from fen to yuan.</summary>
    public static string? Value(string? field, string? value)
    {
        if (value is null || field is null) return value;
        if (YesNoFields.Contains(field))
            return value switch { "True" => "是", "False" => "否", _ => value };
        if (field == nameof(Assessment.ExitProcedure.Status) && ProcedureStates.TryGetValue(value, out var state))
            return state;
        if (MoneyFields.Contains(field) && long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var fen))
            return Money.Yuan(fen).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        return value;
    }
}

public static class Money
{
    public static decimal Yuan(long fen) => fen / 100m;
}
