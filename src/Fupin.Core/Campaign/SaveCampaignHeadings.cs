using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Campaign;

/// <summary>A heading as the settings form sends it: <see cref="Id"/> null for a new one.</summary>
public sealed record CampaignHeadingInput(long? Id, string? Group, string? Name);

/// <param name="Headings">The county's headings of the year in their new order; a stored heading left out is removed.</param>
public sealed record SaveCampaignHeadingsRequest(string CountyCode, int Year, IReadOnlyList<CampaignHeadingInput> Headings, string User);

public sealed record CampaignHeadingRow(long Id, string Group, string Name, int Order, int Tasks);

/// <summary>
/// Saves a county's ledger headings for a year in one go: renames, additions, the order (the list's), and removals — a
/// heading that still has task lines cannot be removed (<see cref="CampaignRules.HeadingInUseCode"/>). Each change is
/// logged; a refused request changes nothing.
/// </summary>
public sealed class SaveCampaignHeadings(AppDbContext db)
{
    public async Task<Result<IReadOnlyList<CampaignHeadingRow>>> HandleAsync(SaveCampaignHeadingsRequest request, CancellationToken ct)
    {
        var stored = await db.CampaignHeadings.Where(h => h.CountyCode == request.CountyCode && h.Year == request.Year).ToListAsync(ct);
        var byId = stored.ToDictionary(h => h.Id);
        var errors = new List<FieldError>();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < request.Headings.Count; i++)
        {
            var h = request.Headings[i];
            var field = $"{nameof(request.Headings)}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (h.Id is { } id && !byId.ContainsKey(id))
                errors.Add(new FieldError(field, "campaign.heading_unknown", "标题不存在或不属于本县本年度"));
            var group = CampaignRules.Text(h.Group);
            var name = CampaignRules.Text(h.Name);
            CampaignRules.Required(errors, field + ".group", group, CampaignRules.MaxGroup, "标题分组（如四场硬仗）");
            CampaignRules.Required(errors, field + ".name", name, CampaignRules.MaxName, "标题名称");
            if (group is not null && name is not null && !seen.Add((group, name)))
                errors.Add(new FieldError(field + ".name", "campaign.heading_duplicate", $"“{group}·{name}”重复"));
        }
        var keep = request.Headings.Where(h => h.Id is not null).Select(h => h.Id!.Value).ToHashSet();
        var removed = stored.Where(h => !keep.Contains(h.Id)).ToList();
        if (removed.Count > 0)
        {
            var ids = removed.Select(h => h.Id).ToList();
            var used = await db.CampaignTasks.Where(t => ids.Contains(t.HeadingId)).GroupBy(t => t.HeadingId)
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            foreach (var u in used)
            {
                var h = byId[u.Key];
                errors.Add(new FieldError(nameof(request.Headings), CampaignRules.HeadingInUseCode,
                    $"“{h.Group}·{h.Name}”下还有 {u.Count.ToString(CultureInfo.InvariantCulture)} 项任务，不能删除（请先把任务移到其他标题下）"));
            }
        }
        if (errors.Count > 0) return Result.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var h in removed)
        {
            db.CampaignHeadings.Remove(h);
            CampaignRules.Log(db, request.CountyCode, request.User, CampaignRules.HeadingEntity, h.Id, "删除", "Name", h.Group + "·" + h.Name, null);
        }
        var added = new List<CampaignHeading>();
        for (var i = 0; i < request.Headings.Count; i++)
        {
            var input = request.Headings[i];
            var (group, name, order) = (CampaignRules.Text(input.Group)!, CampaignRules.Text(input.Name)!, (i + 1) * 10);
            if (input.Id is { } id)
            {
                var h = byId[id];
                if (h.Group != group || h.Name != name)
                    CampaignRules.Log(db, request.CountyCode, request.User, CampaignRules.HeadingEntity, h.Id, "修改", "Name", h.Group + "·" + h.Name, group + "·" + name);
                (h.Group, h.Name, h.Order) = (group, name, order);
            }
            else
            {
                var h = new CampaignHeading { CountyCode = request.CountyCode, Year = request.Year, Group = group, Name = name, Order = order };
                db.CampaignHeadings.Add(h);
                added.Add(h);
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var h in added) CampaignRules.Log(db, request.CountyCode, request.User, CampaignRules.HeadingEntity, h.Id, "新增", "Name", null, h.Group + "·" + h.Name);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ListAsync(db, request.CountyCode, request.Year, ct);
    }

    /// <summary>The county's headings of the year in order, with the number of task lines under each.</summary>
    public static async Task<List<CampaignHeadingRow>> ListAsync(AppDbContext db, string countyCode, int year, CancellationToken ct) =>
        await db.CampaignHeadings.AsNoTracking().Where(h => h.CountyCode == countyCode && h.Year == year)
            .OrderBy(h => h.Order).ThenBy(h => h.Id)
            .Select(h => new CampaignHeadingRow(h.Id, h.Group, h.Name, h.Order, db.CampaignTasks.Count(t => t.HeadingId == h.Id)))
            .ToListAsync(ct);
}
