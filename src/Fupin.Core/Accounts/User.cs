namespace Fupin.Accounts;

/// <summary>A person who signs in. Passwords are stored only as ASP.NET Core Identity hashes.</summary>
public sealed class User
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public Role Role { get; set; }
    public required string PasswordHash { get; set; }

    /// <summary>Set for a one-time password: the user must choose their own at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }
    public bool IsActive { get; set; } = true;
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Changes when the password or role changes, so older sessions stop working.</summary>
    public required string SecurityStamp { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>The department (责任单位, e.g. 县人社局) a department user reports for in the campaign ledger.</summary>
    public string? Department { get; set; }

    public List<UserRegion> Regions { get; set; } = [];
}

/// <summary>A region a user may see; access includes its children.</summary>
public sealed class UserRegion
{
    public long UserId { get; set; }
    public required string RegionCode { get; set; }
}

/// <summary>
/// A machine client's token (a department's upload program), tied to a user whose role and regions
/// it carries. Only a SHA-256 hash is stored; the token is shown once, when made.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public User? User { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters, to tell tokens apart in lists (fp_ab12…).</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>
/// A pairing cadre (帮扶责任人) assigned to a household from one date to another. The assistance
/// capability builds on it; access uses it now: a pairing cadre with an account (<see cref="UserId"/>) sees
/// only the households paired to them. Most cadres have no account; their name, unit and phone are kept
/// so lists of households (the coverage gap list) can say whom to call.
/// </summary>
public sealed class Pairing
{
    public long Id { get; set; }
    public long? UserId { get; set; }
    public required string CadreName { get; set; }

    /// <summary>帮扶单位 (e.g. 县教育局).</summary>
    public string? CadreUnit { get; set; }

    /// <summary>The cadre's work phone, printed on the household's 明白卡; not the household's personal data.</summary>
    public string? CadrePhone { get; set; }
    public long HouseholdId { get; set; }
    public required string CountyCode { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}
