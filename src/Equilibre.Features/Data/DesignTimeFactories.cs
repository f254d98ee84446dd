using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Equilibre.Features.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteEquilibreDb>
{
    public SqliteEquilibreDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteEquilibreDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresEquilibreDb>
{
    public PostgresEquilibreDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresEquilibreDb>().UseNpgsql("Host=localhost;Database=equilibre_design").Options);
}
