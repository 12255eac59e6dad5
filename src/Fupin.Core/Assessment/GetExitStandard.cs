using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <summary>
/// The exit thresholds that apply to a region: its province's row of <see cref="ExitStandard"/>, or
/// <see cref="ExitStandard.National"/> when the province has none (docs/assessment.md, "Thresholds").
/// </summary>
public sealed class GetExitStandard(AppDbContext db)
{
    public async Task<ExitStandard> HandleAsync(string regionCode, CancellationToken ct)
    {
        var province = regionCode.Length >= 2 ? regionCode[..2] : regionCode;
        return await db.ExitStandards.AsNoTracking().FirstOrDefaultAsync(s => s.ProvinceCode == province, ct) ?? ExitStandard.National;
    }
}
