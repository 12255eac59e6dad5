using Fupin.Registry;

namespace Fupin.Demo;

/// <summary>
/// The income ledger of a demo household for 2015–2017 (the 上年度 figures a county holds on
/// 2018-10-08). A per-capita target follows the household's path past the poverty lines (below
/// before its exit year, above from then on; the not-yet-exited stay below or near the 2017 line),
/// and the total is split into policy transfers, property income, wages and farming.
/// </summary>
internal static class DemoIncomes
{
    public static List<IncomeRecord> Make(Random r, Household h, Cohort cohort)
    {
        var size = h.Members.Count;
        var perCapita = PerCapitaPath(r, h, cohort);

        // Fixed for the household across the years.
        var familyPlanning = r.Chance(0.06);
        var landRent = r.Chance(0.1) ? Math.Round(h.ArableLand * r.Between(0.3, 0.8), 1) : 0;
        var relief = r.Chance(h.IsPoor ? 0.12 : 0.04);
        var costRatio = r.Between(0.2, 0.45);
        var able = h.Members.Count(m => m.LabourSkill is LabourSkill.Ordinary or LabourSkill.Skilled or LabourSkill.Weak);
        var migrants = h.Members.Count(m => m.MigrantWorkPlace is not null);
        var students = h.Members.Count(m => m.StudentStatus is not null and not "学龄前儿童" and not "学前教育");

        var records = new List<IncomeRecord>(DemoGenerator.IncomeYears.Length);
        for (var i = 0; i < DemoGenerator.IncomeYears.Length; i++)
        {
            var year = DemoGenerator.IncomeYears[i];
            var yearFactor = 1.0 - ((2017 - year) * 0.05);
            var net = (long)Math.Ceiling(perCapita[i] * size);

            var elderly = h.Members.Count(m => year - m.BirthDate.Year >= 60);
            var pension = elderly * year switch { 2015 => 936L, 2016 => 960L, _ => 1056L };
            var dibao = h.Attribute == HouseholdAttribute.Dibao ? size * (long)Math.Round(r.Between(1000, 1600) * yearFactor) : 0;
            var tekun = h.Attribute == HouseholdAttribute.Tekun ? size * (long)Math.Round(r.Between(2600, 3400) * yearFactor) : 0;
            var planning = familyPlanning && elderly > 0 ? 960L * Math.Min(elderly, 2) : 0;
            var eco = (long)Math.Round((h.ForestLand * 15) + (h.ReturnedFarmland * 125));
            var other = (long)Math.Round(h.ArableLand * 100) + (students * (long)Math.Round(r.Between(500, 1500)))
                + (relief && r.Chance(0.5) ? r.Inclusive(500, 2000) : 0);
            var dividend = year >= 2016 && (h.InCooperative || h.IsPoor) && r.Chance(year == 2016 ? 0.3 : 0.5)
                ? (long)Math.Round(r.Between(200, 1200)) : 0;
            var rent = (long)Math.Round(landRent * r.Between(400, 600));

            long[] fixedParts = [pension, dibao, tekun, planning, eco, other, dividend, rent];
            var fixedTotal = fixedParts.Sum();
            // Transfers never make up the whole income of a household the ledger shows as working or farming.
            var cap = (long)(net * 0.85);
            if (fixedTotal > cap)
            {
                for (var k = 0; k < fixedParts.Length; k++) fixedParts[k] = fixedParts[k] * cap / fixedTotal;
                fixedTotal = fixedParts.Sum();
            }

            var rest = net - fixedTotal;
            var wageShare = migrants > 0 ? r.Between(0.6, 0.85) : able > 0 ? r.Between(0.15, 0.45) : r.Between(0, 0.15);
            var wage = (long)Math.Round(rest * wageShare);
            var farmingNet = rest - wage;
            var production = (long)Math.Round(farmingNet / (1 - costRatio));

            records.Add(new IncomeRecord
            {
                CountyCode = h.CountyCode,
                Year = year,
                HouseholdSize = size,
                Wage = wage * 100,
                Production = production * 100,
                ProductionCost = (production - farmingNet) * 100,
                PensionIncome = fixedParts[0] * 100,
                DibaoAllowance = fixedParts[1] * 100,
                TekunAllowance = fixedParts[2] * 100,
                FamilyPlanning = fixedParts[3] * 100,
                EcoCompensation = fixedParts[4] * 100,
                OtherTransfer = fixedParts[5] * 100,
                AssetDividend = fixedParts[6] * 100,
                OtherProperty = fixedParts[7] * 100,
            });
        }
        return records;
    }

    /// <summary>Per-capita net income in yuan for 2015, 2016 and 2017.</summary>
    static double[] PerCapitaPath(Random r, Household h, Cohort cohort)
    {
        double Line(int year) => DemoGenerator.PovertyLine(year);
        var pc = new double[3];
        switch (cohort)
        {
            case Cohort.Exit2015 or Cohort.Exit2016 or Cohort.Exit2017:
                var exit = h.ExitYear!.Value - 2015;
                // Most exit with 3,500–9,000 yuan a head, more where more members can work; a few
                // (the old and sick, lifted by transfers) only just clear the line.
                var workers = h.Members.Sum(m => m.LabourSkill switch { LabourSkill.Ordinary or LabourSkill.Skilled => 1.0, LabourSkill.Weak => 0.5, _ => 0 });
                var median = 3900 + (2800 * workers / h.Members.Count) + (h.Status == PovertyStatus.ExitedWithoutPolicy ? 1200 : 0);
                var atExit = r.LogNormal(median, 0.33);
                if (atExit > 16000) atExit = r.Between(12000, 16000);
                var line = Line(h.ExitYear.Value);
                if (atExit < line * 1.02) atExit = line * r.Between(1.02, 1.12);
                pc[exit] = atExit;
                for (var i = exit - 1; i >= 0; i--) pc[i] = Line(2015 + i) * r.Between(0.55, 0.96);
                for (var i = exit + 1; i < 3; i++) pc[i] = Math.Max(pc[i - 1] * r.Between(1.02, 1.16), Line(2015 + i) * r.Between(1.03, 1.15));
                break;
            case Cohort.Relapsed:
                pc[0] = Line(2015) * r.Between(0.6, 0.95);
                pc[1] = Line(2016) * r.Between(1.03, 1.25);
                pc[2] = Line(2017) * r.Between(0.6, 0.95);
                break;
            default:
                pc[2] = cohort == Cohort.Plan2018
                    ? Math.Clamp(r.Normal(3380, 170), 2950, 3700)
                    : Math.Clamp(r.Normal(2650, 380), 1600, 3300);
                for (var i = 1; i >= 0; i--) pc[i] = Math.Min(pc[i + 1] * r.Between(0.8, 0.97), Line(2015 + i) * r.Between(0.8, 0.99));
                break;
        }
        return pc;
    }
}
