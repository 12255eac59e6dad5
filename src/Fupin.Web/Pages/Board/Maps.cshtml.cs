using Fupin.Board;
using Fupin.Common;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Board;

/// <summary>作战图·地图管理: the county office uploads (and removes) the county's township and village boundaries.</summary>
[Authorize(Policy = BoardPolicies.UploadMap)]
[RequestSizeLimit(MaxRequest + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequest)]
public sealed class MapsModel(ListRegionMaps list, UploadRegionMap upload, DeleteRegionMap delete, CurrentUser me) : PageModel
{
    /// <summary>Larger than the file limit, so a file a little over it is refused by the use case with its message, not by the server.</summary>
    const int MaxRequest = 4 * GeoJsonCheck.MaxBytes;

    [BindProperty] public string? Level { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [FromQuery(Name = "county")] public string? County { get; set; }
    [FromQuery(Name = "deleted")] public string? DeletedLevel { get; set; }

    public RegionMapList Maps { get; private set; } = null!;
    public RegionMapSaved? Saved { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? FileName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        if (BoardMapApi.CountyOf(County, me) is not { } county) return NotFound();
        var level = BoardMapApi.ParseLevel(Level);
        FileName = Upload?.FileName;
        if (level is null)
            Errors = [new FieldError("Level", GeoJsonCheck.LevelInvalid, "请选择边界级别：乡镇或村")];
        else if (Upload is null || Upload.Length == 0)
            Errors = [new FieldError(GeoJsonCheck.FileField, "map.file_required", "请选择要上传的GeoJSON文件")];
        else
        {
            var result = await upload.HandleAsync(new UploadRegionMapRequest(county, level.Value, await BoardMapApi.ReadAsync(Upload, ct), Editor.Of(HttpContext), me.Role!.Value), ct);
            if (result.IsOk) Saved = result.Value;
            else if (result.Failure.Kind == FailureKind.NotFound) return NotFound();
            else Errors = result.Failure.Errors.Count > 0 ? result.Failure.Errors : [new FieldError(GeoJsonCheck.FileField, "conflict", result.Failure.Message)];
        }
        if (Saved is null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (BoardMapApi.CountyOf(County, me) is not { } county || BoardMapApi.ParseLevel(Level) is not { } level) return NotFound();
        var result = await delete.HandleAsync(new DeleteRegionMapRequest(county, level, Editor.Of(HttpContext), me.Role!.Value), ct);
        if (!result.IsOk) return NotFound();
        return Redirect($"/board/maps?deleted={BoardMapApi.LevelKey(level)}" + (string.IsNullOrWhiteSpace(County) ? "" : "&county=" + Uri.EscapeDataString(county)));
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (BoardMapApi.CountyOf(County, me) is not { } county) return false;
        var result = await list.HandleAsync(county, ct);
        if (!result.IsOk) return false;
        Maps = result.Value;
        return true;
    }

    public RegionMapInfo? MapOf(MapLevel level) => Maps.Maps.FirstOrDefault(m => m.Level == level);

    public static string Where(FieldError e) => GeoJsonCheck.IndexOf(e.Field) is var i and >= 0
        ? "第" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "个要素"
        : e.Field == "Level" ? "级别" : "文件";
}
