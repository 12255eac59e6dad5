using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Households;

/// <summary>
/// The editable fields of a household. <see cref="Version"/> is the version the editor started
/// from. Sensitive fields (<see cref="Phone"/>, <see cref="BankAccount"/>) are shown masked, so
/// null or blank leaves them unchanged.
/// </summary>
public sealed record HouseholdEdit
{
    public long Version { get; init; }
    public string? Reason { get; init; }

    public HouseholdAttribute Attribute { get; init; }
    public PovertyStatus Status { get; init; }
    public int? PlannedExitYear { get; init; }
    public int? ExitYear { get; init; }
    public PovertyCause MainCause { get; init; }
    public List<PovertyCause> OtherCauses { get; init; } = [];

    public double ArableLand { get; init; }
    public double IrrigatedLand { get; init; }
    public double ForestLand { get; init; }
    public double ReturnedFarmland { get; init; }
    public double OrchardLand { get; init; }
    public double PastureLand { get; init; }
    public double WaterSurface { get; init; }
    public RoadType RoadType { get; init; }
    public double DistanceToRoadKm { get; init; }
    public double HousingArea { get; init; }
    public HousingGrade HousingGrade { get; init; }
    public bool SafeDrinkingWater { get; init; }
    public bool HasPower { get; init; }
    public FuelType Fuel { get; init; }
    public bool HasSanitaryToilet { get; init; }
    public bool InCooperative { get; init; }

    public string? Phone { get; init; }
    public string? BankName { get; init; }
    public string? BankAccount { get; init; }

    /// <summary>The form of a household as it stands (sensitive fields left blank).</summary>
    public static HouseholdEdit From(HouseholdDetails h) => new()
    {
        Version = h.Version,
        Attribute = h.Attribute,
        Status = h.Status,
        PlannedExitYear = h.PlannedExitYear,
        ExitYear = h.ExitYear,
        MainCause = h.MainCause,
        OtherCauses = [.. h.OtherCauses],
        ArableLand = h.Conditions.ArableLand,
        IrrigatedLand = h.Conditions.IrrigatedLand,
        ForestLand = h.Conditions.ForestLand,
        ReturnedFarmland = h.Conditions.ReturnedFarmland,
        OrchardLand = h.Conditions.OrchardLand,
        PastureLand = h.Conditions.PastureLand,
        WaterSurface = h.Conditions.WaterSurface,
        RoadType = h.Conditions.RoadType,
        DistanceToRoadKm = h.Conditions.DistanceToRoadKm,
        HousingArea = h.Conditions.HousingArea,
        HousingGrade = h.Conditions.HousingGrade,
        SafeDrinkingWater = h.Conditions.SafeDrinkingWater,
        HasPower = h.Conditions.HasPower,
        Fuel = h.Conditions.Fuel,
        HasSanitaryToilet = h.Conditions.HasSanitaryToilet,
        InCooperative = h.Conditions.InCooperative,
        BankName = h.BankName,
    };
}

public sealed record EditHouseholdRequest(long HouseholdId, HouseholdEdit Edit, string User);

public sealed record EditSaved(long Id, long Version, int ChangedFields);

public sealed class EditHousehold(AppDbContext db, TimeProvider clock)
{
    public const int FirstPlanYear = 2014;
    public const int LastPlanYear = 2030;

    public async Task<Result<EditSaved>> HandleAsync(EditHouseholdRequest request, CancellationToken ct)
    {
        var household = await db.Households.SingleOrDefaultAsync(h => h.Id == request.HouseholdId, ct);
        if (household is null) return Result.NotFound("未找到该户");
        var edit = request.Edit;
        if (household.Version != edit.Version) return Result.Conflict();

        var errors = Validate(edit, clock.Today().Year);
        if (errors.Count > 0) return Result.Invalid(errors);

        household.Attribute = edit.Attribute;
        household.Status = edit.Status;
        household.PlannedExitYear = edit.PlannedExitYear;
        household.ExitYear = edit.ExitYear;
        household.MainCause = edit.MainCause;
        var others = edit.OtherCauses.Distinct().Order().ToList();
        if (!others.SequenceEqual(household.OtherCauses.Order())) household.OtherCauses = others;
        household.ArableLand = edit.ArableLand;
        household.IrrigatedLand = edit.IrrigatedLand;
        household.ForestLand = edit.ForestLand;
        household.ReturnedFarmland = edit.ReturnedFarmland;
        household.OrchardLand = edit.OrchardLand;
        household.PastureLand = edit.PastureLand;
        household.WaterSurface = edit.WaterSurface;
        household.RoadType = edit.RoadType;
        household.DistanceToRoadKm = edit.DistanceToRoadKm;
        household.HousingArea = edit.HousingArea;
        household.HousingGrade = edit.HousingGrade;
        household.SafeDrinkingWater = edit.SafeDrinkingWater;
        household.HasPower = edit.HasPower;
        household.Fuel = edit.Fuel;
        household.HasSanitaryToilet = edit.HasSanitaryToilet;
        household.InCooperative = edit.InCooperative;
        household.BankName = MemberRules.Clean(edit.BankName);
        if (MemberRules.Clean(edit.Phone) is { } phone) household.Phone = phone;
        if (MemberRules.Clean(edit.BankAccount) is { } account) household.BankAccount = account;

        var changed = await db.SaveEditAsync(household, edit.Version, request.User, edit.Reason!, ct);
        return changed is null ? Result.Conflict() : new EditSaved(household.Id, household.Version, changed.Value);
    }

