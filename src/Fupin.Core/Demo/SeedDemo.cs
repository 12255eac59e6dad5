using Fupin.Data;

namespace Fupin.Demo;

public sealed record SeedDemoRequest(int Seed = DemoCounty.DefaultSeed);

public sealed record SeedDemoResult(int Villages, int PoorVillages, int Households, int Members, int IncomeRecords);

/// <summary>Writes the demo county 南召县 into an empty database. (Placeholder signature; the generator is being written.)</summary>
public sealed class SeedDemo(AppDbContext db)
{
    public Task<SeedDemoResult> HandleAsync(SeedDemoRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        _ = db;
        throw new NotImplementedException("demo generator not written yet");
    }
}

public static class DemoCounty
{
    public const int DefaultSeed = 20181008;
    public const string CountyCode = "411321";
    public static readonly DateOnly BusinessDate = new(2018, 10, 8);
}
