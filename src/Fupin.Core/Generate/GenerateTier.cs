using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Fupin.Common;
using Fupin.Regions;
using Fupin.Registry;

namespace Fupin.Generate;

/// <param name="Tier">county, province or national-sample (<see cref="GenerateTier.Tiers"/>).</param>
/// <param name="OutDir">The folder to write; it must not exist or be empty, unless <paramref name="Force"/>.</param>
/// <param name="Scale">Multiplies every count (households, hence rows, lists and projects): 0 &lt; scale ≤ 1.</param>
/// <param name="County">The county tier's county (default <see cref="GenerateTier.DefaultCounty"/>); only for that tier.</param>
/// <param name="Force">Replace an earlier generated folder (one holding a manifest.json).</param>
/// <param name="AnomalyRate">Share of households given one planted problem.</param>
public sealed record GenerateTierRequest(
    string Tier, string OutDir, int Seed = 1, double Scale = 1, string? County = null, bool Force = false,
    double AnomalyRate = GenerateTier.DefaultAnomalyRate);

/// <param name="OutDir">The full path of the folder written.</param>
public sealed record GenerateTierResult(string OutDir, string ManifestPath, TierManifest Manifest, TimeSpan Elapsed);

/// <summary>
/// Writes one of the three data tiers into a folder, for tests and benchmarks on known data:
/// <list type="bullet">
/// <item><c>county</c>: one county (南召 by default) at the size of 南召's registry, about 17,000 households;</item>
/// <item><c>province</c>: 河南 at its 2013 peak, about 2,000,000 households and 7 million persons over its real counties and townships;</item>
/// <item><c>national-sample</c>: one household in ten of the 2014 national registry (about 2,900,000), spread over all 31
/// provinces in the shares of <see cref="ProvinceShares"/>, one registry file per province.</item>
/// </list>
/// Each registry (<c>registry/CODE.csv</c>, national layout, <see cref="GenerateRegistryFile"/>) carries planted
/// problems listed in <c>registry/CODE.anomalies.csv</c>; against each registry the eight default department
/// lists of <see cref="ListRowsPerHousehold"/> rows per household (<see cref="GenerateProvinceLists"/>, in
/// <c>lists/</c>, or <c>lists/PROVINCE/</c> for the national sample) with their planted cases in
/// <c>lists.planted.csv</c>; the project pool (<c>projects.csv</c>, <see cref="ProjectsFileWriter"/>); and
/// <c>manifest.json</c> (<see cref="TierManifest"/>). Everything streams: memory does not grow with the
/// tier (the lists hold one registry's ID numbers, 8 bytes a person). The folder is written beside the
/// target under a temporary name and moved into place at the end, so a failure or a cancellation leaves
/// nothing half-written, and a refused request touches nothing. The same request gives the same bytes.
/// </summary>
/// <param name="progressEvery">Report progress after this many households of a registry (and ten times as many rows of its lists).</param>
public sealed class GenerateTier(int progressEvery = 100_000)
{
    public const string DefaultCounty = "411321";
    public const double DefaultAnomalyRate = 0.01;

    /// <summary>南召's registry held about 17,000 households (60,000 persons); every county tier is drawn at that size.</summary>
    public const int CountyHouseholds = 17_000;

    /// <summary>河南's registry at its 2013 peak: 698万 persons, about 2 million households.</summary>
    public const int ProvinceHouseholds = 2_000_000;

    public const string ProvinceCode = "41";

    /// <summary>Each department list has this many rows per household of its registry (about 1.15 per person: nearly everyone on 医保, plus people not registered).</summary>
    public const int ListRowsPerHousehold = 4;

    /// <summary>Changes whenever the same request would give different bytes.</summary>
    public const string Version = "1";

    public static IReadOnlyList<string> Tiers { get; } = ["county", "province", "national-sample"];

    /// <summary>The columns of projects.csv.</summary>
    public static IReadOnlyList<string> ProjectColumns => ProjectsFileWriter.Header;

    /// <summary>The 31 province codes the national sample spreads over (<c>fupin generate regions --province all</c>).</summary>
    public static IReadOnlyList<string> NationalProvinces { get; } = [.. ProvinceShares.All.Select(p => p.Province)];

