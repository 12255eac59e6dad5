using Fupin.Accounts;
using Fupin.Demo;
using Fupin.Generate;
using Fupin.Testing;
using Fupin.Verification;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace Fupin.Tests.Verification;

/// <summary>The demo county against its generated department lists: the run finds the planted cases and nothing else.</summary>
public class DemoListsTests
{
    [Fact]
    public async Task DemoRun_FindsExactlyThePlantedCases()
    {
        await using var db = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("fupin-demo-lists-test-");
        try
        {
            await using (var ctx = db.NewContext(AccessScope.System)) await new SeedDemo(ctx).HandleAsync(new SeedDemoRequest(), null, default);
            var files = await new GenerateDepartmentLists().HandleAsync(new GenerateDepartmentListsRequest(dir.FullName), null, default);
            await using (var ctx = db.NewContext(AccessScope.System))
            {
                foreach (var file in files.Files)
                {
                    var loaded = await new ImportDepartmentList(ctx, db.Clock).HandleAsync(
                        new ImportDepartmentListRequest(file.Key, file.Path, GenerateDepartmentLists.AsOf), null, default);
                    Assert.True(loaded.IsOk, file.Key + ": " + loaded.Failure?.Message);
                    Assert.True(loaded.Value.Refused == 0, file.Key + ": " + string.Join("; ", loaded.Value.Problems.Take(5).Select(p => $"{p.Row} {p.Column} {p.Message}")));
                }
                var run = await new RunVerification(ctx, db.Clock).HandleAsync(new RunVerificationRequest(DemoCounty.CountyCode), null, default);
                Assert.True(run.IsOk);
                Assert.Empty(run.Value.Skipped);
            }

            var planted = new SortedSet<string>(StringComparer.Ordinal);
            using (var reader = Sep.Reader().FromFile(files.ManifestPath))
            {
                foreach (var row in reader) planted.Add($"{row["rule"]} {row["household"]} {row["id"]}");
            }
            Assert.Equal(files.Planted.Sum(p => p.Count), planted.Count);

            await using var check = db.NewContext(AccessScope.System);
            var found = await check.Findings.AsNoTracking()
                .Select(f => new
                {
                    f.Rule,
                    Household = check.Households.Where(h => h.Id == f.HouseholdId).Select(h => h.Number).First(),
                    Id = f.MemberId != null
                        ? check.Members.Where(m => m.Id == f.MemberId).Select(m => m.IdNumber).First()
                        : check.Members.Where(m => m.HouseholdId == f.HouseholdId && m.Relation == "户主").Select(m => m.IdNumber).First(),
                })
                .ToListAsync();
            var actual = new SortedSet<string>(found.Select(f => $"{f.Rule} {f.Household} {f.Id}"), StringComparer.Ordinal);
            Assert.Equal(planted, actual);
            foreach (var rule in ComparisonRules.All)
                Assert.True(found.Any(f => f.Rule == rule.Code), $"the demo plants no case of {rule.Code}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
