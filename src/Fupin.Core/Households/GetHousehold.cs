using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Households;

public sealed record GetHouseholdRequest(long HouseholdId);

/// <summary>A household as shown: personal data (ID numbers, phones, bank account) masked.</summary>
public sealed record HouseholdDetails
{
    public long Id { get; init; }
    public required string Number { get; init; }
    public required string CountyCode { get; init; }
    public required string VillageCode { get; init; }
    public required string VillageName { get; init; }
    public required string TownshipCode { get; init; }
    public required string TownshipName { get; init; }
    public HouseholdAttribute Attribute { get; init; }
    public PovertyStatus Status { get; init; }
    public IdentificationStandard Standard { get; init; }
    public int IdentificationYear { get; init; }
    public int? PlannedExitYear { get; init; }
    public int? ExitYear { get; init; }
    public PovertyCause MainCause { get; init; }
    public required IReadOnlyList<PovertyCause> OtherCauses { get; init; }
    public required HouseholdConditions Conditions { get; init; }
    public required string PhoneMasked { get; init; }
    public string? BankName { get; init; }
    public required string BankAccountMasked { get; init; }
    public long Version { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public required IReadOnlyList<MemberDetails> Members { get; init; }
    public required IReadOnlyList<IncomeYear> Incomes { get; init; }
    public required IReadOnlyList<ChangeEntry> Changes { get; init; }

    public MemberDetails? Head => Members.FirstOrDefault(m => m.Relation == MemberRules.Head);
}

/// <summary>生产生活条件 (areas in 亩, distance in km, housing in m²).</summary>
public sealed record HouseholdConditions
{
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
}

public sealed record MemberDetails
{
    public long Id { get; init; }
    public string? Number { get; init; }
    public required string Name { get; init; }
    public required string IdNumberMasked { get; init; }
    public required string Relation { get; init; }
    public Gender Gender { get; init; }
    public int Age { get; init; }
    public required string Ethnicity { get; init; }
    public required string PoliticalStatus { get; init; }
    public string? Education { get; init; }
    public string? StudentStatus { get; init; }
    public HealthConditions Health { get; init; }
    public required string HealthLabel { get; init; }
    public LabourSkill LabourSkill { get; init; }
    public string? MigrantWorkPlace { get; init; }
    public int? MigrantWorkMonths { get; init; }
    public bool HasBasicMedical { get; init; }
    public bool HasCriticalIllness { get; init; }
    public bool HasPension { get; init; }
    public bool IsDibao { get; init; }
    public bool IsTekun { get; init; }
    public required string PhoneMasked { get; init; }
    public long Version { get; init; }
}

/// <summary>One year's income in yuan, every part, with the computed totals.</summary>
public sealed record IncomeYear
{
    public int Year { get; init; }
    public int HouseholdSize { get; init; }
    public decimal Wage { get; init; }
    public decimal Production { get; init; }
    public decimal AssetDividend { get; init; }
    public decimal OtherProperty { get; init; }
    public decimal Property { get; init; }
    public decimal FamilyPlanning { get; init; }
    public decimal DibaoAllowance { get; init; }
    public decimal TekunAllowance { get; init; }
    public decimal PensionIncome { get; init; }
    public decimal EcoCompensation { get; init; }
    public decimal OtherTransfer { get; init; }
    public decimal Transfer { get; init; }
    public decimal ProductionCost { get; init; }
    public decimal NetIncome { get; init; }

    /// <summary>人均纯收入 = 纯收入 ÷ 家庭人口数.</summary>
    public decimal PerCapitaNetIncome { get; init; }
}

/// <summary>One changed field, with the entity and field named in Chinese.</summary>
public sealed record ChangeEntry(
    DateTimeOffset At,
    string User,
    string Entity,
    string EntityLabel,
    long EntityId,
    string Action,
    string? Field,
    string FieldLabel,
    string? OldValue,
    string? NewValue,
    string? Reason);

public sealed class GetHousehold(AppDbContext db, TimeProvider clock)
{
    public const int MaxChanges = 500;