    public static string GeneratorVersion { get; } = string.Create(CultureInfo.InvariantCulture,
        $"fupin-generate/{Version} (Fupin.Core {typeof(GenerateTier).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?"})");

    /// <summary>A registry to draw: its file name (without .csv), province, county (or null) and households.</summary>
    sealed record RegistryJob(string Name, string Province, string? County, int Households);

    public async Task<Result<GenerateTierResult>> HandleAsync(GenerateTierRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var (errors, outDir) = Validate(request);
        if (errors.Count > 0) return Result.Invalid(errors);

        var watch = Stopwatch.StartNew();
        var jobs = Plan(request);
        var parent = Path.GetDirectoryName(outDir)!;
        Directory.CreateDirectory(parent);
        var work = Path.Combine(parent, string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(outDir)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(work);
        try
        {
            var manifest = await WriteAsync(request, jobs, work, progress, watch, progressEvery, ct);
            manifest.Write(Path.Combine(work, TierManifest.FileName));
            // Replace only now that everything is written (an earlier output with --force, or an empty folder),
            // moving the old one aside first so a failed move loses nothing.
            var old = Directory.Exists(outDir) ? work + ".old" : null;
            if (old is not null) Directory.Move(outDir, old);
            Directory.Move(work, outDir);
            if (old is not null) Directory.Delete(old, recursive: true);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"已写入 {outDir}（{watch.Elapsed.TotalSeconds:0.0} 秒）"));
            return new GenerateTierResult(outDir, Path.Combine(outDir, TierManifest.FileName), manifest, watch.Elapsed);
        }
        catch
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    static (List<FieldError> Errors, string OutDir) Validate(GenerateTierRequest r)
    {
        var errors = new List<FieldError>();
        if (!Tiers.Contains(r.Tier, StringComparer.Ordinal))
            errors.Add(new FieldError(nameof(r.Tier), "tier.unknown", $"未知的数据层级“{r.Tier}”（可用：{string.Join("、", Tiers)}）"));
        if (double.IsNaN(r.Scale) || r.Scale is <= 0 or > 1)
            errors.Add(new FieldError(nameof(r.Scale), "scale.range", string.Create(CultureInfo.InvariantCulture, $"--scale 应大于 0 且不超过 1（收到 {r.Scale}）")));
        if (double.IsNaN(r.AnomalyRate) || r.AnomalyRate is < 0 or > 1)
            errors.Add(new FieldError(nameof(r.AnomalyRate), "anomalies.range", "埋入问题的比例应在 0 到 1 之间"));
        if (r.County is not null && r.Tier != "county")
            errors.Add(new FieldError(nameof(r.County), "county.tier", "--county 只用于 --tier county"));
        if (r.Tier == "county" && errors.Count == 0) CheckCounty(r.County ?? DefaultCounty, Scaled(CountyHouseholds, r.Scale), errors);

        var outDir = "";
        if (string.IsNullOrWhiteSpace(r.OutDir))
        {
            errors.Add(new FieldError(nameof(r.OutDir), "out.required", "需要 --out 输出目录"));
            return (errors, outDir);
        }
        outDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(r.OutDir));
        if (Path.GetDirectoryName(outDir) is null)
            errors.Add(new FieldError(nameof(r.OutDir), "out.root", $"不能写到根目录 {outDir}"));
        else if (File.Exists(outDir))
            errors.Add(new FieldError(nameof(r.OutDir), "out.file", $"{outDir} 是一个文件，不是目录"));
        else if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
        {
            if (!r.Force)
                errors.Add(new FieldError(nameof(r.OutDir), "out.not_empty", $"目录 {outDir} 已存在且不为空；换一个目录，或加 --force 替换以前生成的数据"));
            else if (!File.Exists(Path.Combine(outDir, TierManifest.FileName)))
                errors.Add(new FieldError(nameof(r.OutDir), "out.not_generated", $"目录 {outDir} 不是以前生成的数据（没有 {TierManifest.FileName}），--force 不会替换它"));
        }
        return (errors, outDir);
    }

    /// <summary>Household numbers have three digits a village; keep well below that on average.</summary>
    const int MaxHouseholdsPerVillage = 300;

    static void CheckCounty(string code, int households, List<FieldError> errors)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || RegionCatalog.Find(code) is not { Level: RegionLevel.County })
        {
            errors.Add(new FieldError(nameof(GenerateTierRequest.County), "county.unknown", $"未知的县级区划代码“{code}”"));
            return;
        }
        try
        {
            var plan = ProvincePlan.For(code[..2]).OnlyCounty(code);
            var villages = plan.Townships.Sum(t => t.VillageCount);
            if ((long)villages * MaxHouseholdsPerVillage < households)
                errors.Add(new FieldError(nameof(GenerateTierRequest.County), "county.too_small", string.Create(CultureInfo.InvariantCulture,
                    $"{plan.Counties[0].Name}（{code}）只有 {villages} 个生成的行政村，放不下 {households} 户；请换一个县或减小 --scale")));
        }
        catch (ArgumentException e)
        {
            errors.Add(new FieldError(nameof(GenerateTierRequest.County), "county.no_townships", e.Message));
        }
    }

    static int Scaled(int count, double scale) => Math.Max(1, (int)Math.Round(count * scale, MidpointRounding.AwayFromZero));

    static List<RegistryJob> Plan(GenerateTierRequest r)
    {
        switch (r.Tier)
        {
            case "county":
                var county = r.County ?? DefaultCounty;
                return [new RegistryJob(county, county[..2], county, Scaled(CountyHouseholds, r.Scale))];
            case "province":
                return [new RegistryJob(ProvinceCode, ProvinceCode, null, Scaled(ProvinceHouseholds, r.Scale))];
            default:
                var total = Scaled((int)(ProvinceShares.NationalHouseholds * ProvinceShares.SampleShare), r.Scale);
                var perProvince = ProvinceShares.Apportion(total);
                return [.. ProvinceShares.All.Select((p, i) => new RegistryJob(p.Province, p.Province, null, perProvince[i])).Where(j => j.Households > 0)];
        }
    }

    static async Task<TierManifest> WriteAsync(GenerateTierRequest request, List<RegistryJob> jobs, string work, IProgress<string>? progress, Stopwatch watch,
        int progressEvery, CancellationToken ct)
    {
        var files = new List<TierFile>();
        var anomalyFiles = new List<TierPlantedFile>();
        var caseFiles = new List<TierPlantedFile>();
        long persons = 0;
        Directory.CreateDirectory(Path.Combine(work, "registry"));
        var nested = jobs.Count > 1;
        TierFile Add(string relative, string kind, long rows)
        {
            var (bytes, sha) = TierManifest.Measure(Path.Combine(work, relative));
            var file = new TierFile(relative, kind, rows, bytes, sha);
            files.Add(file);
            return file;
        }

        for (var i = 0; i < jobs.Count; i++)
        {
            var job = jobs[i];
            ct.ThrowIfCancellationRequested();
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"[{i + 1}/{jobs.Count}] 建档立卡名单 registry/{job.Name}.csv：{job.Households} 户（{watch.Elapsed.TotalSeconds:0.0} 秒）"));
            var registryRelative = $"registry/{job.Name}.csv";
            var registry = await new GenerateRegistryFile(progressEvery).HandleAsync(
                new GenerateRegistryRequest(Path.Combine(work, registryRelative), job.Households, job.Province, request.Seed, request.AnomalyRate, job.County), progress, ct);
            persons += registry.Rows;
            Add(registryRelative, "registry", registry.Rows);
            if (registry.ManifestPath is { } anomalyPath)
            {
                var relative = $"registry/{Path.GetFileName(anomalyPath)}";
                Add(relative, "registry-anomalies", registry.Anomalies);
                anomalyFiles.Add(new TierPlantedFile(relative, registryRelative, registry.Anomalies, TierManifest.Count(AnomalyManifest.Read(anomalyPath).Select(a => a.Rule))));
            }

            var listsRelative = nested ? $"lists/{job.Name}" : "lists";
            var rows = (long)job.Households * ListRowsPerHousehold;
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"[{i + 1}/{jobs.Count}] 部门比对名单 {listsRelative}/：每份 {rows} 行（{watch.Elapsed.TotalSeconds:0.0} 秒）"));
            var lists = await new GenerateProvinceLists(progressEvery * 10).HandleAsync(
                new GenerateProvinceListsRequest(registry.Path, Path.Combine(work, listsRelative), rows, GenerateProvinceLists.DefaultTypes, request.Seed), progress, ct);
            foreach (var f in lists.Files) Add($"{listsRelative}/{Path.GetFileName(f.Path)}", "list", f.Rows);
            var plantedRelative = $"{listsRelative}/{PlantedManifest.FileName}";
            var planted = lists.Planted.Sum(p => p.Count);
            Add(plantedRelative, "list-planted", planted);
            caseFiles.Add(new TierPlantedFile(plantedRelative, listsRelative, planted,
                new SortedDictionary<string, int>(lists.Planted.ToDictionary(p => p.Rule, p => p.Count, StringComparer.Ordinal), StringComparer.Ordinal)));
        }

        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"项目库 projects.csv（{watch.Elapsed.TotalSeconds:0.0} 秒）"));
        long projects;
        using (var writer = new ProjectsFileWriter(Path.Combine(work, "projects.csv"), request.Seed))
        {
            foreach (var job in jobs)
            {
                var plan = ProvincePlan.For(job.Province);
                if (job.County is { } c) plan = plan.OnlyCounty(c);
                writer.Add(plan, plan.HouseholdsPerTownship(job.Households), ct);
            }
            projects = writer.Rows;
        }
        Add("projects.csv", "projects", projects);

        return new TierManifest(
            request.Tier, request.Seed, request.Scale, GeneratorVersion, request.Tier == "county" ? request.County ?? DefaultCounty : null,
            [.. jobs.Select(j => j.Province).Distinct(StringComparer.Ordinal)], request.AnomalyRate,
            jobs.Sum(j => (long)j.Households), persons, ListRowsPerHousehold, GenerateProvinceLists.DefaultTypes, projects,
            files, TierManifest.Sum(anomalyFiles), TierManifest.Sum(caseFiles));
    }
}
