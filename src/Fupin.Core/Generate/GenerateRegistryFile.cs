using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Fupin.Demo;
using Fupin.Imports;
using Fupin.Registry;

namespace Fupin.Generate;

/// <param name="OutPath">The .csv to write (UTF-8 with BOM, comma).</param>
/// <param name="Households">How many households; members follow from the family compositions (about 3.5 a household).</param>
/// <param name="Province">Two-digit province code (41 河南省).</param>
/// <param name="AnomalyRate">Share of households that get one planted problem (0 = a clean file); listed in <see cref="AnomalyManifest.PathFor"/>.</param>
/// <param name="County">A county of the province to draw alone (its townships and villages as in the province's file); null for the whole province.</param>
public sealed record GenerateRegistryRequest(string OutPath, int Households, string Province = "41", int Seed = 1, double AnomalyRate = 0, string? County = null);

/// <param name="Rows">Data rows (one per member; the header row not counted).</param>
/// <param name="Anomalies">Households given a planted problem, each listed in the manifest at <paramref name="ManifestPath"/>.</param>
public sealed record GenerateRegistryResult(string Path, int Households, long Rows, long Bytes, TimeSpan Elapsed, int Anomalies, string? ManifestPath);

/// <summary>
/// Writes a registry file in the national member-list layout (one row per person, household columns
/// repeated, exactly the columns <see cref="ExportRegistryFile"/> writes) for any number of households
/// spread over the real counties and townships of a province, each household drawn the way the demo
/// county draws its own (<see cref="DemoGenerator"/>: families, names, ages, schooling, health,
/// labour, incomes, status). Rows are streamed: memory does not grow with the file. The same request
/// always gives the same bytes: every township has its own random stream seeded from the seed and
/// its code, and ID numbers are unique by construction (<see cref="IdSequences"/>).
/// To import the file, the database needs the province's places: <see cref="AddGeneratedRegions"/>.
/// </summary>
/// <param name="progressEvery">Report progress after this many households.</param>
public sealed class GenerateRegistryFile(int progressEvery = 100_000)
{
    static readonly DateOnly Today = DemoCounty.BusinessDate;

    public async Task<GenerateRegistryResult> HandleAsync(GenerateRegistryRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Households, 1, nameof(request.Households));
        if (request.AnomalyRate is < 0 or > 1 || double.IsNaN(request.AnomalyRate))
            throw new ArgumentOutOfRangeException(nameof(request), request.AnomalyRate, "the anomaly rate is a share between 0 and 1");

        var watch = Stopwatch.StartNew();
        var plan = ProvincePlan.For(request.Province);
        if (request.County is { } only) plan = plan.OnlyCounty(only);
        var perTownship = plan.HouseholdsPerTownship(request.Households);
        var fields = Columns.Exported(Layout.National).ToArray();
        var manifestPath = request.AnomalyRate > 0 ? AnomalyManifest.PathFor(request.OutPath) : null;
        progress?.Report($"正在生成{plan.Province.Name}的 {request.Households} 户（{plan.Counties.Count} 个县级区划，{plan.Townships.Count} 个乡镇，seed={request.Seed}）……");

