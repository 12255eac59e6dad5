using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Data;

public static class SaveEditExtensions
{
    /// <summary>
    /// Saves an edit of one audited entity made from the version the user started from: the change
    /// history gets the user and reason; a newer version in the database makes it a conflict
    /// (returns null, nothing written). Otherwise returns how many fields changed.
    /// </summary>
    public static async Task<int?> SaveEditAsync<T>(this AppDbContext db, T entity, long expectedVersion, string user, string reason, CancellationToken ct)
        where T : class, IAudited
    {
        var entry = db.Entry(entity);
        entry.Property(e => e.Version).OriginalValue = expectedVersion;
        db.Audit.User = user;
        db.Audit.Reason = reason.Trim();
        db.ChangeTracker.DetectChanges();
        var changed = entry.Properties.Count(p => p.IsModified);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }
        return changed;
    }
}