    public async Task<Result<HouseholdDetails>> HandleAsync(GetHouseholdRequest request, CancellationToken ct)
    {
        var h = await db.Households.AsNoTracking()
            .Where(x => x.Id == request.HouseholdId)
            .Select(x => new
            {
                x.Id, x.Number, x.CountyCode, x.VillageCode,
                VillageName = db.Regions.Where(r => r.Code == x.VillageCode).Select(r => r.Name).FirstOrDefault(),
                TownshipName = db.Regions.Where(r => r.Code == x.VillageCode.Substring(0, 9)).Select(r => r.Name).FirstOrDefault(),
                x.Attribute, x.Status, x.Standard, x.IdentificationYear, x.PlannedExitYear, x.ExitYear, x.MainCause, x.OtherCauses,
                Conditions = new HouseholdConditions
                {
                    ArableLand = x.ArableLand, IrrigatedLand = x.IrrigatedLand, ForestLand = x.ForestLand,
                    ReturnedFarmland = x.ReturnedFarmland, OrchardLand = x.OrchardLand, PastureLand = x.PastureLand,
                    WaterSurface = x.WaterSurface, RoadType = x.RoadType, DistanceToRoadKm = x.DistanceToRoadKm,
                    HousingArea = x.HousingArea, HousingGrade = x.HousingGrade, SafeDrinkingWater = x.SafeDrinkingWater,
                    HasPower = x.HasPower, Fuel = x.Fuel, HasSanitaryToilet = x.HasSanitaryToilet, InCooperative = x.InCooperative,
                },
                x.Phone, x.BankName, x.BankAccount, x.Version, x.UpdatedAt,
            })
            .SingleOrDefaultAsync(ct);
        if (h is null) return Result.NotFound("未找到该户");

        var today = clock.Today();
        var members = await db.Members.AsNoTracking()
            .Where(m => m.HouseholdId == h.Id)
            .OrderBy(m => m.Relation == MemberRules.Head ? 0 : 1).ThenBy(m => m.BirthDate).ThenBy(m => m.Id)
            .Select(m => new
            {
                m.Id, m.Number, m.Name, m.IdNumber, m.Relation, m.Gender, m.BirthDate, m.Ethnicity, m.PoliticalStatus,
                m.Education, m.StudentStatus, m.Health, m.LabourSkill, m.MigrantWorkPlace, m.MigrantWorkMonths,
                m.HasBasicMedical, m.HasCriticalIllness, m.HasPension, m.IsDibao, m.IsTekun, m.Phone, m.Version,
            })
            .ToListAsync(ct);

        var incomes = await db.Incomes.AsNoTracking()
            .Where(i => i.HouseholdId == h.Id)
            .OrderByDescending(i => i.Year)
            .ToListAsync(ct);

        var changes = await db.Changes.AsNoTracking()
            .Where(c => c.CountyCode == h.CountyCode && c.HouseholdId == h.Id)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Take(MaxChanges)
            .Select(c => new { c.At, c.User, c.Entity, c.EntityId, c.Action, c.Field, c.OldValue, c.NewValue, c.Reason })
            .ToListAsync(ct);

        return new HouseholdDetails
        {
            Id = h.Id,
            Number = h.Number,
            CountyCode = h.CountyCode,
            VillageCode = h.VillageCode,
            VillageName = h.VillageName ?? h.VillageCode,
            TownshipCode = h.VillageCode.Length >= 9 ? h.VillageCode[..9] : h.VillageCode,
            TownshipName = h.TownshipName ?? "",
            Attribute = h.Attribute,
            Status = h.Status,
            Standard = h.Standard,
            IdentificationYear = h.IdentificationYear,
            PlannedExitYear = h.PlannedExitYear,
            ExitYear = h.ExitYear,
            MainCause = h.MainCause,
            OtherCauses = h.OtherCauses,
            Conditions = h.Conditions,
            PhoneMasked = Masking.Mask(h.Phone),
            BankName = h.BankName,
            BankAccountMasked = Masking.Mask(h.BankAccount),
            Version = h.Version,
            UpdatedAt = h.UpdatedAt,
            Members = [.. members.Select(m => new MemberDetails
            {
                Id = m.Id,
                Number = m.Number,
                Name = m.Name,
                IdNumberMasked = m.IdNumber?.Masked ?? "",
                Relation = m.Relation,
                Gender = m.Gender,
                Age = Age(m.BirthDate, today),
                Ethnicity = m.Ethnicity,
                PoliticalStatus = m.PoliticalStatus,
                Education = m.Education,
                StudentStatus = m.StudentStatus,
                Health = m.Health,
                HealthLabel = CodeCatalog.HealthLabel(m.Health),
                LabourSkill = m.LabourSkill,
                MigrantWorkPlace = m.MigrantWorkPlace,
                MigrantWorkMonths = m.MigrantWorkMonths,
                HasBasicMedical = m.HasBasicMedical,
                HasCriticalIllness = m.HasCriticalIllness,
                HasPension = m.HasPension,
                IsDibao = m.IsDibao,
                IsTekun = m.IsTekun,
                PhoneMasked = Masking.Mask(m.Phone),
                Version = m.Version,
            })],
            Incomes = [.. incomes.Select(ToYear)],
            Changes = [.. changes.Select(c => new ChangeEntry(c.At, c.User, c.Entity, FieldLabels.Entity(c.Entity), c.EntityId, c.Action,
                c.Field, FieldLabels.Field(c.Field), FieldLabels.Value(c.Field, c.OldValue), FieldLabels.Value(c.Field, c.NewValue), c.Reason))],
        };
    }

    static int Age(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }

    static IncomeYear ToYear(IncomeRecord i) => new()
    {
        Year = i.Year,
        HouseholdSize = i.HouseholdSize,
        Wage = Money.Yuan(i.Wage),
        Production = Money.Yuan(i.Production),
        AssetDividend = Money.Yuan(i.AssetDividend),
        OtherProperty = Money.Yuan(i.OtherProperty),
        Property = Money.Yuan(i.Property),
        FamilyPlanning = Money.Yuan(i.FamilyPlanning),
        DibaoAllowance = Money.Yuan(i.DibaoAllowance),
        TekunAllowance = Money.Yuan(i.TekunAllowance),
        PensionIncome = Money.Yuan(i.PensionIncome),
        EcoCompensation = Money.Yuan(i.EcoCompensation),
        OtherTransfer = Money.Yuan(i.OtherTransfer),
        Transfer = Money.Yuan(i.Transfer),
        ProductionCost = Money.Yuan(i.ProductionCost),
        NetIncome = Money.Yuan(i.NetIncome),
        PerCapitaNetIncome = Money.Yuan(i.PerCapitaNetIncome),
    };
}
