using System.Data.Common;
using Fupin.Data;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Data;

/// <summary>
/// The bulk writer binds cells itself (SQLite's own statement, PostgreSQL's COPY with a type per column): a row it
/// writes must be stored exactly as EF stores the same entity — same values, same storage types — or queries that
/// compare dates, flags or codes would see the imported rows differently from the edited ones.
/// </summary>
public class BulkWriterTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task BulkInsertedHouseholdAndMembers_AreStoredAsEfStoresThem()
    {
        var saved = await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.OtherCauses = [PovertyCause.Disability, PovertyCause.LackOfLand];
            h.HousingRenovatedOn = new DateOnly(2017, 11, 3);
            h.ExitYear = 2018;
            h.Phone = "13812345678";
            h.BankAccount = "6228480012345678";
            h.ForestLand = 1.25;
            h.Members.Add(RegistryBuilder.Member(h, m =>
            {
                m.Relation = "配偶";
                m.MigrantWorkPlace = "广东省东莞市";
                m.MigrantWorkMonths = 9;
                m.Health = HealthConditions.Chronic | HealthConditions.Disabled;
                m.Education = null;
                m.StudentStatus = "小学";
                m.Number = "4113213042010000102";
            }));
        });

        // The same household, read back as EF stored it, written again by the bulk writer under new keys.
        long bulkId;
        await using (var ctx = _db.NewContext())
        {
            var copy = await ctx.Households.AsNoTracking().Include(h => h.Members).SingleAsync(h => h.Id == saved);
            await using var tx = await ctx.Database.BeginTransactionAsync();
            await using (var bulk = new BulkWriter(ctx))
            {
                bulkId = (await bulk.ReserveIdsAsync<Household>(1, default))[0];
                var memberIds = await bulk.ReserveIdsAsync<Member>(copy.Members.Count, default);
                copy.Id = bulkId;
                copy.Number += "9";
                var i = 0;
                foreach (var m in copy.Members)
                {
                    m.Id = memberIds[i++];
                    m.HouseholdId = bulkId;
                    m.IdNumber = ResidentId.Create(RegistryBuilder.County, m.BirthDate, 900 + i);
                }
                await bulk.InsertAsync([copy], default);
                await bulk.InsertAsync(copy.Members, default);
            }
            await tx.CommitAsync();
        }

        await using var read = _db.NewContext();
        var conn = read.Database.GetDbConnection();
        await read.Database.OpenConnectionAsync();
        var households = await RowsAsync(conn, "households", "id", saved, bulkId);
        AssertSameExcept(households[0], households[1], "id", "number");
        var members = await RowsAsync(conn, "members", "household_id", saved, bulkId);
        Assert.Equal(2, members.Count / 2);
        for (var k = 0; k < 2; k++) AssertSameExcept(members[k], members[k + 2], "id", "household_id", "id_number");
    }

    /// <summary>Every column of the rows whose <paramref name="key"/> is a or b, a's rows first, each ordered by id.</summary>
    static async Task<List<Dictionary<string, object>>> RowsAsync(DbConnection conn, string table, string key, long a, long b)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{key}\" IN ({a}, {b}) ORDER BY CASE WHEN \"{key}\" = {a} THEN 0 ELSE 1 END, id";
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    static void AssertSameExcept(Dictionary<string, object> ef, Dictionary<string, object> bulk, params string[] differing)
    {
        Assert.Equal(ef.Keys.Order(), bulk.Keys.Order());
        foreach (var (column, value) in ef)
        {
            if (differing.Contains(column)) continue;
            // The stored type as well as the value: SQLite keeps whatever type it is given.
            Assert.True(Equals(value, bulk[column]) || (value is Array x && bulk[column] is Array y && x.Cast<object>().SequenceEqual(y.Cast<object>())),
                $"{column}: EF stored {value} ({value.GetType().Name}), the bulk writer {bulk[column]} ({bulk[column].GetType().Name})");
        }
    }
}
