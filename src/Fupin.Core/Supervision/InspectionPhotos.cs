using System.Buffers.Binary;
using Fupin.Common;
using Fupin.Projects;

namespace Fupin.Supervision;

/// <summary>A photo that passed <see cref="InspectionPhotos.Check"/>: a safe name, its type, and the bytes with metadata stripped.</summary>
public sealed record CheckedPhoto(string? QuestionCode, string FileName, string ContentType, byte[] Content);

/// <summary>A photo as uploaded with a visit, optionally for one question.</summary>
public sealed record VisitPhoto(string? QuestionCode, UploadedFile File);

/// <summary>
/// Photos of an inspection visit: JPEG or PNG judged by the bytes, at most 10 MB each and 10 per visit; before
/// storing, everything that could tell where, when or with what the photo was taken is removed — JPEG APP1–APP15
/// (EXIF with GPS, XMP, ICC profile, maker notes) and COM segments; PNG tEXt, zTXt, iTXt, eXIf and tIME chunks.
/// The image data itself is not touched.
/// </summary>
public static class InspectionPhotos
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxPerVisit = 10;
    const string Jpeg = "image/jpeg";
    const string Png = "image/png";

    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    static readonly HashSet<string> PngDropped = new(StringComparer.Ordinal) { "tEXt", "zTXt", "iTXt", "eXIf", "tIME" };

    /// <summary>JPEG, PNG or null, from the magic bytes.</summary>
    public static string? TypeOf(byte[] b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return Jpeg;
        if (b.AsSpan().StartsWith(PngSignature)) return Png;
        return null;
    }

    /// <summary>Checks count, size and type of every photo and strips their metadata; null (with errors) when one is wrong.</summary>
    public static List<CheckedPhoto>? Check(IReadOnlyList<VisitPhoto> photos, string field, List<FieldError> errors)
    {
        if (photos.Count > MaxPerVisit)
        {
            errors.Add(new FieldError(field, "inspection.photo_too_many", $"每次最多上传{MaxPerVisit}张照片"));
            return null;
        }
        var list = new List<CheckedPhoto>();
        var before = errors.Count;
        foreach (var photo in photos)
        {
            var name = Path.GetFileName((photo.File.FileName ?? "").Replace('\\', '/')).Trim();
            var bytes = photo.File.Content;
            if (bytes.Length == 0) { errors.Add(new FieldError(field, "inspection.photo_empty", $"照片“{name}”是空的")); continue; }
            if (bytes.Length > MaxBytes) { errors.Add(new FieldError(field, "inspection.photo_too_large", $"照片“{name}”超过10MB")); continue; }
            var type = TypeOf(bytes);
            if (type is null) { errors.Add(new FieldError(field, "inspection.photo_type", $"“{name}”不是JPG或PNG照片")); continue; }
            var stripped = Strip(bytes);
            if (stripped is null) { errors.Add(new FieldError(field, "inspection.photo_corrupt", $"照片“{name}”已损坏，无法读取")); continue; }
            var ext = type == Jpeg ? ".jpg" : ".png";
            var stem = name.Length == 0 ? "照片" : Path.GetFileNameWithoutExtension(name);
            if (stem.Length > 100) stem = stem[..100];
            if (stem.Length == 0) stem = "照片";
            list.Add(new CheckedPhoto(string.IsNullOrWhiteSpace(photo.QuestionCode) ? null : photo.QuestionCode.Trim(), stem + ext, type, stripped));
        }
        return errors.Count > before ? null : list;
    }

    /// <summary>The image without its metadata, or null when the bytes are not a well-formed JPEG or PNG.</summary>
    public static byte[]? Strip(byte[] bytes) => TypeOf(bytes) switch
    {
        Jpeg => StripJpeg(bytes),
        Png => StripPng(bytes),
        _ => null,
    };

    static byte[]? StripJpeg(byte[] b)
    {
        using var output = new MemoryStream(b.Length);
        output.Write(b, 0, 2); // SOI
        var i = 2;
        while (i < b.Length)
        {
            if (b[i] != 0xFF) return null;
            // Fill bytes (0xFF padding) before a marker.
            while (i + 1 < b.Length && b[i + 1] == 0xFF) i++;
            if (i + 1 >= b.Length) return null;
            var marker = b[i + 1];
            if (marker == 0xD9) { output.Write(b, i, 2); return output.ToArray(); } // EOI
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) { output.Write(b, i, 2); i += 2; continue; } // TEM, RSTn: no length
            if (i + 3 >= b.Length) return null;
            var length = (b[i + 2] << 8) | b[i + 3];
            if (length < 2 || i + 2 + length > b.Length) return null;
            var segment = 2 + length;
            if (marker == 0xDA)
            {
                // SOS: the header and the entropy-coded scan (and any later tables and scans) are kept as they are.
                output.Write(b, i, b.Length - i);
                return output.ToArray();
            }
            var dropped = marker is (>= 0xE1 and <= 0xEF) or 0xFE; // APP1–APP15, COM
            if (!dropped) output.Write(b, i, segment);
            i += segment;
        }
        return null;
    }

    static byte[]? StripPng(byte[] b)
    {
        using var output = new MemoryStream(b.Length);
        output.Write(b, 0, 8);
        var i = 8;
        while (i + 12 <= b.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(i, 4));
            if (length > int.MaxValue || i + 12 + (long)length > b.Length) return null;
            var type = System.Text.Encoding.ASCII.GetString(b, i + 4, 4);
            var chunk = 12 + (int)length;
            if (!PngDropped.Contains(type)) output.Write(b, i, chunk);
            i += chunk;
            if (string.Equals(type, "IEND", StringComparison.Ordinal)) return output.ToArray();
        }
        return null;
    }
}
