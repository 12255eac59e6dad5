using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fupin.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options, TimeProvider clock, AccessScope? scope = null) : DbContext(options)
{
    /// <summary>
    /// What this context's user may see, applied as query filters below: a record outside it does not
    /// exist for them. Defaults to nothing; the CLI and start-up jobs use <see cref="AccessScope.System"/>.
    /// </summary>
    public AccessScope Scope { get; set; } = scope ?? AccessScope.None;

    public DbSet<User> Users => Set<User>();
    public DbSet<UserRegion> UserRegions => Set<UserRegion>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Pairing> Pairings => Set<Pairing>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<CodeItemRow> CodeItems => Set<CodeItemRow>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<IncomeRecord> Incomes => Set<IncomeRecord>();
    public DbSet<HouseholdSnapshot> Snapshots => Set<HouseholdSnapshot>();
    public DbSet<ChangeRecord> Changes => Set<ChangeRecord>();
    public DbSet<DepartmentList> DepartmentLists => Set<DepartmentList>();
    public DbSet<DepartmentListRow> DepartmentListRows => Set<DepartmentListRow>();
    public DbSet<VerificationRun> VerificationRuns => Set<VerificationRun>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<FindingEvent> FindingEvents => Set<FindingEvent>();
    public DbSet<FindingEvidence> FindingEvidence => Set<FindingEvidence>();
    public DbSet<Assessment.PovertyLine> PovertyLines => Set<Assessment.PovertyLine>();
    public DbSet<Assessment.HouseholdVisit> Visits => Set<Assessment.HouseholdVisit>();
    public DbSet<Assessment.ExitProcedure> ExitProcedures => Set<Assessment.ExitProcedure>();
    public DbSet<Assessment.ExitProcedureStep> ExitProcedureSteps => Set<Assessment.ExitProcedureStep>();
    public DbSet<Assessment.ExitStandard> ExitStandards => Set<Assessment.ExitStandard>();
    public DbSet<Assessment.CountyExitPlan> CountyExitPlans => Set<Assessment.CountyExitPlan>();
    public DbSet<Assessment.VillageChecklistItem> VillageChecklistItems => Set<Assessment.VillageChecklistItem>();
    public DbSet<Assessment.VillageChecklistAnswer> VillageChecklistAnswers => Set<Assessment.VillageChecklistAnswer>();
    public DbSet<Assessment.EvaluationSample> EvaluationSamples => Set<Assessment.EvaluationSample>();
    public DbSet<Assessment.SampledHousehold> SampledHouseholds => Set<Assessment.SampledHousehold>();
    public DbSet<Monitoring.MonitoringObject> MonitoringObjects => Set<Monitoring.MonitoringObject>();
    public DbSet<Monitoring.RiskEvent> RiskEvents => Set<Monitoring.RiskEvent>();
    public DbSet<Monitoring.MonitoringMeasure> MonitoringMeasures => Set<Monitoring.MonitoringMeasure>();
    public DbSet<Projects.Project> Projects => Set<Projects.Project>();
    public DbSet<Projects.ProjectEvent> ProjectEvents => Set<Projects.ProjectEvent>();
    public DbSet<Projects.ProjectDocument> ProjectDocuments => Set<Projects.ProjectDocument>();
    public DbSet<Projects.ProjectBeneficiary> ProjectBeneficiaries => Set<Projects.ProjectBeneficiary>();
    public DbSet<Projects.ProjectPlan> ProjectPlans => Set<Projects.ProjectPlan>();
    public DbSet<Projects.PlannedMilestone> PlannedMilestones => Set<Projects.PlannedMilestone>();
    public DbSet<Projects.ProgressReport> ProgressReports => Set<Projects.ProgressReport>();
    public DbSet<Funds.FundSource> FundSources => Set<Funds.FundSource>();
    public DbSet<Funds.FundAllocation> FundAllocations => Set<Funds.FundAllocation>();
    public DbSet<Funds.FundPayment> FundPayments => Set<Funds.FundPayment>();
    public DbSet<Relocation.SettlementSite> SettlementSites => Set<Relocation.SettlementSite>();
    public DbSet<Relocation.RelocatedHousehold> RelocatedHouseholds => Set<Relocation.RelocatedHousehold>();
    public DbSet<Workshops.Workshop> Workshops => Set<Workshops.Workshop>();
    public DbSet<Workshops.WorkshopWorker> WorkshopWorkers => Set<Workshops.WorkshopWorker>();
    public DbSet<Workshops.WorkshopMonth> WorkshopMonths => Set<Workshops.WorkshopMonth>();
    public DbSet<Industries.LocalIndustry> Industries => Set<Industries.LocalIndustry>();
    public DbSet<Industries.BusinessEntity> BusinessEntities => Set<Industries.BusinessEntity>();
    public DbSet<Industries.LinkageContract> LinkageContracts => Set<Industries.LinkageContract>();
    public DbSet<Industries.LinkageParty> LinkageParties => Set<Industries.LinkageParty>();
    public DbSet<Industries.LinkagePayment> LinkagePayments => Set<Industries.LinkagePayment>();
    public DbSet<Industries.IndustryEngagement> IndustryEngagements => Set<Industries.IndustryEngagement>();
    public DbSet<Industries.IndustryPlanItem> IndustryPlanItems => Set<Industries.IndustryPlanItem>();
    public DbSet<Employment.Job> Jobs => Set<Employment.Job>();
    public DbSet<Employment.Willingness> Willingness => Set<Employment.Willingness>();
    public DbSet<Supervision.InspectionPlan> InspectionPlans => Set<Supervision.InspectionPlan>();
    public DbSet<Supervision.InspectionTarget> InspectionTargets => Set<Supervision.InspectionTarget>();
    public DbSet<Supervision.InspectionVisit> InspectionVisits => Set<Supervision.InspectionVisit>();
    public DbSet<Supervision.InspectionAnswer> InspectionAnswers => Set<Supervision.InspectionAnswer>();
    public DbSet<Supervision.InspectionPhoto> InspectionPhotos => Set<Supervision.InspectionPhoto>();
    public DbSet<Supervision.ChecklistTemplate> ChecklistTemplates => Set<Supervision.ChecklistTemplate>();
    public DbSet<Supervision.ChecklistQuestion> ChecklistQuestions => Set<Supervision.ChecklistQuestion>();
    public DbSet<Supervision.Rectification> Rectifications => Set<Supervision.Rectification>();
    public DbSet<Supervision.RectificationEvent> RectificationEvents => Set<Supervision.RectificationEvent>();
    public DbSet<Supervision.RectificationEvidence> RectificationEvidence => Set<Supervision.RectificationEvidence>();
    public DbSet<Supervision.SatisfactionSurvey> SatisfactionSurveys => Set<Supervision.SatisfactionSurvey>();
    public DbSet<Supervision.SurveyedHousehold> SurveyedHouseholds => Set<Supervision.SurveyedHousehold>();
    public DbSet<Supervision.SurveyAnswer> SurveyAnswers => Set<Supervision.SurveyAnswer>();
    public DbSet<Board.DataStamp> DataStamps => Set<Board.DataStamp>();
    public DbSet<Board.RegionMap> RegionMaps => Set<Board.RegionMap>();
    public DbSet<Board.Briefing> Briefings => Set<Board.Briefing>();
    public DbSet<Campaign.CampaignHeading> CampaignHeadings => Set<Campaign.CampaignHeading>();
    public DbSet<Campaign.CampaignTask> CampaignTasks => Set<Campaign.CampaignTask>();
    public DbSet<Campaign.CampaignProgress> CampaignProgress => Set<Campaign.CampaignProgress>();

    /// <summary>Who is changing data and why; stamped on every change record of the next saves.</summary>
    public AuditContext Audit { get; } = new();

    public TimeProvider Clock => clock;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; store UTC ticks instead.
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

#pragma warning disable CA1310 // query filters are translated to SQL, where the comparison is ordinal
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var b = modelBuilder;
        b.Entity<Region>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(12);
            e.Property(x => x.ParentCode).HasMaxLength(12);
            e.Property(x => x.Name).HasMaxLength(64);
            e.HasIndex(x => x.ParentCode);
            e.HasQueryFilter(r => Scope.All || Scope.RegionPrefixes.Any(p => r.Code.StartsWith(p) || p.StartsWith(r.Code)));
        });

        b.Entity<User>(e =>
        {
            e.Property(x => x.UserName).HasMaxLength(64);
            e.Property(x => x.DisplayName).HasMaxLength(64);
            e.Property(x => x.PasswordHash).HasMaxLength(256);
            e.Property(x => x.SecurityStamp).HasMaxLength(64);
            e.Property(x => x.Department).HasMaxLength(64);
            e.HasIndex(x => x.UserName).IsUnique();
            e.HasMany(x => x.Regions).WithOne().HasForeignKey(x => x.UserId);
        });

        b.Entity<UserRegion>(e =>
        {
            e.HasKey(x => new { x.UserId, x.RegionCode });
            e.Property(x => x.RegionCode).HasMaxLength(12);
        });

        b.Entity<ApiToken>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.Prefix).HasMaxLength(16);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId);
        });

        b.Entity<Pairing>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.CadreName).HasMaxLength(40);
            e.Property(x => x.CadreUnit).HasMaxLength(64);
            e.Property(x => x.CadrePhone).HasMaxLength(20);
            e.HasIndex(x => new { x.UserId, x.HouseholdId });
            e.HasIndex(x => x.HouseholdId);
            e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId);
        });

        b.Entity<CodeItemRow>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Code).HasMaxLength(8);
            e.Property(x => x.Label).HasMaxLength(32);
            e.HasIndex(x => new { x.Kind, x.Code, x.FromYear }).IsUnique();
            e.HasData(CodeCatalog.All.Select((c, i) => new CodeItemRow { Id = i + 1, Kind = c.Kind, Code = c.Code, Label = c.Label, FromYear = c.FromYear, ToYear = c.ToYear }));
        });

        b.Entity<Household>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.Number).HasMaxLength(20);
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.BankName).HasMaxLength(40);
            e.Property(x => x.BankAccount).HasMaxLength(32);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.CountyCode, x.VillageCode, x.Status });
            e.HasIndex(x => new { x.CountyCode, x.Number }); // a county's households in number order: the household list
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.VillageCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Members).WithOne(x => x.Household).HasForeignKey(x => x.HouseholdId);
            e.HasMany(x => x.Incomes).WithOne().HasForeignKey(x => x.HouseholdId);
            e.Ignore(x => x.IsPoor);
            e.HasQueryFilter(h => Scope.All
                || (Scope.RegionPrefixes.Any(p => h.VillageCode.StartsWith(p))
                    && (!Scope.PairedOnly || Set<Pairing>().Any(pa => pa.HouseholdId == h.Id && pa.UserId == Scope.UserId))));
        });

        b.Entity<Member>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Number).HasMaxLength(24);
            e.Property(x => x.Name).HasMaxLength(40);
            e.Property(x => x.IdNumber).HasConversion(new ValueConverter<ResidentId, long>(v => v.Key, v => ResidentId.FromKey(v)));
            e.Property(x => x.Relation).HasMaxLength(16);
            e.Property(x => x.Ethnicity).HasMaxLength(16);
            e.Property(x => x.PoliticalStatus).HasMaxLength(16);
            e.Property(x => x.Education).HasMaxLength(16);
            e.Property(x => x.StudentStatus).HasMaxLength(16);
            e.Property(x => x.OutOfSchoolReason).HasMaxLength(64);
            e.Property(x => x.MigrantWorkPlace).HasMaxLength(64);
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.IdNumber);
            e.HasIndex(x => x.Name);
            e.Ignore(x => x.IsHead);
            // A member, an income or a snapshot is visible exactly when its household is.
            e.HasQueryFilter(m => Scope.All || Set<Household>().Any(h => h.Id == m.HouseholdId));
        });

        b.Entity<IncomeRecord>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.HouseholdId, x.Year }).IsUnique();
            e.Ignore(x => x.Property);
            e.Ignore(x => x.Transfer);
            e.Ignore(x => x.NetIncome);
            e.Ignore(x => x.PerCapitaNetIncome);
            e.HasQueryFilter(i => Scope.All || Set<Household>().Any(h => h.Id == i.HouseholdId));
        });

        b.Entity<HouseholdSnapshot>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.Number).HasMaxLength(20);
            e.HasIndex(x => new { x.Year, x.HouseholdId }).IsUnique();
            e.HasIndex(x => new { x.Year, x.CountyCode, x.VillageCode });
            e.HasQueryFilter(x => Scope.All || Set<Household>().Any(h => h.Id == x.HouseholdId));
        });

        b.Entity<ChangeRecord>(e =>
        {
            e.Property(x => x.User).HasMaxLength(64);
            e.Property(x => x.Entity).HasMaxLength(32);
            e.Property(x => x.Action).HasMaxLength(16);
            e.Property(x => x.Field).HasMaxLength(64);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.HasIndex(x => new { x.CountyCode, x.HouseholdId, x.At });
            e.HasIndex(x => x.At);
        });

        b.Entity<DepartmentList>(e =>
        {
            e.Property(x => x.Type).HasMaxLength(32);
            e.Property(x => x.Department).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.FileName).HasMaxLength(260);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.Via).HasMaxLength(16);
            e.Property(x => x.LoadedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.Type, x.RegionCode, x.AsOf });
        });

        b.Entity<DepartmentListRow>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(64);
            e.Property(x => x.Status).HasMaxLength(64);
            e.Property(x => x.Detail).HasMaxLength(200);
            e.HasIndex(x => new { x.ListId, x.IdKey });
            e.HasOne<DepartmentList>().WithMany().HasForeignKey(x => x.ListId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<VerificationRun>(e =>
        {
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.StartedBy).HasMaxLength(64);
            e.Property(x => x.ListIds).HasMaxLength(1000);
            e.Property(x => x.SkippedRules).HasMaxLength(1000);
            e.HasIndex(x => x.StartedAt);
        });

        b.Entity<Finding>(e =>
        {
            e.Property(x => x.Rule).HasMaxLength(48);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.AssignedTo).HasMaxLength(12);
            e.Property(x => x.Evidence).HasMaxLength(1000);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Rule, x.SubjectId }).IsUnique();
            e.HasIndex(x => new { x.VillageCode, x.Status });
            e.HasIndex(x => x.HouseholdId);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(f => Scope.All
                || (Scope.RegionPrefixes.Any(p => f.VillageCode.StartsWith(p))
                    && (!Scope.PairedOnly || Set<Pairing>().Any(pa => pa.HouseholdId == f.HouseholdId && pa.UserId == Scope.UserId))));
        });

        b.Entity<FindingEvent>(e =>
        {
            e.Property(x => x.User).HasMaxLength(64);
            e.Property(x => x.Action).HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.HasIndex(x => x.FindingId);
            e.HasOne<Finding>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<FindingEvidence>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(260);
            e.Property(x => x.ContentType).HasMaxLength(64);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedBy).HasMaxLength(64);
            e.HasIndex(x => x.FindingId);
            e.HasOne<Finding>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Assessment.PovertyLine>(e =>
        {
            e.Property(x => x.Source).HasMaxLength(500);
            // Seeded rows carry ids 1–8 and PostgreSQL's identity does not move past explicit ids: lines the county adds start at 100.
            e.Property(x => x.Id).HasIdentityOptions(startValue: 100);
            e.HasIndex(x => new { x.Scope, x.Year }).IsUnique();
            e.Ignore(x => x.AmountFen);
            e.HasData(Assessment.PovertyLine.Seed.Select(l => new Assessment.PovertyLine { Id = l.Id, Year = l.Year, Scope = l.Scope, AmountYuan = l.AmountYuan, Source = l.Source }));
        });

        b.Entity<Assessment.HouseholdVisit>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.Visitor).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.RecordedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.HouseholdId, x.VisitedOn });
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(v => Scope.All || Set<Household>().Any(h => h.Id == v.HouseholdId));
        });

        b.Entity<Assessment.ExitProcedure>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.TestSummary).HasMaxLength(500);
            e.Property(x => x.OverrideBy).HasMaxLength(64);
            e.Property(x => x.OverrideReason).HasMaxLength(500);
            e.Property(x => x.StartedBy).HasMaxLength(64);
            e.Property(x => x.CancelReason).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.HouseholdId, x.Year });
            e.HasIndex(x => new { x.CountyCode, x.VillageCode, x.Status });
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.ProcedureId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(p => Scope.All || Set<Household>().Any(h => h.Id == p.HouseholdId));
        });

        b.Entity<Assessment.ExitProcedureStep>(e =>
        {
            e.Property(x => x.RecordedBy).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.ProcedureId, x.Step }).IsUnique();
        });

        b.Entity<Assessment.ExitStandard>(e =>
        {
            e.HasKey(x => x.ProvinceCode);
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Source).HasMaxLength(500);
            e.Property(x => x.VillageIncidenceMax).HasPrecision(6, 4);
            e.Property(x => x.CountyIncidenceMax).HasPrecision(6, 4);
            e.Property(x => x.WrongExitMax).HasPrecision(6, 4);
            e.Property(x => x.MissedMax).HasPrecision(6, 4);
            e.Property(x => x.ApprovalMin).HasPrecision(6, 4);
            e.Property(x => x.ExitedPoorVillagesMin).HasPrecision(6, 4);
            e.HasData(Assessment.ExitStandard.Seed);
        });

        b.Entity<Assessment.CountyExitPlan>(e =>
        {
            e.HasKey(x => x.CountyCode);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.UpdatedBy).HasMaxLength(64);
        });

        b.Entity<Assessment.VillageChecklistItem>(e =>
        {
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Key).HasMaxLength(32);
            e.Property(x => x.Label).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(500);
            // Seeded rows carry ids 1–11; items the county adds start at 100 (as for poverty lines).
            e.Property(x => x.Id).HasIdentityOptions(startValue: 100);
            e.HasIndex(x => new { x.ProvinceCode, x.Key }).IsUnique();
            e.HasData(Assessment.VillageChecklistItem.Seed);
        });

        b.Entity<Assessment.VillageChecklistAnswer>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.Evidence).HasMaxLength(500);
            e.Property(x => x.RecordedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.VillageCode, x.Year, x.ItemId }).IsUnique();
            e.HasOne<Assessment.VillageChecklistItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(a => Scope.All || Scope.RegionPrefixes.Any(p => a.VillageCode.StartsWith(p)));
        });

        b.Entity<Assessment.EvaluationSample>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Parameters).HasMaxLength(2000);
            e.Property(x => x.DrawnBy).HasMaxLength(64);
            e.HasIndex(x => new { x.CountyCode, x.Year });
        });

        b.Entity<Assessment.SampledHousehold>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.Surveyor).HasMaxLength(64);
            e.Property(x => x.HeadName).HasMaxLength(40);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.Surveyed);
            e.HasIndex(x => new { x.SampleId, x.VillageCode, x.Frame, x.Slot }).IsUnique();
            e.HasOne<Assessment.EvaluationSample>().WithMany().HasForeignKey(x => x.SampleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(s => Scope.All || Scope.RegionPrefixes.Any(p => s.VillageCode.StartsWith(p)));
        });

        b.Entity<Monitoring.MonitoringObject>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.HeadName).HasMaxLength(40);
            e.Property(x => x.HeadIdNumber).HasConversion(new ValueConverter<ResidentId, long>(v => v.Key, v => ResidentId.FromKey(v)));
            e.Property(x => x.RuleCode).HasMaxLength(48);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.Property(x => x.ProposedBy).HasMaxLength(64);
            e.Property(x => x.ClosedNote).HasMaxLength(1000);
            e.Property(x => x.ClosedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CountyCode, x.VillageCode, x.Status });
            e.HasIndex(x => x.HouseholdId);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.VillageCode).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(o => Scope.All
                || (Scope.RegionPrefixes.Any(p => o.VillageCode.StartsWith(p))
                    && (!Scope.PairedOnly || Set<Pairing>().Any(pa => pa.HouseholdId == o.HouseholdId && pa.UserId == Scope.UserId))));
        });

        b.Entity<Monitoring.RiskEvent>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.ReportedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.HouseholdId, x.OccurredOn });
            e.HasIndex(x => x.MonitoringObjectId);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Monitoring.MonitoringObject>().WithMany().HasForeignKey(x => x.MonitoringObjectId).OnDelete(DeleteBehavior.SetNull);
            e.HasQueryFilter(r => Scope.All || Scope.RegionPrefixes.Any(p => r.VillageCode.StartsWith(p)));
        });

        b.Entity<Monitoring.MonitoringMeasure>(e =>
        {
            e.Property(x => x.Description).HasMaxLength(500);
            e.Property(x => x.RecordedBy).HasMaxLength(64);
            e.HasIndex(x => x.MonitoringObjectId);
            e.HasOne<Monitoring.MonitoringObject>().WithMany().HasForeignKey(x => x.MonitoringObjectId).OnDelete(DeleteBehavior.Cascade);
        });

        ConfigureProjects(b);
        ConfigureFunds(b);
        ConfigureRelocation(b);
        ConfigureWorkshops(b);
        ConfigureIndustries(b);
        ConfigureEmployment(b);
        ConfigureSupervision(b);
        ConfigureBoard(b);
    }

    // Projects, fund records, sites and workshops are visible when their region lies in the user's scope or
    // above it (a village cadre sees the projects of their township too); they carry no personal data.
    // Beneficiaries, relocated households and workers are visible exactly when their household is.
    void ConfigureProjects(ModelBuilder b)
    {
        b.Entity<Projects.Project>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Content).HasMaxLength(2000);
            e.Property(x => x.ResponsibleUnit).HasMaxLength(64);
            e.Property(x => x.ResponsiblePerson).HasMaxLength(40);
            e.Property(x => x.ResponsiblePhone).HasMaxLength(20);
            e.Property(x => x.ReturnedReason).HasMaxLength(500);
            e.Property(x => x.CreatedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CountyCode, x.Code }).IsUnique();
            e.HasIndex(x => new { x.CountyCode, x.RegionCode, x.Category });
            e.HasIndex(x => new { x.CountyCode, x.Stage, x.Status });
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(p => Scope.All || Scope.RegionPrefixes.Any(s => p.RegionCode.StartsWith(s) || s.StartsWith(p.RegionCode)));
        });

        b.Entity<Projects.ProjectEvent>(e =>
        {
            e.Property(x => x.Reference).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.By).HasMaxLength(64);
            e.HasIndex(x => x.ProjectId);
            e.HasOne<Projects.Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Projects.ProjectDocument>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(260);
            e.Property(x => x.ContentType).HasMaxLength(64);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedBy).HasMaxLength(64);
            e.HasIndex(x => x.ProjectId);
            e.HasOne<Projects.Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Projects.ProjectEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Projects.ProgressReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Projects.ProjectBeneficiary>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.Benefit).HasMaxLength(200);
            e.Property(x => x.AddedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.ProjectId, x.HouseholdId }).IsUnique();
            e.HasIndex(x => x.HouseholdId);
            e.HasOne<Projects.Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Set<Household>().Any(h => h.Id == x.HouseholdId));
        });

        b.Entity<Projects.ProjectPlan>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.By).HasMaxLength(64);
            e.HasIndex(x => new { x.ProjectId, x.Number }).IsUnique();
            e.HasOne<Projects.Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Milestones).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Projects.PlannedMilestone>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Name).HasMaxLength(40);
            e.HasIndex(x => new { x.PlanId, x.Seq }).IsUnique();
        });

        b.Entity<Projects.ProgressReport>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Narrative).HasMaxLength(1000);
            e.Property(x => x.By).HasMaxLength(64);
            e.HasIndex(x => new { x.ProjectId, x.Seq, x.ReportedOn });
            e.HasOne<Projects.Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    void ConfigureFunds(ModelBuilder b)
    {
        b.Entity<Funds.FundSource>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.DocumentNo).HasMaxLength(64);
            e.Property(x => x.CreatedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CountyCode, x.Year, x.Kind });
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(s => x.CountyCode.StartsWith(s) || s.StartsWith(x.CountyCode)));
        });

        b.Entity<Funds.FundAllocation>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.DocumentNo).HasMaxLength(64);
            e.Property(x => x.By).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.SourceId);
            e.HasIndex(x => x.ProjectId);
            e.HasOne<Funds.FundSource>().WithMany().HasForeignKey(x => x.SourceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Projects.Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(s => x.CountyCode.StartsWith(s) || s.StartsWith(x.CountyCode)));
        });

        b.Entity<Funds.FundPayment>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Payee).HasMaxLength(100);
            e.Property(x => x.VoucherNo).HasMaxLength(64);
            e.Property(x => x.By).HasMaxLength(64);
            e.HasIndex(x => x.AllocationId);
            e.HasIndex(x => new { x.ProjectId, x.Kind });
            e.HasIndex(x => new { x.SourceId, x.Kind });
            e.HasIndex(x => new { x.CountyCode, x.PaidOn });
            e.HasOne<Funds.FundAllocation>().WithMany().HasForeignKey(x => x.AllocationId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(s => x.CountyCode.StartsWith(s) || s.StartsWith(x.CountyCode)));
        });
    }

    void ConfigureRelocation(ModelBuilder b)
    {
        b.Entity<Relocation.SettlementSite>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.FollowUpNote).HasMaxLength(1000);
            e.Property(x => x.UpdatedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CountyCode, x.RegionCode });
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Projects.Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.SetNull);
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(s => x.RegionCode.StartsWith(s) || s.StartsWith(x.RegionCode)));
        });

        b.Entity<Relocation.RelocatedHousehold>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.FromVillageCode).HasMaxLength(12);
            e.Property(x => x.IndustrySupport).HasMaxLength(200);
            e.Property(x => x.AddedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.SiteId);
            e.HasIndex(x => x.HouseholdId).IsUnique();
            e.HasOne<Relocation.SettlementSite>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Set<Household>().Any(h => h.Id == x.HouseholdId));
        });
    }

    void ConfigureWorkshops(ModelBuilder b)
    {
        b.Entity<Workshops.Workshop>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.Company).HasMaxLength(100);
            e.Property(x => x.Contact).HasMaxLength(40);
            e.Property(x => x.ContactPhone).HasMaxLength(20);
            e.Property(x => x.Products).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CountyCode, x.VillageCode });
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.VillageCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Projects.Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.SetNull);
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(s => x.VillageCode.StartsWith(s) || s.StartsWith(x.VillageCode)));
        });

        b.Entity<Workshops.WorkshopWorker>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.AddedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.WorkshopId, x.MemberId });
            e.HasIndex(x => x.MemberId);
            e.HasIndex(x => x.HouseholdId);
            e.HasOne<Workshops.Workshop>().WithMany().HasForeignKey(x => x.WorkshopId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Member>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Set<Household>().Any(h => h.Id == x.HouseholdId));
        });

        b.Entity<Workshops.WorkshopMonth>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.By).HasMaxLength(64);
            e.HasIndex(x => new { x.WorkshopId, x.Month }).IsUnique();
            e.HasOne<Workshops.Workshop>().WithMany().HasForeignKey(x => x.WorkshopId).OnDelete(DeleteBehavior.Cascade);
        });
    }


    // Industries, entities, contracts and plan lines are visible like projects (in scope and above); parties,
    // payments, engagements, jobs and willingness records exactly when their household is.
    void ConfigureIndustries(ModelBuilder b)
    {
        b.Entity<Industries.LocalIndustry>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Code).HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(32);
            e.Property(x => x.OutputUnit).HasMaxLength(16);
            e.HasIndex(x => new { x.CountyCode, x.Code }).IsUnique();
            e.HasIndex(x => new { x.CountyCode, x.Name }).IsUnique();
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(s => s.StartsWith(x.CountyCode) || x.CountyCode.StartsWith(s)));
        });

        b.Entity<Industries.BusinessEntity>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Level).HasMaxLength(16);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.LegalPerson).HasMaxLength(40);
            e.Property(x => x.Contact).HasMaxLength(40);
            e.Property(x => x.ContactPhone).HasMaxLength(20);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.CreatedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CountyCode, x.RegionCode, x.Kind });
            e.HasIndex(x => new { x.CountyCode, x.Name }).IsUnique();
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Industries.LocalIndustry>().WithMany().HasForeignKey(x => x.IndustryId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Workshops.Workshop>().WithMany().HasForeignKey(x => x.WorkshopId).OnDelete(DeleteBehavior.SetNull);
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(s => x.RegionCode.StartsWith(s) || s.StartsWith(x.RegionCode)));
        });

        b.Entity<Industries.LinkageContract>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Number).HasMaxLength(32);
            e.Property(x => x.Model).HasMaxLength(64);
            e.Property(x => x.Terms).HasMaxLength(1000);
            e.Property(x => x.CreatedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CountyCode, x.Number }).IsUnique();
            e.HasIndex(x => x.EntityId);
            e.HasIndex(x => new { x.CountyCode, x.IndustryId });
            e.HasOne<Industries.BusinessEntity>().WithMany().HasForeignKey(x => x.EntityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Industries.LocalIndustry>().WithMany().HasForeignKey(x => x.IndustryId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(s => x.RegionCode.StartsWith(s) || s.StartsWith(x.RegionCode)));
        });

        b.Entity<Industries.LinkageParty>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.AddedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.ContractId, x.HouseholdId, x.MemberId }).IsUnique();
            e.HasIndex(x => new { x.CountyCode, x.VillageCode });
            e.HasIndex(x => x.HouseholdId);
            e.HasOne<Industries.LinkageContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Member>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Set<Household>().Any(h => h.Id == x.HouseholdId));
        });

        b.Entity<Industries.LinkagePayment>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.RecordedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.ContractId, x.Year });
            e.HasIndex(x => new { x.HouseholdId, x.Year });
            e.HasOne<Industries.LinkageContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Industries.LinkageParty>().WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Set<Household>().Any(h => h.Id == x.HouseholdId));
        });

        b.Entity<Industries.IndustryEngagement>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.RecordedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.HouseholdId, x.IndustryId, x.Year }).IsUnique();
            e.HasIndex(x => new { x.CountyCode, x.IndustryId, x.Year });
            e.HasIndex(x => new { x.CountyCode, x.VillageCode, x.Year });
            e.HasOne<Industries.LocalIndustry>().WithMany().HasForeignKey(x => x.IndustryId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Set<Household>().Any(h => h.Id == x.HouseholdId));
        });

        b.Entity<Industries.IndustryPlanItem>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Unit).HasMaxLength(16);
            e.Property(x => x.Detail).HasMaxLength(1000);
            e.Property(x => x.UpdatedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CountyCode, x.IndustryId, x.SortOrder });
            e.HasOne<Industries.LocalIndustry>().WithMany().HasForeignKey(x => x.IndustryId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(s => s.StartsWith(x.CountyCode) || x.CountyCode.StartsWith(s)));
        });
    }

    void ConfigureEmployment(ModelBuilder b)
    {
        b.Entity<Employment.Job>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.Place).HasMaxLength(64);
            e.Property(x => x.Employer).HasMaxLength(100);
            e.Property(x => x.Post).HasMaxLength(32);
            e.Property(x => x.RecordedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.CountyCode, x.VillageCode, x.Year });
            e.HasIndex(x => new { x.MemberId, x.Year });
            e.HasIndex(x => x.HouseholdId);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Member>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Set<Household>().Any(h => h.Id == x.HouseholdId));
        });

        b.Entity<Employment.Willingness>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.RecordedBy).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(500);
            e.HasIndex(x => new { x.MemberId, x.RecordedOn });
            e.HasIndex(x => new { x.CountyCode, x.VillageCode });
            e.HasIndex(x => x.HouseholdId);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Member>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Set<Household>().Any(h => h.Id == x.HouseholdId));
        });
    }


    // A sealed inspection plan, its targets, visits, answers and photos exist only for inspectors and leaders
    // (and the system) until it is opened; then in the regions they lie in. Rectification items are seen in
    // their region and below (a village cadre sees their village's items, not the township's); surveyed
    // households and their answers exactly when the household is.
    void ConfigureSupervision(ModelBuilder b)
    {
        b.Entity<Supervision.ChecklistTemplate>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.UpdatedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CountyCode, x.Kind, x.Name }).IsUnique();
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(s => s.StartsWith(x.CountyCode) || x.CountyCode.StartsWith(s)));
        });

        b.Entity<Supervision.ChecklistQuestion>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Section).HasMaxLength(32);
            e.Property(x => x.Text).HasMaxLength(300);
            e.Property(x => x.Options).HasMaxLength(500);
            e.Property(x => x.FailValues).HasMaxLength(200);
            e.Property(x => x.FindingText).HasMaxLength(300);
            e.HasIndex(x => new { x.TemplateId, x.Code }).IsUnique();
            e.HasOne<Supervision.ChecklistTemplate>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => Scope.All || Set<Supervision.ChecklistTemplate>().Any(t => t.Id == x.TemplateId));
        });

        b.Entity<Supervision.InspectionPlan>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.TownshipCodes).HasMaxLength(500);
            e.Property(x => x.Parameters).HasMaxLength(1000);
            e.Property(x => x.CreatedBy).HasMaxLength(64);
            e.Property(x => x.OpenedBy).HasMaxLength(64);
            e.Property(x => x.ClosedBy).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CountyCode, x.PlannedOn });
            e.HasOne<Supervision.ChecklistTemplate>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All
                || (Scope.RegionPrefixes.Any(s => s.StartsWith(x.CountyCode) || x.CountyCode.StartsWith(s))
                    && (x.Status != Supervision.InspectionStatus.Sealed || Scope.SeesSealedInspections)));
        });

        b.Entity<Supervision.InspectionTarget>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.TownshipCode).HasMaxLength(9);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.HasIndex(x => new { x.PlanId, x.TownshipCode, x.Stratum, x.Slot });
            e.HasIndex(x => new { x.CountyCode, x.RegionCode });
            e.HasOne<Supervision.InspectionPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Workshops.Workshop>().WithMany().HasForeignKey(x => x.WorkshopId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Relocation.SettlementSite>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All
                || (Set<Supervision.InspectionPlan>().Any(p => p.Id == x.PlanId)
                    && Scope.RegionPrefixes.Any(s => x.RegionCode.StartsWith(s) || s.StartsWith(x.RegionCode))));
        });

        b.Entity<Supervision.InspectionVisit>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Inspector).HasMaxLength(64);
            e.Property(x => x.HeadName).HasMaxLength(40);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.HasIndex(x => x.ClientKey).IsUnique();
            e.HasIndex(x => new { x.PlanId, x.TargetId });
            e.HasOne<Supervision.InspectionPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Supervision.InspectionTarget>().WithMany().HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All
                || (Set<Supervision.InspectionPlan>().Any(p => p.Id == x.PlanId)
                    && Scope.RegionPrefixes.Any(s => x.RegionCode.StartsWith(s) || s.StartsWith(x.RegionCode))));
        });

        b.Entity<Supervision.InspectionAnswer>(e =>
        {
            e.Property(x => x.QuestionCode).HasMaxLength(32);
            e.Property(x => x.Value).HasMaxLength(500);
            e.Property(x => x.Note).HasMaxLength(500);
            e.HasIndex(x => new { x.VisitId, x.QuestionCode }).IsUnique();
            e.HasOne<Supervision.InspectionVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => Scope.All || Set<Supervision.InspectionVisit>().Any(v => v.Id == x.VisitId));
        });

        b.Entity<Supervision.InspectionPhoto>(e =>
        {
            e.Property(x => x.QuestionCode).HasMaxLength(32);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedBy).HasMaxLength(64);
            e.HasIndex(x => x.VisitId);
            e.HasOne<Supervision.InspectionVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => Scope.All || Set<Supervision.InspectionVisit>().Any(v => v.Id == x.VisitId));
        });

        b.Entity<Supervision.Rectification>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Number).HasMaxLength(16);
            e.Property(x => x.SourceDocument).HasMaxLength(200);
            e.Property(x => x.QuestionCode).HasMaxLength(32);
            e.Property(x => x.Problem).HasMaxLength(1000);
            e.Property(x => x.Requirement).HasMaxLength(1000);
            e.Property(x => x.ResponsibleUnit).HasMaxLength(100);
            e.Property(x => x.ResponsiblePerson).HasMaxLength(40);
            e.Property(x => x.RequiredEvidence).HasMaxLength(500);
            e.Property(x => x.Measures).HasMaxLength(2000);
            e.Property(x => x.EscalatedTo).HasMaxLength(12);
            e.Property(x => x.CreatedBy).HasMaxLength(64);
            e.Property(x => x.SubmittedBy).HasMaxLength(64);
            e.Property(x => x.ClosedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CountyCode, x.Number }).IsUnique();
            e.HasIndex(x => new { x.CountyCode, x.Status, x.Deadline });
            e.HasIndex(x => new { x.CountyCode, x.RegionCode });
            e.HasIndex(x => x.VisitId);
            e.HasIndex(x => x.FindingId);
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Supervision.InspectionVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Verification.Finding>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(s => x.RegionCode.StartsWith(s)));
        });

        b.Entity<Supervision.RectificationEvent>(e =>
        {
            e.Property(x => x.By).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.HasIndex(x => x.RectificationId);
            e.HasOne<Supervision.Rectification>().WithMany().HasForeignKey(x => x.RectificationId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => Scope.All || Set<Supervision.Rectification>().Any(r => r.Id == x.RectificationId));
        });

        b.Entity<Supervision.RectificationEvidence>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.UploadedBy).HasMaxLength(64);
            e.HasIndex(x => x.RectificationId);
            e.HasOne<Supervision.Rectification>().WithMany().HasForeignKey(x => x.RectificationId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => Scope.All || Set<Supervision.Rectification>().Any(r => r.Id == x.RectificationId));
        });

        b.Entity<Supervision.SatisfactionSurvey>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Parameters).HasMaxLength(1000);
            e.Property(x => x.DrawnBy).HasMaxLength(64);
            e.HasIndex(x => new { x.CountyCode, x.Year });
            e.HasOne<Supervision.ChecklistTemplate>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(s => s.StartsWith(x.CountyCode) || x.CountyCode.StartsWith(s)));
        });

        b.Entity<Supervision.SurveyedHousehold>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.VillageCode).HasMaxLength(12);
            e.Property(x => x.Surveyor).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.SurveyId, x.HouseholdId }).IsUnique();
            e.HasIndex(x => new { x.SurveyId, x.VillageCode });
            e.HasIndex(x => x.HouseholdId);
            e.HasOne<Supervision.SatisfactionSurvey>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(x => Scope.All || Set<Household>().Any(h => h.Id == x.HouseholdId));
        });

        b.Entity<Supervision.SurveyAnswer>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.QuestionCode).HasMaxLength(32);
            e.Property(x => x.Value).HasMaxLength(500);
            e.HasIndex(x => new { x.SurveyedHouseholdId, x.QuestionCode }).IsUnique();
            e.HasOne<Supervision.SurveyedHousehold>().WithMany().HasForeignKey(x => x.SurveyedHouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(x => Scope.All || Set<Supervision.SurveyedHousehold>().Any(h => h.Id == x.SurveyedHouseholdId));
        });
    }

    // The board's stamps, maps and briefings are county figures, not personal data: a map or a briefing is seen in the
    // regions it covers. Ledger lines are seen by everyone in the county (departments report their own lines).
    void ConfigureBoard(ModelBuilder b)
    {
        b.Entity<Board.DataStamp>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(12);
        });

        b.Entity<Board.RegionMap>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.FileName).HasMaxLength(260);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.CountyCode, x.Level }).IsUnique();
        });

        b.Entity<Board.Briefing>(e =>
        {
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Summary).HasMaxLength(4000);
            e.Property(x => x.CreatedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.RegionCode, x.CreatedAt });
            e.HasQueryFilter(x => Scope.All || Scope.RegionPrefixes.Any(p => x.RegionCode.StartsWith(p)));
        });

        b.Entity<Campaign.CampaignHeading>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Group).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(64);
            e.HasIndex(x => new { x.CountyCode, x.Year, x.Order });
        });

        b.Entity<Campaign.CampaignTask>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Indicator).HasMaxLength(200);
            e.Property(x => x.Unit).HasMaxLength(16);
            e.Property(x => x.Department).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(12);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Target).HasPrecision(18, 2);
            e.HasIndex(x => new { x.CountyCode, x.HeadingId, x.Order });
            e.HasIndex(x => x.Department);
            e.HasOne<Campaign.CampaignHeading>().WithMany().HasForeignKey(x => x.HeadingId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Campaign.CampaignProgress>(e =>
        {
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Achieved).HasPrecision(18, 2);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.ReportedBy).HasMaxLength(64);
            e.HasIndex(x => new { x.TaskId, x.Month }).IsUnique();
            e.HasOne<Campaign.CampaignTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        });

        // PostgreSQL: codes (region, village, county codes and the code tables' codes: ASCII digits and letters) compare
        // byte by byte. Under the database's linguistic collation a prefix test (StartsWith → LIKE '411321%') cannot use
        // a B-tree index and scanned the whole province (EXPLAIN, 2 million households); under "C" it is a range of the
        // index. The order of digits is the same in both.
        if (Database.IsNpgsql())
        {
            foreach (var property in b.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties()))
                if (property.ClrType == typeof(string) && property.Name.EndsWith("Code", StringComparison.Ordinal)) property.SetCollation("C");
        }
    }

