namespace Fupin.Supervision;

/// <summary>
/// The escalation rule (督办、催办) as a pure function of an item's deadline, status and the day. An item waiting
/// for review (待验收) or closed (已销号) is not chased; otherwise it is 督办 from the day after its deadline and 催办
/// from the <see cref="UrgeAfterDays"/>th day after it, 催办 going to the level above the item's region.
/// </summary>
public static class Escalation
{
    /// <summary>Days after the deadline from which an item still overdue is 催办.</summary>
    public const int UrgeAfterDays = 8;

    public static EscalationLevel LevelOn(DateOnly deadline, RectificationStatus status, DateOnly today)
    {
        if (!IsChased(status) || today <= deadline) return EscalationLevel.None;
        return today.DayNumber - deadline.DayNumber >= UrgeAfterDays ? EscalationLevel.Urged : EscalationLevel.Supervised;
    }

    /// <summary>Only items still being worked on (待整改, 整改中) are chased.</summary>
    public static bool IsChased(RectificationStatus status) => status is RectificationStatus.Pending or RectificationStatus.InProgress;

    /// <summary>
    /// The level an item shows: the higher of the rule's level today and the one recorded by the daily run (a later
    /// deadline does not undo an escalation already made), while it is still being worked on.
    /// </summary>
    public static EscalationLevel Effective(DateOnly deadline, RectificationStatus status, EscalationLevel recorded, DateOnly today)
    {
        if (!IsChased(status)) return EscalationLevel.None;
        var level = LevelOn(deadline, status, today);
        return recorded > level ? recorded : level;
    }

    /// <summary>Where 催办 goes: the parent of the item's region (village → township, township → county, county → itself).</summary>
    public static string ParentRegion(string regionCode) => regionCode.Length switch
    {
        12 => regionCode[..9],
        9 => regionCode[..6],
        _ => regionCode,
    };

    /// <summary>
    /// Days past the deadline: until today for an item not closed, until the day it was closed for a closed one;
    /// 0 when on time.
    /// </summary>
    public static int DaysOverdue(DateOnly deadline, RectificationStatus status, DateOnly? closedOn, DateOnly today)
    {
        var end = status == RectificationStatus.Closed && closedOn is { } c ? c : today;
        return Math.Max(0, end.DayNumber - deadline.DayNumber);
    }

    /// <summary>Not closed and past its deadline.</summary>
    public static bool IsOverdue(DateOnly deadline, RectificationStatus status, DateOnly today) =>
        status != RectificationStatus.Closed && today > deadline;
}
