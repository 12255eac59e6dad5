using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Fupin.Accounts;

/// <summary>Password hashing (ASP.NET Core Identity's PBKDF2 format), the password rule and one-time passwords.</summary>
public static class Passwords
{
    public const int MinLength = 8;

    static readonly PasswordHasher<User> Hasher = new();

    public static string Hash(User user, string password) => Hasher.HashPassword(user, password);

    public static bool Verify(User user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>Null when the password is acceptable, else why not (shown to the user).</summary>
    public static string? Problem(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength) return $"密码至少{MinLength}位";
        if (!password.Any(char.IsAsciiLetter) || !password.Any(char.IsAsciiDigit)) return "密码须同时包含字母和数字";
        return null;
    }

    /// <summary>A one-time password: 12 characters without look-alikes (0/O, 1/l/I), always with letters and digits.</summary>
    public static string OneTime()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        var chars = RandomNumberGenerator.GetItems<char>(letters + digits, 10).ToList();
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count + 1), letters[RandomNumberGenerator.GetInt32(letters.Length)]);
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count + 1), digits[RandomNumberGenerator.GetInt32(digits.Length)]);
        return new string([.. chars]);
    }

    public static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
