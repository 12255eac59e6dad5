using Fupin.Accounts;
using Fupin.Projects;
using Fupin.Testing;

namespace Fupin.Tests.Projects;

/// <summary>Projects made through the use cases, as of the test clock's 2018-10-08, by the county office unless told.</summary>
internal static class ProjectTestData
{
    public static readonly DateOnly Today = new(2018, 10, 8);

    /// <summary>A 水利 project (template 勘察设计30 立项20 招标25 开工5 主体完工120 验收20 = 220 days) in 石门村, applied on 2018-03-01.</summary>
    public static async Task<long> CreateAsync(TestDatabase db, ProjectCategory category = ProjectCategory.Water, string? code = null, Role role = Role.CountyAdmin)
    {
        await RegistryBuilder.EnsureVillageAsync(db);
        await using var ctx = db.NewContext();
        var r = await new CreateProject(ctx, db.Clock).HandleAsync(new CreateProjectRequest
        {
            RegionCode = RegistryBuilder.Village, Category = category, Name = "石门村安全饮水巩固提升工程", Code = code,
            ResponsibleUnit = "县水利局", ResponsiblePerson = "王建国", BudgetFen = 1_200_000_00, Year = 2018,
            AppliedOn = new DateOnly(2018, 3, 1), User = "村干部", Role = role,
        }, default);
        Assert.True(r.IsOk, r.Failure?.Message + string.Join("；", r.Failure?.Errors.Select(e => e.Code) ?? []));
        return r.Value!.Id;
    }

    public static async Task<Fupin.Common.Result<ProjectSaved>> AdvanceAsync(TestDatabase db, long id, ProjectStage to, DateOnly on, Role role = Role.CountyAdmin)
    {
        await using var ctx = db.NewContext();
        return await new AdvanceProject(ctx, db.Clock).HandleAsync(new AdvanceProjectRequest { ProjectId = id, ToStage = to, On = on, User = "审核人", Role = role }, default);
    }

    public static async Task<Fupin.Common.Result<PlanSaved>> PlanAsync(TestDatabase db, long id, DateOnly deadline, IReadOnlyList<int>? durations = null, Role role = Role.CountyAdmin)
    {
        await using var ctx = db.NewContext();
        return await new PlanProject(ctx, db.Clock).HandleAsync(new PlanProjectRequest { ProjectId = id, Deadline = deadline, Durations = durations, User = "县扶贫办", Role = role }, default);
    }

    public static async Task<Fupin.Common.Result<ProgressSaved>> ReportAsync(TestDatabase db, long id, int seq, int percent, DateOnly? on = null,
        IReadOnlyList<UploadedFile>? photos = null, Role role = Role.VillageCadre)
    {
        await using var ctx = db.NewContext();
        return await new ReportProgress(ctx, db.Clock).HandleAsync(new ReportProgressRequest
        {
            ProjectId = id, Seq = seq, Percent = percent, ReportedOn = on, Narrative = "现场推进情况", Photos = photos ?? [], User = "村干部", Role = role,
        }, default);
    }

    public static void AssertInvalid<T>(Fupin.Common.Result<T> result, string code)
    {
        Assert.False(result.IsOk, "expected a refusal with " + code);
        Assert.Contains(code, result.Failure!.Errors.Select(e => e.Code));
    }

    /// <summary>The smallest PNG: the 8-byte signature is what counts.</summary>
    public static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
}
