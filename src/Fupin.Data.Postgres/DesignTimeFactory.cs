using Fupin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fupin.Data.Postgres;

/// <summary>Builds the context for `dotnet ef migrations add` (see docs/operations.md); no database is contacted.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=fupin_design").Configure(options);
        return new AppDbContext(options.Options, TimeProvider.System);
    }
}
