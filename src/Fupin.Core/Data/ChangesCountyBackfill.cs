namespace Fupin.Data;

/// <summary>
/// The county of the change records written before <c>changes.county_code</c> existed (migration ChangesCountyCode, both
/// engines): the county of the row the record names, else of its household, else <see cref="Registry.ChangeRecord.NoCounty"/>.
/// </summary>
public static class ChangesCountyBackfill
{
    /// <summary>Entity names written to <c>changes.entity</c> whose table carries county_code, and the table.</summary>
    static readonly (string Entity, string Table)[] Named =
    [
        ("Household", "households"), ("Member", "members"), ("IncomeRecord", "incomes"), ("ExitProcedure", "exit_procedures"),
        ("Finding", "findings"), ("MonitoringObject", "monitoring_objects"),
        ("FundSource", "fund_sources"), ("FundAllocation", "fund_allocations"), ("FundPayment", "fund_payments"),
        ("LocalIndustry", "industries"), ("IndustryEngagement", "industry_engagements"), ("IndustryPlanItem", "industry_plan_items"),
        ("CampaignHeading", "campaign_headings"), ("CampaignTask", "campaign_tasks"), ("CampaignProgress", "campaign_progress"),
    ];

    /// <summary>Entity names whose table has a region code of any level instead: the county of one of a county or below.</summary>
    static readonly (string Entity, string Table)[] ByRegion =
    [
        ("DepartmentList", "department_lists"), ("VerificationRun", "verification_runs"), ("Briefing", "briefings"),
    ];

    /// <summary>Plain SQL both engines run, in order.</summary>
    public static IEnumerable<string> Statements =>
    [
        .. Named.Select(n => $"UPDATE changes SET county_code = COALESCE((SELECT t.county_code FROM {n.Table} t WHERE t.id = changes.entity_id), '') WHERE entity = '{n.Entity}'"),
        .. ByRegion.Select(n => $"UPDATE changes SET county_code = COALESCE((SELECT substr(t.region_code, 1, 6) FROM {n.Table} t WHERE t.id = changes.entity_id AND length(t.region_code) >= 6), '') WHERE entity = '{n.Entity}'"),
        "UPDATE changes SET county_code = COALESCE((SELECT h.county_code FROM households h WHERE h.id = changes.household_id), '*') WHERE county_code = ''",
    ];
}
