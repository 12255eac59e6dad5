using Fupin.Registry;
using Fupin.Testing;

namespace Fupin.Tests.Infrastructure;

/// <summary>Households with the names, places and codes a test is about.</summary>
public static class Seed
{
    public static async Task<long> HouseholdAsync(TestDatabase db, string village, string headName, Action<Household>? configure = null, int extraMembers = 0)
    {
        await RegistryBuilder.EnsureVillageAsync(db, village, VillageName(village), poor: village.EndsWith('1'));
        return await RegistryBuilder.AddHouseholdAsync(db, h =>
        {
            h.VillageCode = village;
            h.Members[0].Name = headName;
            for (var i = 0; i < extraMembers; i++) h.Members.Add(RegistryBuilder.Member(h, m => m.Name = $"{headName[..1]}家{i + 1}"));
            configure?.Invoke(h);
        });
    }

    static string VillageName(string code) => code[^3..] switch
    {
        "201" => "石门村",
        "202" => "竹园村",
        "203" => "西庄村",
        "204" => "东岭村",
        _ => $"{code[^3..]}村",
    };
}
