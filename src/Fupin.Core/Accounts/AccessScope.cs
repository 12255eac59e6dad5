namespace Fupin.Accounts;

/// <summary>
/// What the current user may see. <see cref="Data.AppDbContext"/> applies it as a query filter on
/// every region-bearing entity, so pages, API, search, exports and counts all obey the same rule:
/// a record outside the scope does not exist for that user.
/// </summary>
public sealed class AccessScope
{
    /// <summary>Everything (the CLI, start-up jobs, tests of the rules themselves).</summary>
    public static AccessScope System { get; } = new(null, null, [], all: true, pairedOnly: false);

    /// <summary>Nothing (an anonymous request).</summary>
    public static AccessScope None { get; } = new(null, null, [], all: false, pairedOnly: false);

    AccessScope(long? userId, Role? role, List<string> regionPrefixes, bool all, bool pairedOnly)
    {
        UserId = userId;
        Role = role;
        RegionPrefixes = regionPrefixes;
        All = all;
        PairedOnly = pairedOnly;
    }

    public static AccessScope For(long userId, Role role, IEnumerable<string> regionCodes)
    {
        // A region covers its children, so a code under another of the user's codes adds nothing.
        // A role that does not read the registry (department, auditor) sees none of it.
        if (!Roles.CanReadRegistry(role)) return new AccessScope(userId, role, [], all: false, pairedOnly: false);
        var codes = regionCodes.Distinct(StringComparer.Ordinal).OrderBy(c => c.Length).ToList();
        var prefixes = codes.Where((c, i) => !codes.Take(i).Any(p => c.StartsWith(p, StringComparison.Ordinal))).ToList();
        return new AccessScope(userId, role, prefixes, all: false, pairedOnly: role == Accounts.Role.PairingCadre);
    }

    public long? UserId { get; }
    public Role? Role { get; }

    /// <summary>Region codes the user may see, with all that lies under them.</summary>
    public List<string> RegionPrefixes { get; }

    public bool All { get; }

    /// <summary>A pairing cadre sees only the households paired to them (inside their regions).</summary>
    public bool PairedOnly { get; }

    /// <summary>Sealed inspection plans (四不两直) exist only for inspectors and leaders until opened on the day.</summary>
    public bool SeesSealedInspections => All || Role is Accounts.Role.Inspector or Accounts.Role.CountyLeader;

    /// <summary>
    /// Whether asking about the region makes sense for the user: it lies in their scope or above it
    /// (a village cadre may search their township and finds their village). Anything else answers 404.
    /// </summary>
    public bool Overlaps(string regionCode) =>
        Covers(regionCode) || RegionPrefixes.Any(p => p.StartsWith(regionCode, StringComparison.Ordinal));

    public bool Covers(string regionCode) => All || RegionPrefixes.Any(p => regionCode.StartsWith(p, StringComparison.Ordinal));
}
