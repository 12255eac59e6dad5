using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fupin.Cli;

/// <summary>JSON for machines, with Chinese left readable.</summary>
public static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
