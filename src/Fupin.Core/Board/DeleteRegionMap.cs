using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Board;

public sealed record DeleteRegionMapRequest(string CountyCode, MapLevel Level, string User, Role Role);

public sealed record RegionMapDeleted(string CountyCode, MapLevel Level, string FileName);

/// <summary>Removes a county's map of one level: the board falls back to the schematic tiles. Audited.</summary>
public sealed class DeleteRegionMap(AppDbContext db)
{
    public async Task<Result<RegionMapDeleted>> HandleAsync(DeleteRegionMapRequest request, CancellationToken ct)
    {
        if (!BoardRoles.CanUploadMap(request.Role))
            return Result.Invalid([new FieldError("Level", BoardRoles.NotAllowedCode, "只有县级管理员可以删除地图")]);
        var county = request.CountyCode.Trim();
        if (await RegionMaps.CountyNameAsync(db, county, ct) is null) return Result.NotFound("未找到该县或不在您的管辖范围内");
        var map = await db.RegionMaps.FirstOrDefaultAsync(m => m.CountyCode == county && m.Level == request.Level, ct);
        if (map is null) return Result.NotFound($"本县没有已上传的{GeoJsonCheck.LevelLabel(request.Level)}边界");
        var user = ProjectText.Clip(request.User, 64);
        db.Audit.User = user;
        db.RegionMaps.Remove(map);
        AccountLog.Add(db, user, UploadRegionMap.Entity, map.Id, UploadRegionMap.Deleted, field: GeoJsonCheck.LevelLabel(map.Level), newValue: map.FileName,
            reason: $"删除{GeoJsonCheck.LevelLabel(map.Level)}边界（{map.FeatureCount} 个要素）", countyCode: map.CountyCode);
        await db.SaveChangesAsync(ct);
        return new RegionMapDeleted(county, map.Level, map.FileName);
    }
}
