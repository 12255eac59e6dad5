namespace Fupin.Accounts;

/// <summary>What a user does; where they may look is their regions (<see cref="UserRegion"/>).</summary>
public enum Role
{
    /// <summary>县级管理员: manages users and edits the register.</summary>
    CountyAdmin = 1,

    /// <summary>县领导: reads everything in their regions, edits nothing.</summary>
    CountyLeader = 2,

    /// <summary>行业部门: uploads its lists and sees its sector.</summary>
    Department = 3,

    /// <summary>乡镇干部.</summary>
    TownshipOfficer = 4,

    /// <summary>村干部 / 驻村第一书记.</summary>
    VillageCadre = 5,

    /// <summary>帮扶责任人: only the households paired to them.</summary>
    PairingCadre = 6,

    /// <summary>督查人员.</summary>
    Inspector = 7,

    /// <summary>审计人员: reads the audit log.</summary>
    Auditor = 8,
}

public static class Roles
{
    public static string Label(Role role) => role switch
    {
        Role.CountyAdmin => "县级管理员",
        Role.CountyLeader => "县领导",
        Role.Department => "行业部门",
        Role.TownshipOfficer => "乡镇干部",
        Role.VillageCadre => "村干部/第一书记",
        Role.PairingCadre => "帮扶责任人",
        Role.Inspector => "督查人员",
        Role.Auditor => "审计人员",
        _ => role.ToString(),
    };

    /// <summary>Who may change registry data.</summary>
    public static bool CanEditRegistry(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageCadre;

    /// <summary>Who may ask to see a full ID number or phone (each reveal is logged).</summary>
    public static bool CanReveal(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageCadre or Role.PairingCadre or Role.Inspector;

    /// <summary>Who reads the registry at all (the auditor reads the audit log; a department its own lists).</summary>
    public static bool CanReadRegistry(Role role) => role is not (Role.Auditor or Role.Department);

    public static bool CanReadAuditLog(Role role) => role is Role.Auditor or Role.CountyAdmin;

    public static bool CanManageUsers(Role role) => role is Role.CountyAdmin;
}
