using System.Security.Claims;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Web;

/// <summary>Builds the <see cref="CurrentUser"/> that scoped handlers take, once per request.</summary>
public sealed class CurrentUserAccessor(IHttpContextAccessor http, EquilibreDb db)
{
    private CurrentUser? _cached;

    public async Task<CurrentUser?> GetAsync(CancellationToken ct = default)
    {
        if (_cached is not null)
        {
            return _cached;
        }

        var principal = http.HttpContext?.User;
        if (principal?.Identity?.IsAuthenticated != true
            || !long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var row = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.DisplayName, u.OrganisationId, Organisation = u.Organisation })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var scope = row.Organisation?.Scope ?? TerritoryScope.Nationwide;
        if (row.Organisation is null && !roles.Contains(Roles.Administrateur))
        {
            // An applicant has no organisation: no territory of partners to see.
            scope = new TerritoryScope("-", "-", "-", "-");
        }

        _cached = new CurrentUser(id, row.DisplayName, row.OrganisationId, row.Organisation?.Name, scope, roles);
        return _cached;
    }
}
