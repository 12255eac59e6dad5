using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Fupin.Checks;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fupin.Tests;

/// <summary>
/// `fupin db backup` and `fupin db restore` on the engine of the run (SQLite, or PostgreSQL with pg_dump and
/// pg_restore). Each restore goes into a database of its own (a new SQLite file, or a new database on the
/// test server) that the test drops afterwards.
/// </summary>
public sealed partial class DbBackupTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    string _dir = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _dir = Directory.CreateTempSubdirectory("fupin-backup-").FullName;
        await RegistryBuilder.EnsureVillageAsync(_db);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A household of three (head, spouse, son), as every household of these tests.</summary>
    static Household Family(Action<Household>? configure = null) => RegistryBuilder.Household(h =>
    {
        h.Members.Add(RegistryBuilder.Member(h, m => m.Relation = "配偶"));
        h.Members.Add(RegistryBuilder.Member(h));
        configure?.Invoke(h);
    });

    static async Task SeedAsync(TestDatabase db, int households)
    {
        await RegistryBuilder.EnsureVillageAsync(db);
        await using var ctx = db.NewContext();
        for (var i = 0; i < households; i++) ctx.Households.Add(Family());
        await ctx.SaveChangesAsync();
    }

    /// <summary>
    /// A registry file of one household of three, as a county would upload it. The writer's ID numbers are born
    /// from 1978 on, far from <see cref="RegistryBuilder"/>'s (1960 onwards, one day per member made).
    /// </summary>
    string HouseholdFile(int i)
    {
        var head = new DateOnly(1978, 1, 1).AddDays(i);
        string Id(DateOnly birth, int seq) => ResidentId.Create(RegistryBuilder.County, birth, seq).ToString();
        var number = "411321304209" + i.ToString("D4", CultureInfo.InvariantCulture);
        var sb = new StringBuilder("乡(镇),行政村,户编号,姓名,证件号码,与户主关系,贫困户属性,脱贫状态,主要致贫原因,文化程度,劳动技能,健康状况\n");
        sb.Append(CultureInfo.InvariantCulture, $"石门乡,石门村,{number},写入{i},{Id(head, 11)},户主,一般贫困户,未脱贫,因病,小学,普通劳动力,健康\n");
        sb.Append(CultureInfo.InvariantCulture, $"石门乡,石门村,{number},配偶{i},{Id(head, 12)},配偶,一般贫困户,未脱贫,因病,小学,普通劳动力,健康\n");
        sb.Append(CultureInfo.InvariantCulture, $"石门乡,石门村,{number},之子{i},{Id(head.AddYears(20), 13)},之子,一般贫困户,未脱贫,因病,初中,普通劳动力,健康\n");
        var path = Path.Combine(_dir, $"writer-{i}.csv");
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(true));
        return path;
    }

    [GeneratedRegex(@"(\d+) 户 (\d+) 人")]
    private static partial Regex Counts();

    static (int Households, int Members) CountsIn(string output)
    {
        var m = Counts().Match(output);
        Assert.True(m.Success, output);
        return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    static async Task<List<string>> HouseholdNumbersAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        return await ctx.Households.OrderBy(h => h.Number).Select(h => h.Number).ToListAsync();
    }

    [Fact]
    public async Task Backup_WhileTheAppAddsHouseholds_RestoresWholeHouseholdsOnly_CountBetweenStartAndStop_PassesTheChecker()
    {
        const int Seeded = 300;
        await SeedAsync(_db, Seeded);

        // The writer registers households the way the app does, one import (one transaction) each.
        var committed = 0;
        var enoughWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var file = HouseholdFile(i);
                await using var ctx = _db.NewContext();
                var report = await new ImportHouseholds(ctx, _db.Clock).HandleAsync(new ImportHouseholdsRequest(file), null, CancellationToken.None);
                if (!report.Written) throw new InvalidOperationException("writer's import rejected: " + string.Join("; ", report.Problems.Select(p => p.Message)));
                if (Interlocked.Increment(ref committed) == 3) enoughWritten.SetResult();
            }
        });
        await Task.WhenAny(enoughWritten.Task, writer);
        if (writer.IsCompleted) await writer; // the writer failed before the backup could start: show why

        var atStart = Seeded + Volatile.Read(ref committed);
        var backupFile = Path.Combine(_dir, "live.backup");
        var backup = await CliRunner.RunAsync(_db, "db", "backup", "--out", backupFile);
        await stop.CancelAsync();
        await writer;
        int atStop;
        await using (var ctx = _db.NewContext()) atStop = await ctx.Households.CountAsync();

        Assert.True(backup.ExitCode == 0, backup.Out + backup.Err);
        Assert.Equal(Seeded + committed, atStop);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));

        await using var target = await TestDatabase.CreateAsync(migrate: false);
        var restore = await CliRunner.RunAsync(target, "db", "restore", "--from", backupFile);
        Assert.True(restore.ExitCode == 0, restore.Out + restore.Err);

        int restored;
        await using (var ctx = target.NewContext())
        {
            var sizes = await ctx.Households.Select(h => new { h.Number, Members = h.Members.Count }).ToListAsync();
            Assert.InRange(sizes.Count, atStart, atStop);
            Assert.All(sizes, h => Assert.True(h.Members == 3, $"户{h.Number}恢复后有 {h.Members} 人，应为 3 人"));
            Assert.Equal(3 * sizes.Count, await ctx.Members.CountAsync());
            // The backup counted what it holds; the restore found the same.
            Assert.Equal((sizes.Count, 3 * sizes.Count), CountsIn(backup.Out));
            Assert.Equal((sizes.Count, 3 * sizes.Count), CountsIn(restore.Out));

            var check = await new CheckRegistry(ctx, target.Clock).HandleAsync(new CheckRegistryRequest(RegistryBuilder.County), null, CancellationToken.None);
            var report = check.Value ?? throw new InvalidOperationException(check.Failure?.Message);
            Assert.Equal(sizes.Count, report.Households);
            var errors = report.Problems.Where(p => p.Severity == Severity.Error).Select(p => $"{p.Household} {p.Rule} {p.Message}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            Assert.Equal(0, report.Errors);
            restored = sizes.Count;
        }

        // The restored database is a working one: the CLI's own checker runs on it too.
        var cliCheck = await CliRunner.RunAsync(target, "check", "--region", RegistryBuilder.County);
        Assert.True(cliCheck.ExitCode == 0, cliCheck.Out + cliCheck.Err);
        Assert.Contains($"数据质量检查：{restored} 户", cliCheck.Out);
    }

    [Fact]
    public async Task BackupThenRestore_NoWriters_SameCountsHeadNameAndIdNumbers()
    {
        await SeedAsync(_db, 12);
        ResidentId chosenId = default;
        await using (var ctx = _db.NewContext())
        {
            ctx.Households.Add(Family(h =>
            {
                h.Number = "41132130420ROUND";
                h.Members[0].Name = "王秀英";
                h.Members[2].Name = "王建国";
                chosenId = h.Members[2].IdNumber!.Value;
            }));
            await ctx.SaveChangesAsync();
        }
        var file = Path.Combine(_dir, "round.backup");

        var backup = await CliRunner.RunAsync(_db, "db", "backup", "--out", file);
        Assert.True(backup.ExitCode == 0, backup.Out + backup.Err);
        Assert.Equal((13, 39), CountsIn(backup.Out));
        Assert.Contains(file, backup.Out);
        Assert.Contains($"{new FileInfo(file).Length} 字节", backup.Out);

        await using var target = await TestDatabase.CreateAsync(migrate: false);
        var restore = await CliRunner.RunAsync(target, "db", "restore", "--from", file);
        Assert.True(restore.ExitCode == 0, restore.Out + restore.Err);
        Assert.Equal((13, 39), CountsIn(restore.Out));
        Assert.Contains("无需迁移", restore.Out);

        Assert.Equal(await HouseholdNumbersAsync(_db), await HouseholdNumbersAsync(target));
        await using var restored = target.NewContext();
        var round = await restored.Households.Include(h => h.Members).SingleAsync(h => h.Number == "41132130420ROUND");
        Assert.Equal("王秀英", round.Members.Single(m => m.Relation == "户主").Name);
        Assert.Equal(chosenId, round.Members.Single(m => m.Name == "王建国").IdNumber);
        Assert.Equal(39, await restored.Members.CountAsync());
        if (TestDatabase.TargetProvider == DatabaseProvider.Sqlite)
        {
            // Restored in WAL mode, as EF creates the app's databases, so later backups do not hold up writers.
            await using var conn = new SqliteConnection(target.Settings.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task Restore_IntoDatabaseHoldingData_WithoutForce_ExitTwoAndNothingChanged_WithForceReplaced()
    {
        await SeedAsync(_db, 2);
        var before = await HouseholdNumbersAsync(_db);
        await using var other = await TestDatabase.CreateAsync();
        await SeedAsync(other, 5);
        var file = Path.Combine(_dir, "other.backup");
        var backup = await CliRunner.RunAsync(other, "db", "backup", "--out", file);
        Assert.True(backup.ExitCode == 0, backup.Out + backup.Err);

        var refused = await CliRunner.RunAsync(_db, "db", "restore", "--from", file);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("已有数据（2 户", refused.Err);
        Assert.Contains("--force", refused.Err);
        Assert.Equal(before, await HouseholdNumbersAsync(_db));
        await AssertNoStagingDatabaseAsync();

        var forced = await CliRunner.RunAsync(_db, "db", "restore", "--from", file, "--force");
        Assert.True(forced.ExitCode == 0, forced.Out + forced.Err);
        Assert.Equal(await HouseholdNumbersAsync(other), await HouseholdNumbersAsync(_db));
        await AssertNoStagingDatabaseAsync();
    }

    [Fact]
    public async Task Restore_FileThatIsNoBackupOfThisEngine_ExitTwoWithReason_TargetUntouchedEvenWithForce()
    {
        await SeedAsync(_db, 3);
        var before = await HouseholdNumbersAsync(_db);

        var text = Path.Combine(_dir, "notes.txt");
        await File.WriteAllTextAsync(text, "这不是备份文件\n");
        var sqliteNotFupin = Path.Combine(_dir, "other-app.db");
        await using (var c = new SqliteConnection($"Data Source={sqliteNotFupin};Pooling=False"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x')";
            await cmd.ExecuteNonQueryAsync();
        }
        // Only the first bytes of pg_dump's custom format: recognised as one, unreadable by pg_restore.
        var fakeDump = Path.Combine(_dir, "broken.dump");
        byte[] header = [.. "PGDMP"u8, 1, 14, 0, 4, 8, 1, 1];
        await File.WriteAllBytesAsync(fakeDump, header);

        var expectations = new List<(string File, string Message)> { (text, "不是 Fupin 的数据库备份") };
        if (TestDatabase.TargetProvider == DatabaseProvider.Sqlite)
        {
            expectations.Add((fakeDump, "是 PostgreSQL 备份（pg_dump 格式），而配置的数据库是 SQLite"));
            expectations.Add((sqliteNotFupin, "没有建档立卡户表"));
        }
        else
        {
            expectations.Add((sqliteNotFupin, "是 SQLite 数据库备份，而配置的数据库是 PostgreSQL"));
            expectations.Add((fakeDump, "无法读取"));
        }
        foreach (var (file, message) in expectations)
        {
            var run = await CliRunner.RunAsync(_db, "db", "restore", "--from", file, "--force");
            Assert.True(run.ExitCode == 2, file + ": " + run.Out + run.Err);
            Assert.Contains(message, run.Err);
            Assert.Equal(before, await HouseholdNumbersAsync(_db));
        }
        await AssertNoStagingDatabaseAsync();
    }

    [Fact]
    public async Task Backup_ToPathThatCannotBeWritten_ExitTwo_LeavesNoFile()
    {
        await SeedAsync(_db, 1);
        var aFile = Path.Combine(_dir, "plain.txt");
        await File.WriteAllTextAsync(aFile, "x");
        var aFolder = Directory.CreateDirectory(Path.Combine(_dir, "folder")).FullName;
        var before = Directory.GetFileSystemEntries(_dir, "*", SearchOption.AllDirectories).Order().ToList();

        foreach (var (path, message) in new[]
        {
            (Path.Combine(_dir, "missing", "b.backup"), "不存在"),
            (Path.Combine(aFile, "b.backup"), "不存在"),
            (aFolder, "是一个文件夹"),
        })
        {
            var run = await CliRunner.RunAsync(_db, "db", "backup", "--out", path);
            Assert.True(run.ExitCode == 2, path + ": " + run.Out + run.Err);
            Assert.Contains(message, run.Err);
        }
        Assert.Equal(before, Directory.GetFileSystemEntries(_dir, "*", SearchOption.AllDirectories).Order().ToList());
    }

    /// <summary>A failed or refused PostgreSQL restore leaves no database of its own behind.</summary>
    static async Task AssertNoStagingDatabaseAsync()
    {
        if (TestDatabase.TargetProvider != DatabaseProvider.Postgres) return;
        await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("FUPIN_TEST_PG"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname LIKE 'fupin_t_%_restore_%'", conn);
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }
}