        var households = 0;
        var rows = 0L;
        var anomalies = 0;
        // Drawing households and formatting rows take about the same time, so they run on two threads;
        // one producer and one consumer over a FIFO queue keep the file in the same order every time.
        using var queue = new BlockingCollection<Drawn>(boundedCapacity: 4096);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() =>
        {
            try
            {
                anomalies = Draw(plan, perTownship, request, manifestPath, queue, stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, stop.Token);
        try
        {
            using var csv = new CsvRowWriter(request.OutPath);
            foreach (var f in fields) csv.Cell(Columns.Header(f, Layout.National));
            csv.EndRow();
            foreach (var d in queue.GetConsumingEnumerable(ct))
            {
                WriteHousehold(csv, fields, d.Places, d.Household, d.IdText);
                rows += d.Household.Members.Count;
                households++;
                if (households % progressEvery == 0)
                    progress?.Report($"已生成 {households}/{request.Households} 户、{rows} 行（{watch.Elapsed.TotalSeconds:0.0} 秒）");
            }
        }
        catch
        {
            // The producer may be waiting on a full queue: stop it before the error leaves.
            await stop.CancelAsync();
            try { await producer; } catch (OperationCanceledException) { }
            throw;
        }
        await producer;
        var bytes = new FileInfo(request.OutPath).Length;
        progress?.Report($"已写入 {request.OutPath}：{households} 户、{rows} 行、{bytes} 字节（{watch.Elapsed.TotalSeconds:0.0} 秒）");
        return new GenerateRegistryResult(request.OutPath, households, rows, bytes, watch.Elapsed, anomalies, manifestPath);
    }

    sealed record Places(string County, string Township, string Village);

    /// <summary>A household ready to write; <see cref="IdText"/> replaces members' ID numbers where a problem was planted.</summary>
    sealed record Drawn(Household Household, Places Places, string?[] IdText);

    /// <summary>
    /// Draws every household in township order (each county's together, so ID sequences and the donors of
    /// duplicate IDs are per county), plants problems and writes the manifest; returns the number planted.
    /// </summary>
    static int Draw(ProvincePlan plan, int[] perTownship, GenerateRegistryRequest request, string? manifestPath, BlockingCollection<Drawn> queue, CancellationToken ct)
    {
        var ids = new IdSequences(Today);
        var planter = new AnomalyPlanter(Today);
        using var manifest = manifestPath is null ? null : new CsvRowWriter(manifestPath);
        if (manifest is not null)
        {
            foreach (var h in (string[])["row", "household", "rule", "kind"]) manifest.Cell(h);
            manifest.EndRow();
        }
        var anomalies = 0;
        var row = 1; // the header
        string? county = null;
        DemoLocale locale = null!;
        for (var t = 0; t < plan.Townships.Count; t++)
        {
            if (perTownship[t] == 0) continue;
            ct.ThrowIfCancellationRequested();
            var township = plan.Townships[t];
            if (township.CountyCode != county)
            {
                county = township.CountyCode;
                locale = DemoLocale.For(county);
                ids.StartCounty(county);
                planter.StartCounty();
            }
            var code = long.Parse(township.Township.Code, CultureInfo.InvariantCulture);
            var r = new Random(ProvincePlan.Mix(request.Seed, code));
            var anomalyRandom = new Random(ProvincePlan.Mix(~(long)request.Seed, code));
            var generator = new DemoGenerator(r, locale, ids.Next);
            var villages = township.Villages(locale);
            var perVillage = ProvincePlan.Apportion([.. villages.Select(PlannedTownship.HouseholdWeight)], perTownship[t]);
            for (var v = 0; v < villages.Count; v++)
            {
                var village = villages[v];
                var cohorts = DemoGenerator.CohortWeightsOf(village);
                var vc = village.Region.Code;
                var prefix = string.Concat(vc.AsSpan(0, 9), vc.AsSpan(10, 2));
                var places = new Places(locale.CountyName, township.Township.Name, Values.Neutralize(village.Region.Name)!);
                for (var seq = 1; seq <= perVillage[v]; seq++)
                {
                    var h = generator.MakeHousehold(village, r.Weighted(cohorts), prefix + seq.ToString("D3", CultureInfo.InvariantCulture));
                    var idText = NoOverrides;
                    if (manifest is not null)
                    {
                        if (anomalyRandom.Chance(request.AnomalyRate))
                        {
                            idText = new string?[h.Members.Count];
                            var a = planter.Plant(anomalyRandom, h, row + 1, idText);
                            manifest.Cell(a.Row);
                            manifest.Cell(a.Household);
                            manifest.Cell(a.Rule);
                            manifest.Cell(a.Kind);
                            manifest.EndRow();
                            anomalies++;
                        }
                        else planter.Offer(h);
                    }
                    row += h.Members.Count;
                    queue.Add(new Drawn(h, places, idText), ct);
                }
            }
        }
        return anomalies;
    }

    static readonly string?[] NoOverrides = new string?[64];

    /// <summary>One row per member, values as <see cref="ExportRegistryFile"/> writes them (the latest income year on every row).</summary>
    static void WriteHousehold(CsvRowWriter csv, Field[] fields, Places places, Household h, string?[] idText)
    {
        IncomeRecord? income = null;
        foreach (var i in h.Incomes)
        {
            if (income is null || i.Year > income.Year) income = i;
        }
        string? otherCauses = null;
        for (var i = 0; i < h.Members.Count; i++)
        {
            var m = h.Members[i];
            foreach (var f in fields)
            {
                switch (f)
                {
                    case Field.County: csv.Cell(places.County); break;
                    case Field.Township: csv.Cell(places.Township); break;
                    case Field.Village: csv.Cell(places.Village); break;
                    case Field.VillageCode: csv.Cell(h.VillageCode); break;
                    case Field.HouseholdNumber: csv.Cell(h.Number); break;
                    case Field.HouseholdSize: csv.Cell(income?.HouseholdSize ?? h.Members.Count); break;
                    case Field.PersonNumber: csv.Cell(m.Number); break;
                    case Field.Name: csv.Cell(Values.Neutralize(m.Name)); break;
                    case Field.IdNumber: csv.Cell((i < idText.Length ? idText[i] : null) ?? m.IdNumber?.ToString()); break;
                    case Field.Relation: csv.Cell(m.Relation); break;
                    case Field.Gender: csv.Cell(Labels<Gender>.Of(m.Gender)); break;
                    case Field.BirthDate: csv.Cell(m.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                    case Field.Ethnicity: csv.Cell(m.Ethnicity); break;
                    case Field.PoliticalStatus: csv.Cell(m.PoliticalStatus); break;
                    case Field.Education: csv.Cell(m.Education); break;
                    case Field.StudentStatus: csv.Cell(m.StudentStatus); break;
                    case Field.Health: csv.Cell(HealthLabels[(int)m.Health & 15]); break;
                    case Field.LabourSkill: csv.Cell(Labels<LabourSkill>.Of(m.LabourSkill)); break;
                    case Field.MigrantWorkPlace: csv.Cell(Values.Neutralize(m.MigrantWorkPlace)); break;
                    case Field.MigrantWorkMonths: csv.Cell(m.MigrantWorkMonths); break;
                    case Field.BasicMedical: csv.Cell(YesNo(m.HasBasicMedical)); break;
                    case Field.EmployeeMedical: csv.Cell(YesNo(!m.HasBasicMedical)); break;
                    case Field.CriticalIllness: csv.Cell(YesNo(m.HasCriticalIllness)); break;
                    case Field.Pension: csv.Cell(YesNo(m.HasPension)); break;
                    case Field.Dibao: csv.Cell(YesNo(m.IsDibao)); break;
                    case Field.Tekun: csv.Cell(YesNo(m.IsTekun)); break;
                    case Field.MemberPhone: csv.Cell(Values.Neutralize(m.Phone)); break;
                    case Field.Attribute: csv.Cell(Labels<HouseholdAttribute>.Of(h.Attribute)); break;
                    case Field.Status: csv.Cell(Labels<PovertyStatus>.Of(h.Status)); break;
                    case Field.Standard: csv.Cell(Labels<IdentificationStandard>.Of(h.Standard)); break;
                    case Field.IdentificationYear: csv.Cell(h.IdentificationYear == 0 ? null : h.IdentificationYear); break;
                    case Field.PlannedExitYear: csv.Cell(h.PlannedExitYear); break;
                    case Field.ExitYear: csv.Cell(h.ExitYear); break;
                    case Field.MainCause: csv.Cell(Labels<PovertyCause>.Of(h.MainCause)); break;
                    case Field.OtherCauses:
                        otherCauses ??= string.Join("、", h.OtherCauses.Order().Select(c => Labels<PovertyCause>.Of(c)));
                        csv.Cell(otherCauses);
                        break;
                    case Field.HouseholdPhone: csv.Cell(Values.Neutralize(h.Phone)); break;
                    case Field.BankName: csv.Cell(Values.Neutralize(h.BankName)); break;
                    case Field.BankAccount: csv.Cell(Values.Neutralize(h.BankAccount)); break;
                    case Field.ArableLand: csv.Cell(h.ArableLand); break;
                    case Field.IrrigatedLand: csv.Cell(h.IrrigatedLand); break;
                    case Field.ForestLand: csv.Cell(h.ForestLand); break;
                    case Field.ReturnedFarmland: csv.Cell(h.ReturnedFarmland); break;
                    case Field.OrchardLand: csv.Cell(h.OrchardLand); break;
                    case Field.PastureLand: csv.Cell(h.PastureLand); break;
                    case Field.WaterSurface: csv.Cell(h.WaterSurface); break;
                    case Field.RoadType: csv.Cell(Labels<RoadType>.Of(h.RoadType)); break;
                    case Field.DistanceToRoadKm: csv.Cell(h.DistanceToRoadKm); break;
                    case Field.HousingArea: csv.Cell(h.HousingArea); break;
                    case Field.HousingGrade: csv.Cell(Labels<HousingGrade>.Of(h.HousingGrade)); break;
                    case Field.SafeDrinkingWater: csv.Cell(YesNo(h.SafeDrinkingWater)); break;
                    case Field.HasPower: csv.Cell(YesNo(h.HasPower)); break;
                    case Field.Fuel: csv.Cell(Labels<FuelType>.Of(h.Fuel)); break;
                    case Field.HasSanitaryToilet: csv.Cell(YesNo(h.HasSanitaryToilet)); break;
                    case Field.InCooperative: csv.Cell(YesNo(h.InCooperative)); break;
                    case Field.IncomeYear: csv.Cell(income?.Year); break;
                    case Field.NetIncome when income is not null: csv.Yuan(income.NetIncome); break;
                    case Field.PerCapitaIncome when income is not null: csv.Yuan(income.PerCapitaNetIncome); break;
                    case Field.Wage when income is not null: csv.Yuan(income.Wage); break;
                    case Field.Production when income is not null: csv.Yuan(income.Production); break;
                    case Field.AssetDividend when income is not null: csv.Yuan(income.AssetDividend); break;
                    case Field.OtherProperty when income is not null: csv.Yuan(income.OtherProperty); break;
                    case Field.FamilyPlanning when income is not null: csv.Yuan(income.FamilyPlanning); break;
                    case Field.DibaoAllowance when income is not null: csv.Yuan(income.DibaoAllowance); break;
                    case Field.TekunAllowance when income is not null: csv.Yuan(income.TekunAllowance); break;
                    case Field.PensionIncome when income is not null: csv.Yuan(income.PensionIncome); break;
                    case Field.EcoCompensation when income is not null: csv.Yuan(income.EcoCompensation); break;
                    case Field.OtherTransfer when income is not null: csv.Yuan(income.OtherTransfer); break;
                    case Field.ProductionCost when income is not null: csv.Yuan(income.ProductionCost); break;
                    default: csv.Cell((string?)null); break;
                }
            }
            csv.EndRow();
        }
    }

    static string YesNo(bool b) => b ? "是" : "否";

    static readonly string[] HealthLabels = [.. Enumerable.Range(0, 16).Select(i => CodeCatalog.HealthLabel((HealthConditions)i))];

    static class Labels<T> where T : struct, Enum
    {
        static readonly Dictionary<T, string> ByValue = Enum.GetValues<T>().ToDictionary(v => v, v => CodeCatalog.Label(v));

        public static string? Of(T value) => ByValue.GetValueOrDefault(value);
    }
}
