using System.Globalization;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Common;
using Fupin.Projects;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Board;

/// <summary>作战图·地图: the county's GeoJSON boundaries (upload, read, delete) and a village's household tiles.</summary>
public static class BoardMapApi
{
    public static IServiceCollection AddBoardMaps(this IServiceCollection services) =>
        services.AddScoped<UploadRegionMap>()
            .AddScoped<DeleteRegionMap>()
            .AddScoped<GetRegionMap>()
            .AddScoped<ListRegionMaps>()
            .AddScoped<GetHouseholdTiles>();

    public static IEndpointRouteBuilder MapBoardMapsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/board").WithTags("作战图·地图");
        var see = api.MapGroup("").RequireAuthorization(BoardPolicies.SeeBoard);
        var upload = api.MapGroup("").RequireAuthorization(BoardPolicies.UploadMap);
        upload.MapPost("/maps", Upload).Accepts<IFormFile>("multipart/form-data").WithName("UploadRegionMap")
            .WithSummary("上传本县乡镇或村的边界（level=township|village，county 默认为本人所在县；multipart 字段 file：GeoJSON FeatureCollection，"
                + "面要素 Polygon/MultiPolygon，properties 中 code/adcode/区划代码 为该级区划代码，不超过 5 MB）；替换该级原有地图；有误返回 400 和每处问题的代码（map.*）及要素序号");
        upload.MapGet("/maps", List).WithName("ListRegionMaps").WithSummary("本县已上传的地图（每级一份：文件名、要素数、上传人、上传时间）");
        upload.MapDelete("/{county}/map", Delete).WithName("DeleteRegionMap").WithSummary("删除本县某级地图（level=township|village），作战图改用示意图");
        see.MapGet("/{region}/map", Get).WithName("GetRegionMap")
            .WithSummary("县的某级边界（level=township|village）；乡镇代码时只返回其下的要素。每个要素 properties 为 {code, name}。未上传或不在本人管辖范围内返回 404");
        see.MapGet("/{village}/households", Households).WithName("GetHouseholdTiles")
            .WithSummary("村的户情图：每户编号、户主姓名、属性（特困/低保/一般）、脱贫状态、两不愁三保障及饮水不达标项（按本年度退出检验），及按属性的户数");
        return app;
    }

    /// <summary>township / village (or 1 / 2), case-insensitive; null when missing or anything else.</summary>
    public static MapLevel? ParseLevel(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        "township" or "1" => MapLevel.Township,
        "village" or "2" => MapLevel.Village,
        _ => null,
    };

    public static string LevelKey(MapLevel level) => level == MapLevel.Village ? "village" : "township";

    /// <summary>The county the user works for: the one asked for, else the user's own county-level region.</summary>
    public static string? CountyOf(string? asked, CurrentUser me) =>
        !string.IsNullOrWhiteSpace(asked) ? asked.Trim() : me.Regions.FirstOrDefault(r => r.Length == 6);

    static Failure LevelInvalid => Result.Invalid([new FieldError("Level", GeoJsonCheck.LevelInvalid, "请指定边界级别 level=township（乡镇）或 village（村）")]);

    static Failure CountyMissing => Result.Invalid([new FieldError("County", "map.county_required", "请指定县（county，6位区划代码）")]);

    public static async Task<Results<Created<RegionMapSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Upload(
        [FromQuery] string? level, [FromQuery] string? county, HttpContext http, UploadRegionMap upload, CurrentUser me, CancellationToken ct)
    {
        if (ParseLevel(level) is not { } l) return ApiProblems.Invalid(LevelInvalid);
        if (CountyOf(county, me) is not { } c) return ApiProblems.Invalid(CountyMissing);
        var (file, failure) = await ReadUploadAsync(http, ct);
        if (failure is not null) return ApiProblems.Invalid(failure);
        var result = await upload.HandleAsync(new UploadRegionMapRequest(c, l, file!, Editor.Of(http), me.Role!.Value), ct);
        return ApiProblems.Created(result, v => $"/api/board/{v.CountyCode}/map?level={LevelKey(v.Level)}");
    }

    public static async Task<Results<Ok<RegionMapList>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> List(
        [FromQuery] string? county, ListRegionMaps list, CurrentUser me, CancellationToken ct)
    {
        if (CountyOf(county, me) is not { } c) return ApiProblems.Invalid(CountyMissing);
        return ApiProblems.Answer(await list.HandleAsync(c, ct));
    }

    public static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>>> Delete(
        string county, [FromQuery] string? level, DeleteRegionMap delete, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (ParseLevel(level) is not { } l) return ApiProblems.Invalid(LevelInvalid);
        var result = await delete.HandleAsync(new DeleteRegionMapRequest(county, l, Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.NoContent(),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Get(
        string region, [FromQuery] string? level, GetRegionMap get, HttpContext http, CancellationToken ct)
    {
        if (ParseLevel(level) is not { } l) return ApiProblems.Invalid(LevelInvalid);
        var result = await get.HandleAsync(new GetRegionMapRequest(region, l), ct);
        if (!result.IsOk) return TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers["X-Feature-Count"] = result.Value.FeatureCount.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Text(result.Value.GeoJson, "application/geo+json", System.Text.Encoding.UTF8);
    }

    public static async Task<Results<Ok<HouseholdTiles>, NotFound<ProblemDetails>>> Households(string village, GetHouseholdTiles tiles, CancellationToken ct)
    {
        var result = await tiles.HandleAsync(new GetHouseholdTilesRequest(village), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    /// <summary>
    /// The multipart form's file (field file, or the only file) read up to the limit + 1 byte, so the use case refuses
    /// a larger one with its code; or the failure saying what is wrong with the request.
    /// </summary>
    static async Task<(UploadedFile? File, Failure? Failure)> ReadUploadAsync(HttpContext http, CancellationToken ct)
    {
        static Failure Bad(string code, string message) => Result.Invalid([new FieldError(GeoJsonCheck.FileField, code, message)]);
        const long limit = GeoJsonCheck.MaxBytes + 1024 * 1024;
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit + 1024 * 1024;
        if (!http.Request.HasFormContentType) return (null, Bad("map.file_required", "请以 multipart/form-data 上传文件（字段 file）"));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = limit }, ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return (null, Bad(GeoJsonCheck.TooLarge, $"文件超过{GeoJsonCheck.MaxBytes / 1024 / 1024}MB，请简化边界（如用 mapshaper 抽稀）后再上传"));
        }
        if ((form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null)) is not { } file)
            return (null, Bad("map.file_required", "请选择要上传的GeoJSON文件（字段 file）"));
        return (await ReadAsync(file, ct), null);
    }

    /// <summary>The file's bytes, cut at the GeoJSON limit + 1 so a larger file is refused as too large without reading all of it.</summary>
    public static Task<UploadedFile> ReadAsync(IFormFile file, CancellationToken ct) => Projects.ProjectUploads.ReadAsync(file, GeoJsonCheck.MaxBytes, ct);
}

/// <summary>What the board's map section (_Map) shows for a region: the indicators to colour by, the children, and where the map comes from.</summary>
public static class BoardMapView
{
    /// <summary>Indicators offered first, in this order; any other key of the children follows.</summary>
    static readonly string[] Preferred = ["poor_households", "poor_persons", "poverty_incidence", "exited_households", "open_rectifications", "overdue_rectifications"];

    public sealed record IndicatorOption(string Key, string Label, string Unit);

    public static IReadOnlyList<IndicatorOption> Indicators(BoardView board)
    {
        var keys = board.Children.SelectMany(c => c.Indicators.Keys).Distinct(StringComparer.Ordinal).ToList();
        var ordered = Preferred.Where(keys.Contains).Concat(keys.Where(k => !Preferred.Contains(k)).Order(StringComparer.Ordinal));
        return [.. ordered.Select(k => board.Figure(k) is { } f ? new IndicatorOption(k, f.Label, f.Unit) : new IndicatorOption(k, k, ""))];
    }

    /// <summary>The level of the children's boundaries: townships under a county, villages under a township.</summary>
    public static MapLevel? ChildLevel(BoardView board) => board.Level switch
    {
        Fupin.Registry.RegionLevel.County => MapLevel.Township,
        Fupin.Registry.RegionLevel.Township => MapLevel.Village,
        _ => null,
    };

    static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The data board-map.js draws from: indicators, children with their values, and the map's address (null for the tiles).</summary>
    public static string DataJson(BoardView board, string? mapUrl) => System.Text.Json.JsonSerializer.Serialize(new
    {
        region = board.RegionCode,
        mapUrl,
        indicators = Indicators(board),
        children = board.Children.Select(c => new { code = c.Code, name = c.Name, poorVillage = c.IsPoorVillage, values = c.Indicators }),
    }, Json);

    public static string Value(decimal? v, string unit) => v is not { } x ? "—"
        : unit == "%" ? x.ToString("0.##", CultureInfo.InvariantCulture) + "%"
        : x.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string AttributeClass(Fupin.Registry.HouseholdAttribute a) => "htile-" + a.ToString().ToLowerInvariant();

    /// <summary>The household number's tail after the village code (the part that tells households of one village apart).</summary>
    public static string ShortNumber(string number, string village) =>
        number.Length > village.Length && number.StartsWith(village, StringComparison.Ordinal) ? number[village.Length..] : number;
}
