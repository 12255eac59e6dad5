using System.Globalization;
using System.Text.Json;
using Fupin.Common;

namespace Fupin.Board;

/// <summary>One feature that passed the structural check: its index in the file, its normalised region code and its geometry as uploaded.</summary>
public sealed record MapFeature(int Index, string Code, JsonElement Geometry);

/// <summary>
/// The structural rules of an uploaded boundary file, before its codes are matched against the region table:
/// UTF-8 JSON of at most <see cref="MaxBytes"/>; a GeoJSON (RFC 7946) <c>FeatureCollection</c> of at least one
/// <c>Feature</c>; every geometry a <c>Polygon</c> or <c>MultiPolygon</c> whose rings are closed, have at least four
/// positions, and whose positions are numeric longitude/latitude pairs in range; every feature carrying a region code
/// in one of <see cref="CodeProperties"/> (string or number) of the map's level — 9 digits for a township (12 digits
/// ending in 000 are accepted and shortened), 12 for a village — under the county's 6 digits, and no code twice.
/// Each problem is one <see cref="FieldError"/>: field <c>file</c> for the whole file, <c>features[i]</c> for the
/// i-th feature (0-based; the message counts from 1), a stable <c>map.*</c> code and a Chinese message.
/// </summary>
public static class GeoJsonCheck
{
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>Problems listed before the rest are summed up in one line (a wholly wrong file would list thousands).</summary>
    public const int MaxErrors = 50;

    public const string FileField = "File";

    /// <summary>Property names read as the region code, in this order: ours, DataV's, Chinese GIS exports' (区划代码, XZQDM).</summary>
    public static readonly string[] CodeProperties = ["code", "adcode", "区划代码", "行政区划代码", "CODE", "ADCODE", "Code", "AdCode", "XZQDM", "xzqdm"];

    public const string Empty = "map.empty";
    public const string TooLarge = "map.too_large";
    public const string NotJson = "map.not_json";
    public const string NotFeatureCollection = "map.not_feature_collection";
    public const string NoFeatures = "map.no_features";
    public const string NotFeature = "map.not_feature";
    public const string GeometryMissing = "map.geometry_missing";
    public const string GeometryType = "map.geometry_type";
    public const string Coordinates = "map.coordinates";
    public const string RingTooShort = "map.ring_too_short";
    public const string RingNotClosed = "map.ring_not_closed";
    public const string OutOfRange = "map.out_of_range";
    public const string CodeMissing = "map.code_missing";
    public const string CodeInvalid = "map.code_invalid";
    public const string WrongLevel = "map.wrong_level";
    public const string OutsideCounty = "map.code_outside_county";
    public const string CodeUnknown = "map.code_unknown";
    public const string DuplicateCode = "map.code_duplicate";
    public const string TooManyErrors = "map.too_many_errors";
    public const string LevelInvalid = "map.level_invalid";

    public static string LevelLabel(MapLevel level) => level == MapLevel.Village ? "村" : "乡镇";

    public static string Field(int index) => "features[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>The feature index of a field from <see cref="Field"/>, −1 for the whole file.</summary>
    public static int IndexOf(string field) =>
        field.StartsWith("features[", StringComparison.Ordinal) && int.TryParse(field.AsSpan(9, field.Length - 10), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;

    static string Nth(int index) => "第" + (index + 1).ToString(CultureInfo.InvariantCulture) + "个要素";

    /// <summary>
    /// Checks the file's structure and the form of its codes. Returns the features (null when the file is not a
    /// FeatureCollection at all) and adds every problem to <paramref name="errors"/>. The caller must keep
    /// <paramref name="document"/> alive while it uses the features' geometries.
    /// </summary>
    public static List<MapFeature>? Check(byte[] content, MapLevel level, string countyCode, List<FieldError> errors, out JsonDocument? document)
    {
        document = null;
        if (content.Length == 0)
        {
            errors.Add(new FieldError(FileField, Empty, "文件是空的"));
            return null;
        }
        if (content.Length > MaxBytes)
        {
            errors.Add(new FieldError(FileField, TooLarge, $"文件超过{MaxBytes / 1024 / 1024}MB，请简化边界（如用 mapshaper 抽稀）后再上传"));
            return null;
        }
        try
        {
            // A UTF-8 byte-order mark is common in files saved by Windows tools; JSON parsers reject it.
            var json = content.AsMemory();
            if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF) json = json[3..];
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $"（第{(line + 1).ToString(CultureInfo.InvariantCulture)}行第{((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}个字节附近）"
                : "";
            errors.Add(new FieldError(FileField, NotJson, $"文件不是有效的JSON{where}，请上传GeoJSON文件（UTF-8编码）"));
            return null;
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !IsString(root, "type", "FeatureCollection"))
        {
            errors.Add(new FieldError(FileField, NotFeatureCollection, "文件不是GeoJSON要素集合：最外层应为 {\"type\": \"FeatureCollection\", \"features\": [...]}"));
            return null;
        }
        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array || features.GetArrayLength() == 0)
        {
            errors.Add(new FieldError(FileField, NoFeatures, "要素集合中没有要素（features 为空或不是数组）"));
            return null;
        }

