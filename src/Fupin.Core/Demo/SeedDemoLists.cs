using Fupin.Data;
using Fupin.Generate;
using Fupin.Verification;

namespace Fupin.Demo;

public sealed record SeedDemoListsResult(int Lists, int Rows, VerificationReport Run);

/// <summary>
/// The demo county's department lists (<see cref="GenerateDepartmentLists"/>, with the planted cases
/// of docs/verification.md), loaded as departments would load them, then one verification run over
/// the county, so the demo opens with the findings to work.
/// </summary>
public sealed class SeedDemoLists(AppDbContext db, TimeProvider clock)
{
    public async Task<SeedDemoListsResult> HandleAsync(int seed, IProgress<string>? progress, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("fupin-demo-lists-");
        try
        {
            var files = await new GenerateDepartmentLists().HandleAsync(new GenerateDepartmentListsRequest(dir.FullName, seed), progress, ct);
            var rows = 0;
            foreach (var file in files.Files)
            {
                var request = new ImportDepartmentListRequest(file.Key, file.Path, GenerateDepartmentLists.AsOf, DemoCounty.CountyCode, Via: "演示数据");
                var loaded = await new ImportDepartmentList(db, clock).HandleAsync(request, null, ct);
                if (!loaded.IsOk) throw new InvalidOperationException($"演示名单 {file.Key} 导入失败：{loaded.Failure.Message} {string.Join("；", loaded.Failure.Errors.Select(e => e.Message))}");
                rows += loaded.Value.Rows;
            }
            progress?.Report($"已导入演示部门名单 {files.Files.Count} 份，{rows} 行");
            var run = await new RunVerification(db, clock).HandleAsync(new RunVerificationRequest(DemoCounty.CountyCode), progress, ct);
            if (!run.IsOk) throw new InvalidOperationException($"演示比对失败：{run.Failure.Message}");
            return new SeedDemoListsResult(files.Files.Count, rows, run.Value);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
