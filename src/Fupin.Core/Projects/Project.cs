namespace Fupin.Projects;

/// <summary>项目类别. The five infrastructure kinds are separate values so a list can filter on each.</summary>
public enum ProjectCategory
{
    /// <summary>产业.</summary>
    Industry = 1,

    /// <summary>扶贫就业车间.</summary>
    Workshop = 2,

    /// <summary>易地扶贫搬迁安置点.</summary>
    Relocation = 3,

    /// <summary>基础设施·交通.</summary>
    Transport = 4,

    /// <summary>基础设施·水利 (incl. 安全饮水).</summary>
    Water = 5,

    /// <summary>基础设施·电网.</summary>
    Power = 6,

    /// <summary>基础设施·网络.</summary>
    Network = 7,

    /// <summary>基础设施·人居环境.</summary>
    LivingEnvironment = 8,

    /// <summary>教育.</summary>
    Education = 9,

    /// <summary>健康.</summary>
    Health = 10,

    /// <summary>金融.</summary>
    Finance = 11,

    /// <summary>其他.</summary>
    Other = 12,
}

/// <summary>
/// The approval path (项目库流程), in order: a project reaches each stage once, never skipping one.
/// A project turned back at 乡镇审核 or 县级审定 returns to <see cref="Applied"/> with the reason.
/// </summary>
public enum ProjectStage
{
    /// <summary>村申报.</summary>
    Applied = 1,

    /// <summary>乡镇审核.</summary>
    TownshipReviewed = 2,

    /// <summary>县级审定.</summary>
    CountyApproved = 3,

    /// <summary>公示.</summary>
    Publicized = 4,

    /// <summary>入库.</summary>
    Pooled = 5,

    /// <summary>实施.</summary>
    Implementing = 6,

    /// <summary>验收.</summary>
    Accepted = 7,

    /// <summary>资产移交/管护.</summary>
    HandedOver = 8,
}

/// <summary>How a project (or one milestone) stands against its reverse schedule.</summary>
public enum ScheduleStatus
{
    /// <summary>未排期: no deadline or plan yet.</summary>
    NotPlanned = 0,

    /// <summary>正常: on or ahead of the latest dates.</summary>
    OnTime = 1,

    /// <summary>预警: behind the pace needed, or about to reach a latest start without having started.</summary>
    AtRisk = 2,

    /// <summary>滞后: a latest start or finish has passed.</summary>
    Late = 3,

    /// <summary>已完成 (all milestones finished; on time or not is per milestone).</summary>
    Done = 4,
}