#pragma warning restore CA1310

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(Board.DataStampInterceptor.Instance);

    readonly HashSet<string> _pendingStamps = new(StringComparer.Ordinal);

    /// <summary>Marks data of a county (or <see cref="Board.DataStamps.Everywhere"/>) as changed by writes that bypass the change tracker (bulk loads).</summary>
    public void TouchData(string key) => _pendingStamps.Add(key);

    internal async Task FlushDataStampsAsync(CancellationToken ct)
    {
        if (_pendingStamps.Count == 0) return;
        var keys = _pendingStamps.ToArray();
        _pendingStamps.Clear();
        await Board.DataStamps.BumpAsync(this, keys, ct);
    }

    internal void ForgetDataStamps() => _pendingStamps.Clear();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var key in Board.DataStamps.KeysOf(ChangeTracker.Entries())) _pendingStamps.Add(key);
        var n = await SaveAndAuditAsync(acceptAllChangesOnSuccess, cancellationToken);
        // Inside a caller's transaction the stamps wait for its commit (DataStampInterceptor); otherwise the save has committed.
        if (Database.CurrentTransaction is null) await FlushDataStampsAsync(cancellationToken);
        return n;
    }

    async Task<int> SaveAndAuditAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        // The audit log is append-only: no code path may change or remove a change record.
        if (ChangeTracker.Entries<ChangeRecord>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("变更记录（审计日志）只能追加，不能修改或删除");
        if (Audit.Suppressed) return await SaveFilledAsync(acceptAllChangesOnSuccess, cancellationToken);

        var now = clock.GetUtcNow();
        var entries = ChangeTracker.Entries<IAudited>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (entries.Count == 0) return await SaveFilledAsync(acceptAllChangesOnSuccess, cancellationToken);

        var records = new List<ChangeRecord>();
        var added = new List<EntityEntry<IAudited>>();
        foreach (var entry in entries)
        {
            if (entry.Entity is Household h)
            {
                if (entry.State == EntityState.Added) h.CreatedAt = now;
                h.UpdatedAt = now;
            }
            switch (entry.State)
            {
                case EntityState.Added:
                    added.Add(entry);
                    break;
                case EntityState.Deleted:
                    records.Add(NewRecord(entry, now, "删除", null, null, null));
                    break;
                case EntityState.Modified:
                    foreach (var p in entry.Properties.Where(p => p.IsModified && !IsBookkeeping(p.Metadata.Name)))
                    {
                        var name = p.Metadata.Name;
                        var (oldText, newText) = (Format(name, p.OriginalValue), Format(name, p.CurrentValue));
                        if (oldText != newText) records.Add(NewRecord(entry, now, "修改", p.Metadata.Name, oldText, newText));
                    }
                    entry.Entity.Version++;
                    break;
            }
        }

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            Changes.AddRange(records);
            var n = await SaveFilledAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (added.Count > 0)
            {
                // Ids of new rows exist only after the insert.
                Changes.AddRange(added.Select(e => NewRecord(e, now, "新增", null, null, null)));
                await SaveFilledAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return n;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>Saves, first giving each new change record that names no county its household's county, or <see cref="ChangeRecord.NoCounty"/>.</summary>
    async Task<int> SaveFilledAsync(bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        var open = ChangeTracker.Entries<ChangeRecord>().Where(e => e.State == EntityState.Added && string.IsNullOrEmpty(e.Entity.CountyCode)).Select(e => e.Entity).ToList();
        if (open.Count > 0)
        {
            var ids = open.Where(r => r.HouseholdId is not null).Select(r => r.HouseholdId!.Value).Distinct().ToList();
            var counties = ids.Count == 0 ? [] : await Households.IgnoreQueryFilters().AsNoTracking().Where(h => ids.Contains(h.Id))
                .Select(h => new { h.Id, h.CountyCode }).ToDictionaryAsync(h => h.Id, h => h.CountyCode, ct);
            foreach (var r in open)
                r.CountyCode = r.HouseholdId is { } id && counties.TryGetValue(id, out var county) ? county : ChangeRecord.NoCounty;
        }
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    static bool IsBookkeeping(string property) => property is nameof(IAudited.Version) or nameof(Household.UpdatedAt) or nameof(Household.CreatedAt);

    ChangeRecord NewRecord(EntityEntry<IAudited> entry, DateTimeOffset now, string action, string? field, string? oldValue, string? newValue) => new()
    {
        At = now,
        User = Audit.User,
        Reason = Audit.Reason,
        Entity = entry.Metadata.ClrType.Name,
        EntityId = (long)entry.Property("Id").CurrentValue!,
        HouseholdId = entry.Entity is Household h ? h.Id : entry.Entity.AuditHouseholdId,
        CountyCode = entry.Metadata.FindProperty(nameof(Household.CountyCode)) is null ? "" : (string)entry.Property(nameof(Household.CountyCode)).CurrentValue!,
        Action = action,
        Field = field,
        OldValue = oldValue,
        NewValue = newValue,
    };

    /// <summary>Personal data is written to the history masked, as it is shown.</summary>
    static readonly HashSet<string> Sensitive = [nameof(Member.IdNumber), nameof(Member.Phone), nameof(Household.BankAccount)];

    static string? Format(string property, object? value) => value switch
    {
        null => null,
        ResidentId id => id.Masked,
        string s when Sensitive.Contains(property) => Masking.Mask(s),
        Enum e => CodeCatalog.LabelOf(e),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list and not string => string.Join("、", list.Cast<object>().Select(o => o is Enum e ? CodeCatalog.LabelOf(e) : o)),
        _ => value.ToString(),
    };
}

/// <summary>Who is changing data and why. Bulk loads (the demo seed) suppress per-row history.</summary>
public sealed class AuditContext
{
    public string User { get; set; } = "system";
    public string? Reason { get; set; }
    public bool Suppressed { get; set; }
}

/// <summary>A code table row as stored (see <see cref="CodeCatalog"/>).</summary>
public sealed class CodeItemRow
{
    public int Id { get; set; }
    public required string Kind { get; set; }
    public required string Code { get; set; }
    public required string Label { get; set; }
    public int FromYear { get; set; }
    public int? ToYear { get; set; }
}
