using System.Security.Cryptography;
using System.Text;

namespace Fupin.Accounts;

/// <summary>Token text: "fp_" and 32 URL-safe random characters; stored only as a SHA-256 hex hash.</summary>
public static class ApiTokenText
{
    public const string Scheme = "fp_";
    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static string New() => Scheme + RandomNumberGenerator.GetString(Alphabet, 32);

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string PrefixOf(string token) => token[..Math.Min(token.Length, 8)];

    public static bool LooksLikeToken(string token) => token.Length == Scheme.Length + 32 && token.StartsWith(Scheme, StringComparison.Ordinal);
}