/// <summary>
/// A poverty-alleviation project (扶贫项目) in the county's project pool (项目库). Located in a village or a
/// township (<see cref="RegionCode"/>, 12 or 9 digits). Money in fen. The fund totals are maintained by
/// the fund use cases in the same transaction as the allocation or payment that changes them.
/// </summary>
public sealed class Project
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }

    /// <summary>The village (12 digits) or township (9 digits) the project is in.</summary>
    public required string RegionCode { get; set; }

    /// <summary>项目编号, unique in the county, e.g. NZ2018-JT-012.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public ProjectCategory Category { get; set; }

    /// <summary>The plan year (年度) of the project pool it belongs to.</summary>
    public int Year { get; set; }

    /// <summary>建设内容 and scale, free text.</summary>
    public string? Content { get; set; }

    /// <summary>责任单位 and 责任人.</summary>
    public required string ResponsibleUnit { get; set; }
    public required string ResponsiblePerson { get; set; }
    public string? ResponsiblePhone { get; set; }

    /// <summary>总投资 (budget), fen.</summary>
    public long BudgetFen { get; set; }

    public ProjectStage Stage { get; set; } = ProjectStage.Applied;

    /// <summary>Set when a reviewer turned the project back; cleared when it is submitted again.</summary>
    public string? ReturnedReason { get; set; }

    /// <summary>Completion deadline (完工期限); the reverse schedule works back from it.</summary>
    public DateOnly? Deadline { get; set; }

    /// <summary>The number of the current plan (<see cref="ProjectPlan.Number"/>), 0 before the first.</summary>
    public int PlanNumber { get; set; }

    /// <summary>Overall progress (0–100) from the latest progress report.</summary>
    public int Percent { get; set; }

    /// <summary>Schedule status as of the last change (plan or progress); pages recompute it for today.</summary>
    public ScheduleStatus Status { get; set; }

    /// <summary>Σ 下达 to this project, fen.</summary>
    public long AllocatedFen { get; set; }

    /// <summary>Σ 拨付, fen; never more than <see cref="AllocatedFen"/>.</summary>
    public long DisbursedFen { get; set; }

    /// <summary>Σ 支出, fen; never more than <see cref="DisbursedFen"/>.</summary>
    public long SpentFen { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>What happened on the approval path: the stage reached, a return with its reason, a resubmission.</summary>
public enum ProjectAction
{
    /// <summary>Reached <see cref="ProjectEvent.Stage"/> (the first event, 村申报, included).</summary>
    Advanced = 1,

    /// <summary>退回: turned back to 村申报, with the reason in the note.</summary>
    Returned = 2,

    /// <summary>重新申报 after a return.</summary>
    Resubmitted = 3,
}

/// <summary>One dated step of a project's approval path, by whom, with documents (<see cref="ProjectDocument"/>).</summary>
public sealed class ProjectEvent
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public ProjectAction Action { get; set; }

    /// <summary>The stage reached (Advanced), or the stage at which the project was turned back (Returned).</summary>
    public ProjectStage Stage { get; set; }

    /// <summary>The business date of the step (e.g. the day of the township meeting).</summary>
    public DateOnly On { get; set; }

    /// <summary>批复文号 or meeting reference, optional.</summary>
    public string? Reference { get; set; }
    public string? Note { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A file attached to a project: a document of an approval step (<see cref="EventId"/>) or a photo of a
/// progress report (<see cref="ReportId"/>). Stored in the database, size and type checked on upload.
/// </summary>
public sealed class ProjectDocument
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public long? EventId { get; set; }
    public long? ReportId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>How a beneficiary household (带贫户) benefits from a project.</summary>
public enum BenefitKind
{
    /// <summary>分红 / 资产收益.</summary>
    Dividend = 1,

    /// <summary>务工就业.</summary>
    Employment = 2,

    /// <summary>产业奖补 / 生产资料.</summary>
    Production = 3,

    /// <summary>搬迁安置.</summary>
    Resettlement = 4,

    /// <summary>基础设施受益 (road, water, power …).</summary>
    Infrastructure = 5,

    /// <summary>其他.</summary>
    Other = 6,
}

/// <summary>A beneficiary household (带贫户) of a project and what it receives.</summary>
public sealed class ProjectBeneficiary
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public long HouseholdId { get; set; }
    public BenefitKind Kind { get; set; }

    /// <summary>The benefit in words (e.g. "光伏收益分红 每年1000元", "车间务工 1人").</summary>
    public required string Benefit { get; set; }

    /// <summary>Expected money benefit per year, fen, when there is one.</summary>
    public long? AmountFen { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>
/// One reverse-scheduled plan of a project. A new plan is made whenever the deadline or the milestones
/// change; earlier plans are kept (the history of plans), the project points at the current one.
/// </summary>
public sealed class ProjectPlan
{
    public long Id { get; set; }
    public long ProjectId { get; set; }

    /// <summary>The project's county (the distribution column on Citus).</summary>
    public required string CountyCode { get; set; }

    /// <summary>1, 2, … per project.</summary>
    public int Number { get; set; }
    public DateOnly Deadline { get; set; }

    /// <summary>The business date the plan was made.</summary>
    public DateOnly PlannedOn { get; set; }

    /// <summary>Days the plan is short of: the first unfinished milestone should have started that many days before <see cref="PlannedOn"/>. 0 = feasible.</summary>
    public int ShortfallDays { get; set; }
    public string? Reason { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
    public List<PlannedMilestone> Milestones { get; set; } = [];
}

/// <summary>A milestone of a plan with its latest start and finish computed backwards from the deadline.</summary>
public sealed class PlannedMilestone
{
    public long Id { get; set; }
    public long PlanId { get; set; }

    /// <summary>The project's county (the distribution column on Citus).</summary>
    public required string CountyCode { get; set; }

    /// <summary>Position in the chain, 1 = first.</summary>
    public int Seq { get; set; }
    public required string Name { get; set; }
    public int DurationDays { get; set; }
    public DateOnly LatestStart { get; set; }
    public DateOnly LatestFinish { get; set; }
}

/// <summary>
/// A progress report (进度报告) on one milestone (by its <see cref="Seq"/> in the plan chain, which stays
/// the same across plans): the date, the milestone's percent done, the narrative, photos as documents.
/// </summary>
public sealed class ProgressReport
{
    public long Id { get; set; }
    public long ProjectId { get; set; }

    /// <summary>The project's county (the distribution column on Citus).</summary>
    public required string CountyCode { get; set; }
    public int Seq { get; set; }
    public DateOnly ReportedOn { get; set; }

    /// <summary>Percent of the milestone done on that date, 0–100; 100 = finished on <see cref="ReportedOn"/>.</summary>
    public int Percent { get; set; }
    public required string Narrative { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}
