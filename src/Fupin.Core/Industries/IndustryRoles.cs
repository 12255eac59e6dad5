using Fupin.Accounts;

namespace Fupin.Industries;

/// <summary>
/// Who changes industry and employment records. Everyone who reads the registry reads them (in their regions).
/// </summary>
public static class IndustryRoles
{
    /// <summary>Local industries and the industry plans: the county office.</summary>
    public static bool CanManageIndustries(Role role) => role == Role.CountyAdmin;

    /// <summary>Business entities, linkage contracts, their parties and payments: the county office and townships.</summary>
    public static bool CanManageEntities(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer;

    /// <summary>Jobs, willingness and a household's own industry: whoever visits the household.</summary>
    public static bool CanRecordEmployment(Role role) =>
        role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageCadre or Role.PairingCadre;

    public const string NotAllowedCode = "industry.not_allowed";
}
