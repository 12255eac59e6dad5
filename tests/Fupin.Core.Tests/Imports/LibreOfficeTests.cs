using System.ComponentModel;
using System.Diagnostics;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Testing;

namespace Fupin.Tests.Imports;

/// <summary>
/// A real spreadsheet program reads Fupin's export and writes a file Fupin imports: LibreOffice
/// (Debian package libreoffice-calc-nogui, installed by ./test.sh) converts headless both ways.
/// </summary>
public class LibreOfficeTests : IAsyncLifetime
{
    const string CsvUtf8 = "44,34,76,1"; // comma, double quote, UTF-8, from line 1
    TestDatabase _db = null!;
    string _dir = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _dir = Directory.CreateTempSubdirectory("fupin-lo-").FullName;
        await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Members.Add(RegistryBuilder.Member(h, m => { m.Relation = "之女"; m.Education = null; m.StudentStatus = "小学"; }));
            h.Phone = "13800002222";
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2017, HouseholdSize = 2, Wage = 1_234_567, DibaoAllowance = 300_001, ProductionCost = 50_000 });
        });
        await RegistryBuilder.AddHouseholdAsync(_db, h => (h.Status, h.ExitYear) = (PovertyStatus.ExitedWithPolicy, 2017));
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("xlsx", "xlsx:Calc MS Excel 2007 XML")]
    [InlineData("xlsx", "csv:Text - txt - csv (StarCalc):" + CsvUtf8)]
    [InlineData("csv", "xlsx:Calc MS Excel 2007 XML")]
    public async Task FupinExport_OpenedAndResavedByLibreOffice_ImportsBackWithZeroChanges(string exportFormat, string convertTo)
    {
        var exported = Path.Combine(_dir, "fupin." + exportFormat);
        await using (var ctx = _db.NewContext())
            await new ExportRegistryFile(ctx).HandleAsync(new ExportRegistryRequest(RegistryBuilder.County, exported, Layout.National), null, default);

        var args = new List<string>();
        if (exportFormat == "csv")
        {
            // As a clerk opening a CSV does: every column imported as text (format 2), or the
            // spreadsheet turns 18-digit ID numbers into floating-point numbers and loses digits.
            var columns = File.ReadLines(exported).First().Split(',').Length;
            args.Add($"--infilter=CSV:{CsvUtf8},{string.Join('/', Enumerable.Range(1, columns).Select(i => $"{i}/2"))}");
        }
        args.AddRange(["--convert-to", convertTo, "--outdir", Path.Combine(_dir, "lo"), exported]);
        Soffice(args);
        var resaved = Directory.GetFiles(Path.Combine(_dir, "lo")).Single();

        await using var import = _db.NewContext();
        var report = await new ImportHouseholds(import, _db.Clock).HandleAsync(new ImportHouseholdsRequest(resaved, DryRun: true), null, default);
        Assert.True(report.Errors == 0, string.Join("\n", report.Problems.Select(p => $"{p.Row} {p.Column} {p.Rule} {p.Message}")));
        Assert.Equal((0, 0, 2), (report.Added, report.Changed, report.Unchanged));
    }

    void Soffice(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        psi.ArgumentList.Add("-env:UserInstallation=file://" + Path.Combine(_dir, "lo-profile"));
        psi.ArgumentList.Add("--headless");
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("LibreOffice (soffice) not found: apt-get install libreoffice-calc-nogui, or run ./test.sh which installs it", e);
        }
        using (p)
        {
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("soffice did not finish in 120 s");
            }
            Assert.True(p.ExitCode == 0, $"soffice exit {p.ExitCode}: {output.Result} {error.Result}");
        }
    }
}
