using System.Data.Common;
using Fupin.Accounts;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Fupin.Board;

/// <summary>
/// A counter per county (<see cref="Key"/> = the 6-digit county code, or <see cref="DataStamps.Everywhere"/> for a change
/// that names no county) that goes up after every committed change of that county's data. The board's cache keeps a
/// region's figures under the stamps they were computed at, so any change invalidates them and nothing else does.
/// </summary>
public sealed class DataStamp
{
    public required string Key { get; set; }
    public long Version { get; set; }
}

/// <summary>Reads and bumps <see cref="DataStamp"/>s; <see cref="AppDbContext"/> bumps them after each committed save.</summary>
public static class DataStamps
{
    public const string Everywhere = "*";

    static long _localChanges;

    /// <summary>How many times this process has bumped stamps (readers that keep stamps for a while compare it).</summary>
    public static long LocalChanges => Interlocked.Read(ref _localChanges);

    /// <summary>Accounts and bookkeeping rows change on every sign-in; they are not data the board shows.</summary>
    static bool Ignored(Type t) => t == typeof(DataStamp) || t == typeof(ChangeRecord) || t.Namespace == typeof(User).Namespace && t != typeof(Pairing);

    static readonly string[] CodeProperties = ["CountyCode", "VillageCode", "RegionCode", "TownshipCode"];

    /// <summary>
    /// How a row of this type names the county whose stamp it changes: its first region code of six digits or more (its
    /// county is the first six), null when it names none (its stamp is then <see cref="Everywhere"/>). Null for a type
    /// that is not data the board shows. Used by a save (<see cref="KeysOf"/>) and by the bulk writer.
    /// </summary>
    internal static Func<object, string?>? CodeReader(IEntityType type)
    {
        if (Ignored(type.ClrType)) return null;
        var getters = CodeProperties.Select(type.FindProperty).OfType<IProperty>().Where(p => !p.IsShadowProperty()).Select(p => p.GetGetter()).ToArray();
        return row =>
        {
            foreach (var get in getters)
                if (get.GetClrValueUsingContainingEntity(row) is string { Length: >= 6 } code) return code;
            return null;
        };
    }

    /// <summary>The stamp keys a save of these entries changes: each entry's county, or <see cref="Everywhere"/> when it names none.</summary>
    internal static IEnumerable<string> KeysOf(IEnumerable<EntityEntry> entries)
    {
        foreach (var e in entries)
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || CodeReader(e.Metadata) is not { } codeOf) continue;
            yield return codeOf(e.Entity) is { } code ? code[..6] : Everywhere;
        }
    }

    /// <summary>The keys a region's figures depend on: its county's and <see cref="Everywhere"/>.</summary>
    public static string[] KeysFor(string regionCode) => regionCode.Length >= 6 ? [Everywhere, regionCode[..6]] : [Everywhere];

    /// <summary>The current versions of the keys (0 for a key never bumped), in the order given.</summary>
    public static async Task<long[]> ReadAsync(AppDbContext db, string[] keys, CancellationToken ct)
    {
        var found = await db.DataStamps.AsNoTracking().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Version, ct);
        return [.. keys.Select(k => found.GetValueOrDefault(k))];
    }

    /// <summary>Bumps the keys now, each in its own statement on the context's connection, outside any transaction (called once a save has committed).</summary>
    public static async Task BumpAsync(AppDbContext db, IEnumerable<string> keys, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(DataStamp))!;
        var table = entity.GetTableName();
        var keyColumn = entity.FindProperty(nameof(DataStamp.Key))!.GetColumnName();
        var versionColumn = entity.FindProperty(nameof(DataStamp.Version))!.GetColumnName();
        var sql = $"INSERT INTO \"{table}\" (\"{keyColumn}\", \"{versionColumn}\") VALUES (@key, 1) "
            + $"ON CONFLICT (\"{keyColumn}\") DO UPDATE SET \"{versionColumn}\" = \"{table}\".\"{versionColumn}\" + 1";
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = sql;
                var p = cmd.CreateParameter();
                p.ParameterName = "@key";
                p.Value = key;
                cmd.Parameters.Add(p);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            Interlocked.Increment(ref _localChanges);
            if (opened) await connection.CloseAsync();
        }
    }
}

/// <summary>
/// Bumps the stamps a transaction's saves collected once it has committed (outside it, so no transaction holds a stamp's
/// row lock), and forgets them when it rolls back.
/// </summary>
internal sealed class DataStampInterceptor : DbTransactionInterceptor
{
    public static readonly DataStampInterceptor Instance = new();

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) await db.FlushDataStampsAsync(cancellationToken);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is AppDbContext db) db.FlushDataStampsAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) db.ForgetDataStamps();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is AppDbContext db) db.ForgetDataStamps();
    }
}
