using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Organisations;

/// <summary>User accounts with their organisation and roles (administration; administrators only).</summary>
public sealed class ListUsers(EquilibreDb db)
{
    public sealed record Item(long Id, string Email, string DisplayName, string? Organisation, IReadOnlyList<string> Roles, bool IsDemo, bool LockedOut);

    public async Task<IReadOnlyList<Item>> HandleAsync(CurrentUser user, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsAdministrator)
        {
            return [];
        }

        var rows = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.Email, u.DisplayName, Organisation = u.Organisation != null ? u.Organisation.Name : null, u.IsDemo, u.LockoutEnd })
            .ToListAsync(ct);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        var collation = StringComparer.Create(Domain.French.Culture, ignoreCase: true);
        return [.. rows.Select(u => new Item(u.Id, u.Email ?? "", u.DisplayName, u.Organisation, [.. byUser[u.Id].Order(StringComparer.Ordinal)], u.IsDemo, u.LockoutEnd > now))
            .OrderBy(u => u.Organisation ?? "", collation).ThenBy(u => u.DisplayName, collation)];
    }
}