        var list = new List<MapFeature>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = -1;
        foreach (var feature in features.EnumerateArray())
        {
            index++;
            var before = errors.Count;
            var code = CheckFeature(feature, index, level, countyCode, errors);
            if (code is not null)
            {
                if (seen.TryGetValue(code, out var first))
                    errors.Add(new FieldError(Field(index), DuplicateCode, $"{Nth(index)}的区划代码{code}与{Nth(first)}重复，每个{LevelLabel(level)}只能有一个要素（多块区域请合并为MultiPolygon）"));
                else
                    seen[code] = index;
            }
            if (errors.Count == before && code is not null) list.Add(new MapFeature(index, code, feature.GetProperty("geometry")));
        }
        return list;
    }

    /// <summary>The feature's normalised code when its code is well-formed (even if its geometry is not), else null.</summary>
    static string? CheckFeature(JsonElement feature, int index, MapLevel level, string countyCode, List<FieldError> errors)
    {
        var field = Field(index);
        if (feature.ValueKind != JsonValueKind.Object || !IsString(feature, "type", "Feature"))
        {
            errors.Add(new FieldError(field, NotFeature, $"{Nth(index)}不是GeoJSON要素（应为 {{\"type\": \"Feature\", \"geometry\": ..., \"properties\": ...}}）"));
            return null;
        }
        var code = Code(feature, index, level, countyCode, errors);
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(field, GeometryMissing, $"{Nth(index)}{Named(code)}没有几何图形（geometry）"));
            return code;
        }
        var type = geometry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type is not ("Polygon" or "MultiPolygon"))
        {
            errors.Add(new FieldError(field, GeometryType, $"{Nth(index)}{Named(code)}的几何类型是{(type is null ? "空" : "“" + type + "”")}，只接受面（Polygon 或 MultiPolygon）"));
            return code;
        }
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array || coordinates.GetArrayLength() == 0)
        {
            errors.Add(new FieldError(field, Coordinates, $"{Nth(index)}{Named(code)}没有坐标（coordinates）"));
            return code;
        }
        List<JsonElement> polygons = type == "Polygon" ? [coordinates] : [.. coordinates.EnumerateArray()];
        var p = 0;
        foreach (var polygon in polygons)
        {
            p++;
            if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
            {
                errors.Add(new FieldError(field, Coordinates, $"{Nth(index)}{Named(code)}的坐标结构不对：{type}应为{(type == "Polygon" ? "环的数组" : "面的数组，每个面是环的数组")}"));
                return code;
            }
            var r = 0;
            foreach (var ring in polygon.EnumerateArray())
            {
                r++;
                var where = (polygons.Count > 1 ? $"第{p.ToString(CultureInfo.InvariantCulture)}块面的" : "") + $"第{r.ToString(CultureInfo.InvariantCulture)}个环";
                if (!Ring(ring, out var positions, out var problem))
                {
                    errors.Add(new FieldError(field, problem == OutOfRange ? OutOfRange : Coordinates, problem == OutOfRange
                        ? $"{Nth(index)}{Named(code)}{where}的坐标超出经纬度范围（经度−180～180，纬度−90～90）；请把投影坐标转换为经纬度后再上传"
                        : $"{Nth(index)}{Named(code)}{where}的坐标不是数字的经纬度对 [经度, 纬度]"));
                    return code;
                }
                if (positions < 4)
                {
                    errors.Add(new FieldError(field, RingTooShort, $"{Nth(index)}{Named(code)}{where}只有{positions.ToString(CultureInfo.InvariantCulture)}个点，至少需要4个（首尾相同）"));
                    return code;
                }
                if (!Closed(ring))
                {
                    errors.Add(new FieldError(field, RingNotClosed, $"{Nth(index)}{Named(code)}{where}没有闭合：最后一个点应与第一个点相同"));
                    return code;
                }
            }
        }
        return code;
    }

    static string Named(string? code) => code is null ? "" : "（" + code + "）";

    /// <summary>Every position an array of at least two numbers, longitude and latitude in range.</summary>
    static bool Ring(JsonElement ring, out int positions, out string? problem)
    {
        positions = 0;
        problem = null;
        if (ring.ValueKind != JsonValueKind.Array) { problem = Coordinates; return false; }
        foreach (var pos in ring.EnumerateArray())
        {
            if (pos.ValueKind != JsonValueKind.Array || pos.GetArrayLength() < 2) { problem = Coordinates; return false; }
            var i = 0;
            double lon = 0, lat = 0;
            foreach (var n in pos.EnumerateArray())
            {
                if (n.ValueKind != JsonValueKind.Number || !n.TryGetDouble(out var v) || !double.IsFinite(v)) { problem = Coordinates; return false; }
                if (i == 0) lon = v;
                else if (i == 1) lat = v;
                i++;
            }
            if (lon is < -180 or > 180 || lat is < -90 or > 90) { problem = OutOfRange; return false; }
            positions++;
        }
        return true;
    }

    static bool Closed(JsonElement ring)
    {
        var n = ring.GetArrayLength();
        var first = ring[0];
        var last = ring[n - 1];
        return first[0].GetDouble() == last[0].GetDouble() && first[1].GetDouble() == last[1].GetDouble();
    }

    /// <summary>The feature's code in the form of the map's level under the county, or null (with the problem added).</summary>
    static string? Code(JsonElement feature, int index, MapLevel level, string countyCode, List<FieldError> errors)
    {
        var field = Field(index);
        string? raw = null;
        if (feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in CodeProperties)
            {
                if (!properties.TryGetProperty(name, out var v)) continue;
                raw = v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString()?.Trim(),
                    JsonValueKind.Number => v.GetRawText(),
                    _ => null,
                };
                if (!string.IsNullOrEmpty(raw)) break;
            }
        }
        if (string.IsNullOrEmpty(raw))
        {
            errors.Add(new FieldError(field, CodeMissing, $"{Nth(index)}没有区划代码：请在 properties 中填写 code（或 adcode、区划代码）为{LevelLabel(level)}的统计用区划代码"));
            return null;
        }
        if (!raw.All(char.IsAsciiDigit) || raw.Length is not (6 or 9 or 12))
        {
            errors.Add(new FieldError(field, CodeInvalid, $"{Nth(index)}的区划代码“{Clip(raw)}”无效，应为{(level == MapLevel.Township ? "9位乡镇" : "12位村")}代码"));
            return null;
        }
        // A township may come in the 12-digit form of the statistical code list (乡镇 + 000).
        var code = level == MapLevel.Township && raw.Length == 12 && raw.EndsWith("000", StringComparison.Ordinal) ? raw[..9] : raw;
        if (!code.StartsWith(countyCode, StringComparison.Ordinal))
        {
            errors.Add(new FieldError(field, OutsideCounty, $"{Nth(index)}的区划代码{raw}不属于本县（{countyCode}）"));
            return null;
        }
        var expected = level == MapLevel.Township ? 9 : 12;
        if (code.Length != expected)
        {
            var actual = code.Length switch { 6 => "县级", 9 => "乡镇级", _ => "村级" };
            errors.Add(new FieldError(field, WrongLevel, $"{Nth(index)}的区划代码{raw}是{actual}代码，本次上传的是{LevelLabel(level)}边界，应为{expected.ToString(CultureInfo.InvariantCulture)}位{LevelLabel(level)}代码"));
            return null;
        }
        return code;
    }

    static string Clip(string s) => s.Length <= 30 ? s : s[..30] + "…";

    static bool IsString(JsonElement e, string property, string value) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), value, StringComparison.Ordinal);

    /// <summary>At most <see cref="MaxErrors"/> problems, and one line saying how many more there were.</summary>
    public static List<FieldError> Trim(List<FieldError> errors)
    {
        if (errors.Count <= MaxErrors) return errors;
        var more = errors.Count - MaxErrors;
        return [.. errors.Take(MaxErrors), new FieldError(FileField, TooManyErrors, $"另有{more.ToString(CultureInfo.InvariantCulture)}处问题未列出，请先改正以上问题")];
    }
}
