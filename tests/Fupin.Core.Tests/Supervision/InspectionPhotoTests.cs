using System.Buffers.Binary;
using System.Text;
using Fupin.Supervision;

namespace Fupin.Tests.Supervision;

/// <summary>Metadata stripping on small hand-built images: the image segments and chunks stay byte for byte.</summary>
public class InspectionPhotoTests
{
    static byte[] Segment(byte marker, byte[] payload)
    {
        var s = new byte[4 + payload.Length];
        s[0] = 0xFF;
        s[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(s, 4);
        return s;
    }

    static readonly byte[] App0 = Segment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    static readonly byte[] Dqt = Segment(0xDB, [0, .. Enumerable.Range(1, 64).Select(i => (byte)i)]);
    static readonly byte[] Sof = Segment(0xC0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
    static readonly byte[] Dht = Segment(0xC4, [0, 0, 1, .. new byte[15], 0]);
    static readonly byte[] Sos = Segment(0xDA, [1, 1, 0, 0, 63, 0]);
    static readonly byte[] Scan = [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9];

    static byte[] Jpeg(params byte[][] extra) => [0xFF, 0xD8, .. App0, .. extra.SelectMany(x => x), .. Dqt, .. Sof, .. Dht, .. Sos, .. Scan];

    [Fact]
    public void Jpeg_App1ExifWithGps_AndComment_AreDropped_ImageSegmentsUnchanged()
    {
        var exif = Segment(0xE1, [.. "Exif\0\0"u8, .. "MM GPSLatitude 33.49 N GPSLongitude 112.43 E"u8]);
        var xmp = Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. "<x:xmpmeta/>"u8]);
        var icc = Segment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 1]);
        var comment = Segment(0xFE, "shot by phone"u8.ToArray());
        var stripped = InspectionPhotos.Strip(Jpeg(exif, xmp, icc, comment));
        Assert.NotNull(stripped);
        Assert.Equal(Jpeg(), stripped);
        Assert.DoesNotContain("GPS", Encoding.ASCII.GetString(stripped), StringComparison.Ordinal);
    }

    [Fact]
    public void Jpeg_WithoutMetadata_IsUnchanged_AndTruncatedIsRefused()
    {
        Assert.Equal(Jpeg(), InspectionPhotos.Strip(Jpeg()));
        Assert.Null(InspectionPhotos.Strip(Jpeg()[..20]));
    }

    static byte[] Chunk(string type, byte[] data)
    {
        var c = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(c, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(c, 4);
        data.CopyTo(c, 8);
        BinaryPrimitives.WriteUInt32BigEndian(c.AsSpan(8 + data.Length), Crc(c.AsSpan(4, 4 + data.Length)));
        return c;
    }

    static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }

    /// <summary>A 1×1 PNG, with text, eXIf and tIME chunks when <paramref name="withText"/>.</summary>
    public static byte[] Png(bool withText)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        var ihdr = Chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        var idat = Chunk("IDAT", [0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00]);
        var iend = Chunk("IEND", []);
        if (!withText) return [.. signature, .. ihdr, .. idat, .. iend];
        var text = Chunk("tEXt", [.. "Comment\0"u8, .. "GPS 33.49,112.43"u8]);
        var itxt = Chunk("iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0"u8, .. "<x/>"u8]);
        var exif = Chunk("eXIf", [.. "MM\0*GPS"u8]);
        var time = Chunk("tIME", [7, 226, 10, 8, 10, 0, 0]);
        return [.. signature, .. ihdr, .. text, .. itxt, .. exif, .. time, .. idat, .. iend];
    }

    [Fact]
    public void Png_TextExifAndTimeChunks_AreDropped_ImageChunksUnchanged()
    {
        var stripped = InspectionPhotos.Strip(Png(withText: true));
        Assert.Equal(Png(withText: false), stripped);
    }

    [Fact]
    public void Check_RefusesOtherTypes_TooMany_AndEmpty()
    {
        var errors = new List<Common.FieldError>();
        Assert.Null(InspectionPhotos.Check([new VisitPhoto(null, new Fupin.Projects.UploadedFile("x.jpg", "GIF89a"u8.ToArray()))], "Photos", errors));
        Assert.Equal("inspection.photo_type", Assert.Single(errors).Code);
        errors.Clear();
        var many = Enumerable.Range(0, 11).Select(_ => new VisitPhoto(null, new Fupin.Projects.UploadedFile("p.png", Png(false)))).ToList();
        Assert.Null(InspectionPhotos.Check(many, "Photos", errors));
        Assert.Equal("inspection.photo_too_many", Assert.Single(errors).Code);
        errors.Clear();
        var ok = InspectionPhotos.Check([new VisitPhoto("H-HOUSE", new Fupin.Projects.UploadedFile("房子.JPEG", Jpeg()))], "Photos", errors);
        Assert.Empty(errors);
        Assert.Equal("房子.jpg", Assert.Single(ok!).FileName);
    }
}
