using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

/// <summary>Rules shared by the business entity, linkage contract and payment use cases.</summary>
public static class LinkageRules
{
    public const string NameTakenCode = "entity.name_taken";
    public const string NumberTakenCode = "contract.number_taken";
    public const string PartyExistsCode = "contract.party_exists";
    public const string PartyHasPaymentsCode = "contract.party_has_payments";
    public const string HouseholdNotEligibleCode = "contract.household_not_eligible";
    public const string DateFutureCode = "payment.date_future";
    public const string ContractInactiveCode = "payment.contract_inactive";
    public const string AmountInvalidCode = "payment.amount_invalid";

    /// <summary>One payment or agreed amount at most 1 000 万元.</summary>
    public const long MaxFen = 1_000_000_000;

    public static string NotAllowedMessage => "您的角色不能维护经营主体和利益联结";

    public static FieldError NotAllowed(string field) => new(field, IndustryRoles.NotAllowedCode, NotAllowedMessage);

    /// <summary>"利益联结收益：合同 HT-001 股份合作", the reason on the income change.</summary>
    public static string IncomeReason(string number, LinkageKind kind) => $"利益联结收益：合同 {number} {IndustryLabels.Label(kind)}";

    public static string Yuan(long fen) => Projects.ProjectLabels.Yuan(fen) + "元";

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Clip(string? s, int max) => s is null ? "" : s.Length <= max ? s : s[..max];

    public static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The first and last day of a year.</summary>
    public static (DateOnly First, DateOnly Last) YearSpan(int year) => (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>Reads a part of an income record.</summary>
    public static long Get(IncomeRecord r, IncomePart part) => part switch
    {
        IncomePart.Wage => r.Wage,
        IncomePart.Production => r.Production,
        IncomePart.AssetDividend => r.AssetDividend,
        IncomePart.OtherProperty => r.OtherProperty,
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, null),
    };

    /// <summary>Adds <paramref name="fen"/> (negative to take out) to a part of an income record.</summary>
    public static void Add(IncomeRecord r, IncomePart part, long fen)
    {
        switch (part)
        {
            case IncomePart.Wage: r.Wage += fen; break;
            case IncomePart.Production: r.Production += fen; break;
            case IncomePart.AssetDividend: r.AssetDividend += fen; break;
            case IncomePart.OtherProperty: r.OtherProperty += fen; break;
            default: throw new ArgumentOutOfRangeException(nameof(part), part, null);
        }
    }

    /// <summary>
    /// The tracked income records of <paramref name="householdIds"/> for <paramref name="year"/>; a household with none gets
    /// a new one (HouseholdSize = its member count) added to the context.
    /// </summary>
    public static async Task<Dictionary<long, IncomeRecord>> IncomeRecordsAsync(AppDbContext db, IReadOnlyCollection<long> householdIds, int year, CancellationToken ct)
    {
        var ids = householdIds.Distinct().ToList();
        var found = await db.Incomes.IgnoreQueryFilters().Where(i => ids.Contains(i.HouseholdId) && i.Year == year).ToDictionaryAsync(i => i.HouseholdId, ct);
        var missing = ids.Where(id => !found.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            var info = await db.Households.IgnoreQueryFilters().Where(h => missing.Contains(h.Id))
                .Select(h => new { h.Id, h.CountyCode, Size = h.Members.Count }).ToListAsync(ct);
            foreach (var h in info)
            {
                var r = new IncomeRecord { HouseholdId = h.Id, CountyCode = h.CountyCode, Year = year, HouseholdSize = h.Size };
                db.Incomes.Add(r);
                found[h.Id] = r;
            }
        }
        return found;
    }

    /// <summary>A village (12 digits) or township (9 digits) of the user's scope that exists; the message when it is not.</summary>
    public static async Task<FieldError?> CheckRegionAsync(AppDbContext db, string field, string code, CancellationToken ct)
    {
        if (code.Length == 0) return new FieldError(field, "entity.region_required", "请选择所在乡镇或行政村");
        var shapeOk = code.All(char.IsAsciiDigit) && code.Length is 9 or 12;
        if (!shapeOk || !db.Scope.Covers(code)
            || !await db.Regions.AnyAsync(r => r.Code == code && (r.Level == RegionLevel.Village || r.Level == RegionLevel.Township), ct))
            return new FieldError(field, "entity.region_unknown", $"区域“{code}”不存在或不在您的管理范围内");
        return null;
    }
}