    static List<FieldError> Validate(HouseholdEdit e, int year)
    {
        var errors = new List<FieldError>();
        MemberRules.RequireReason(e.Reason, errors);
        MemberRules.RequireCode(e.Attribute, nameof(e.Attribute), "贫困户属性", year, errors);
        MemberRules.RequireCode(e.Status, nameof(e.Status), "脱贫状态", year, errors);
        MemberRules.RequireCode(e.MainCause, nameof(e.MainCause), "主要致贫原因", year, errors);
        foreach (var c in e.OtherCauses.Distinct())
            MemberRules.RequireCode(c, nameof(e.OtherCauses), "其他致贫原因", year, errors);
        if (e.OtherCauses.Contains(e.MainCause))
            errors.Add(new FieldError(nameof(e.OtherCauses), "other_causes.includes_main", "其他致贫原因不能与主要致贫原因相同"));
        MemberRules.RequireCode(e.RoadType, nameof(e.RoadType), "入户路类型", year, errors);
        MemberRules.RequireCode(e.HousingGrade, nameof(e.HousingGrade), "住房安全等级", year, errors);
        MemberRules.RequireCode(e.Fuel, nameof(e.Fuel), "主要燃料类型", year, errors);

        if (e.PlannedExitYear is { } planned && (planned < FirstPlanYear || planned > LastPlanYear))
            errors.Add(new FieldError(nameof(e.PlannedExitYear), "year.range", $"计划脱贫年度应在{FirstPlanYear}～{LastPlanYear}年之间"));
        var exited = e.Status is PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy;
        if (exited && e.ExitYear is null)
            errors.Add(new FieldError(nameof(e.ExitYear), "exit_year.required", "已脱贫户须填写脱贫年度"));
        if (e.Status == PovertyStatus.NotExited && e.ExitYear is not null)
            errors.Add(new FieldError(nameof(e.ExitYear), "exit_year.not_exited", "未脱贫户不能填写脱贫年度"));
        if (e.ExitYear is { } exit && (exit < FirstPlanYear || exit > year))
            errors.Add(new FieldError(nameof(e.ExitYear), "year.range", $"脱贫年度应在{FirstPlanYear}～{year}年之间"));

        void NonNegative(double value, string field, string label, double max)
        {
            if (double.IsNaN(value) || value < 0 || value > max)
                errors.Add(new FieldError(field, "number.range", $"{label}应在0～{max.ToString(System.Globalization.CultureInfo.InvariantCulture)}之间"));
        }
        NonNegative(e.ArableLand, nameof(e.ArableLand), "耕地面积", 10_000);
        NonNegative(e.IrrigatedLand, nameof(e.IrrigatedLand), "有效灌溉面积", 10_000);
        NonNegative(e.ForestLand, nameof(e.ForestLand), "林地面积", 100_000);
        NonNegative(e.ReturnedFarmland, nameof(e.ReturnedFarmland), "退耕还林面积", 10_000);
        NonNegative(e.OrchardLand, nameof(e.OrchardLand), "林果面积", 10_000);
        NonNegative(e.PastureLand, nameof(e.PastureLand), "牧草地面积", 100_000);
        NonNegative(e.WaterSurface, nameof(e.WaterSurface), "水面面积", 10_000);
        NonNegative(e.DistanceToRoadKm, nameof(e.DistanceToRoadKm), "距村主干路距离", 1_000);
        NonNegative(e.HousingArea, nameof(e.HousingArea), "住房面积", 10_000);
        if (e.IrrigatedLand > e.ArableLand)
            errors.Add(new FieldError(nameof(e.IrrigatedLand), "land.irrigated_exceeds_arable", "有效灌溉面积不能大于耕地面积"));

        MemberRules.CheckPhone(e.Phone, nameof(e.Phone), errors);
        if (MemberRules.Clean(e.BankAccount) is { } account && (account.Length is < 8 or > 32 || !account.All(char.IsAsciiDigit)))
            errors.Add(new FieldError(nameof(e.BankAccount), "bank_account.invalid", "银行账号应为8～32位数字"));
        if (MemberRules.Clean(e.BankName) is { Length: > 40 })
            errors.Add(new FieldError(nameof(e.BankName), "text.too_long", "开户银行名称不能超过40字"));
        return errors;
    }
}
