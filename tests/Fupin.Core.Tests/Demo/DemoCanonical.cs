using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fupin.Demo;

namespace Fupin.Tests.Demo;

/// <summary>A SHA-256 over a canonical text of every village, household, member and income record.</summary>
internal static class DemoCanonical
{
    public static string Hash(DemoRegistry registry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sb = new StringBuilder();
        void Flush()
        {
            hash.AppendData(Encoding.UTF8.GetBytes(sb.ToString()));
            sb.Clear();
        }
        void Line(params object?[] fields)
        {
            foreach (var f in fields)
            {
                sb.Append(f switch
                {
                    null => "∅",
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
                    System.Collections.IEnumerable list and not string => string.Join(",", list.Cast<object>()),
                    _ => f.ToString(),
                });
                sb.Append('|');
            }
            sb.Append('\n');
        }

        foreach (var r in registry.Regions.Concat(registry.Villages))
            Line("R", r.Code, r.Name, r.Level, r.ParentCode, r.IsPoorVillage, r.RuralPopulation);
        foreach (var h in registry.Households)
        {
            Line("H", h.CountyCode, h.VillageCode, h.Number, h.Attribute, h.Status, h.Standard, h.IdentificationYear, h.PlannedExitYear, h.ExitYear,
                h.MainCause, h.OtherCauses, h.ArableLand, h.IrrigatedLand, h.ForestLand, h.ReturnedFarmland, h.OrchardLand, h.PastureLand,
                h.WaterSurface, h.RoadType, h.DistanceToRoadKm, h.HousingArea, h.HousingGrade, h.SafeDrinkingWater, h.HasPower, h.Fuel,
                h.HasSanitaryToilet, h.InCooperative, h.Phone, h.BankName, h.BankAccount, h.HousingRenovatedOn?.DayNumber);
            foreach (var m in h.Members)
            {
                Line("M", m.CountyCode, m.Number, m.Name, m.IdNumber?.ToString(), m.Relation, m.Gender, m.BirthDate.DayNumber, m.Ethnicity,
                    m.PoliticalStatus, m.Education, m.StudentStatus, m.Health, m.LabourSkill, m.MigrantWorkPlace, m.MigrantWorkMonths,
                    m.HasBasicMedical, m.HasCriticalIllness, m.HasPension, m.IsDibao, m.IsTekun, m.Phone, m.OutOfSchoolReason);
            }
            foreach (var i in h.Incomes)
            {
                Line("I", i.CountyCode, i.Year, i.HouseholdSize, i.Wage, i.Production, i.AssetDividend, i.OtherProperty, i.FamilyPlanning,
                    i.DibaoAllowance, i.TekunAllowance, i.PensionIncome, i.EcoCompensation, i.OtherTransfer, i.ProductionCost);
            }
            if (sb.Length > 1 << 16) Flush();
        }
        Flush();
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
