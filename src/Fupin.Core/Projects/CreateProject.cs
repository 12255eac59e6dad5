using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

/// <summary>
/// 村申报: a new project of the pool. <see cref="Code"/> may be left empty to have one generated;
/// <see cref="AppliedOn"/> defaults to the business date.
/// </summary>
public sealed record CreateProjectRequest
{
    public string? RegionCode { get; init; }
    public ProjectCategory Category { get; init; }
    public string? Name { get; init; }
    public string? Code { get; init; }
    public string? Content { get; init; }
    public string? ResponsibleUnit { get; init; }
    public string? ResponsiblePerson { get; init; }
    public string? ResponsiblePhone { get; init; }
    public long BudgetFen { get; init; }
    public int Year { get; init; }
    public DateOnly? AppliedOn { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<UploadedFile> Documents { get; init; } = [];
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record ProjectSaved(long Id, string Code, ProjectStage Stage, string StageLabel, long Version);

/// <summary>
/// Writes a project at 村申报 with its first approval event (and the application's documents) in one
/// transaction. The region is a township or village of a county in the user's scope.
/// </summary>
public sealed class CreateProject(AppDbContext db, TimeProvider clock)
{
    /// <summary>10 亿元: a budget above it is a typing error in a county's project pool.</summary>
    public const long MaxBudgetFen = 100_000_000_000;

    public async Task<Result<ProjectSaved>> HandleAsync(CreateProjectRequest request, CancellationToken ct)
    {
        if (!ProjectRoles.CanApply(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Name), ProjectRoles.NotAllowedCode, "您的角色不能申报项目")]);
        var today = clock.Today();
        var errors = new List<FieldError>();
        var region = request.RegionCode?.Trim() ?? "";
        string? county = null;
        if (region.Length == 0)
            errors.Add(new FieldError(nameof(request.RegionCode), "region.required", "请选择项目所在乡镇或行政村"));
        else if (!(region.Length is 9 or 12 && region.All(char.IsAsciiDigit) && db.Scope.Covers(region)
                 && await db.Regions.AnyAsync(r => r.Code == region && (r.Level == RegionLevel.Township || r.Level == RegionLevel.Village), ct)))
            errors.Add(new FieldError(nameof(request.RegionCode), "region.unknown", $"乡镇或行政村“{region}”不存在或不在您的管理范围内"));
        else
            county = region[..6];
        if (!Enum.IsDefined(request.Category))
            errors.Add(new FieldError(nameof(request.Category), "project.category_invalid", "请选择项目类别"));
        var name = ProjectText.Trim(request.Name);
        if (name is null)
            errors.Add(new FieldError(nameof(request.Name), "project.name_required", "请填写项目名称"));
        else if (name.Length > 100)
            errors.Add(new FieldError(nameof(request.Name), "project.name_too_long", "项目名称不能超过100字"));
        var content = ProjectText.Trim(request.Content);
        if (content is { Length: > 2000 })
            errors.Add(new FieldError(nameof(request.Content), "project.content_too_long", "建设内容不能超过2000字"));
        var unit = ProjectText.Trim(request.ResponsibleUnit);
        if (unit is null)
            errors.Add(new FieldError(nameof(request.ResponsibleUnit), "project.unit_required", "请填写责任单位"));
        else if (unit.Length > 64)
            errors.Add(new FieldError(nameof(request.ResponsibleUnit), "project.unit_too_long", "责任单位不能超过64字"));
        var person = ProjectText.Trim(request.ResponsiblePerson);
        if (person is null)
            errors.Add(new FieldError(nameof(request.ResponsiblePerson), "project.person_required", "请填写责任人"));
        else if (person.Length > 40)
            errors.Add(new FieldError(nameof(request.ResponsiblePerson), "project.person_too_long", "责任人不能超过40字"));
        var phone = ProjectText.Trim(request.ResponsiblePhone);
        if (phone is not null && (phone.Length > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+')))
            errors.Add(new FieldError(nameof(request.ResponsiblePhone), "project.phone_invalid", "联系电话只能包含数字、空格、+和-，不超过20位"));
        if (request.BudgetFen <= 0)
            errors.Add(new FieldError(nameof(request.BudgetFen), "project.budget_invalid", "总投资须大于0"));
        else if (request.BudgetFen > MaxBudgetFen)
            errors.Add(new FieldError(nameof(request.BudgetFen), "project.budget_too_large", "总投资不能超过10亿元，请核对单位（元）"));
        if (request.Year < 2014 || request.Year > today.Year + 1)
            errors.Add(new FieldError(nameof(request.Year), "project.year_invalid", $"项目年度应在2014至{today.Year + 1}年之间"));
        var appliedOn = request.AppliedOn ?? today;
        if (appliedOn > today)
            errors.Add(new FieldError(nameof(request.AppliedOn), "project.date_future", "申报日期不能晚于今天"));
        var note = ProjectText.Trim(request.Note);
        if (note is { Length: > 1000 })
            errors.Add(new FieldError(nameof(request.Note), "project.note_too_long", "说明不能超过1000字"));
        var code = ProjectText.Trim(request.Code)?.ToUpperInvariant();
        if (code is not null)
        {
            if (code.Length > 32 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                errors.Add(new FieldError(nameof(request.Code), "project.code_invalid", "项目编号只能由字母、数字和“-”组成，不超过32位"));
            else if (county is not null && await db.Projects.IgnoreQueryFilters().AnyAsync(p => p.CountyCode == county && p.Code == code, ct))
                errors.Add(new FieldError(nameof(request.Code), "project.code_taken", $"项目编号“{code}”已被本县其他项目使用"));
        }
        var files = ProjectFiles.CheckAll(request.Documents, nameof(request.Documents), errors);
        if (errors.Count > 0 || county is null || files is null) return Result.Invalid(errors);

        code ??= await NextCodeAsync(county, request.Year, ct);
        var by = ProjectText.Clip(request.User, 64);
        var now = clock.GetUtcNow();
        var project = new Project
        {
            CountyCode = county, RegionCode = region, Code = code, Name = name!, Category = request.Category, Year = request.Year,
            Content = content, ResponsibleUnit = unit!, ResponsiblePerson = person!, ResponsiblePhone = phone, BudgetFen = request.BudgetFen,
            Stage = ProjectStage.Applied, Status = ScheduleStatus.NotPlanned, CreatedBy = by, CreatedAt = now, Version = 1,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        var ev = new ProjectEvent { ProjectId = project.Id, Action = ProjectAction.Advanced, Stage = ProjectStage.Applied, On = appliedOn, Note = note, By = by, At = now };
        db.ProjectEvents.Add(ev);
        await db.SaveChangesAsync(ct);
        foreach (var f in files) db.ProjectDocuments.Add(ProjectFiles.ToDocument(f, project.Id, ev.Id, null, request.User, clock));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ProjectSaved(project.Id, project.Code, project.Stage, ProjectLabels.Label(project.Stage), project.Version);
    }

    /// <summary>
    /// The next free code of the county and year in the county's own style: the letters its existing codes
    /// start with (NZ for 南召's NZ2018-JT-012), else XM (项目); then the year and a three-digit number.
    /// </summary>
    async Task<string> NextCodeAsync(string county, int year, CancellationToken ct)
    {
        var codes = await db.Projects.IgnoreQueryFilters().Where(p => p.CountyCode == county).Select(p => p.Code).ToListAsync(ct);
        var prefix = codes.Select(c => new string([.. c.TakeWhile(char.IsAsciiLetterUpper)]))
            .Where(p => p.Length > 0).GroupBy(p => p, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? "XM";
        var stem = prefix + year.ToString(CultureInfo.InvariantCulture) + "-";
        var taken = codes.ToHashSet(StringComparer.Ordinal);
        var n = codes.Where(c => c.StartsWith(stem, StringComparison.Ordinal))
            .Select(c => int.TryParse(c.AsSpan(c.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0)
            .DefaultIfEmpty(0).Max() + 1;
        string code;
        while (taken.Contains(code = stem + n.ToString("000", CultureInfo.InvariantCulture))) n++;
        return code;
    }
}
