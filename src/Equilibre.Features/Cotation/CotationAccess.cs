using Equilibre.Domain.Organisations;
using Equilibre.Features.Organisations;

namespace Equilibre.Features.Cotation;

/// <summary>What happened to a grid command.</summary>
public enum GridOutcome
{
    Done,
    Invalid,
    Conflict,
    Forbidden,
    NotFound,
}

/// <summary>The outcome of a grid command, with its French message and the grid concerned.</summary>
public sealed record GridResult(GridOutcome Outcome, string Message, long? GridId = null)
{
    public bool Succeeded => Outcome == GridOutcome.Done;
}

/// <summary>
/// Who writes a territory's grid: the EPCI's chargé·e de mission (the EPCI adopts the cotation in its PPGD, domain.md
/// §8.1) and administrators. Everyone reads a published grid (PPGD publication duty); drafts stay with their authors.
/// </summary>
public static class CotationAccess
{
    public static bool CanEdit(CurrentUser user, string territory)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsAdministrator || (user.Roles.Contains(Roles.ChargeMissionEpci) && user.Scope.EpciSiren == territory);
    }

    public static bool CanRead(CurrentUser? user, CotationGridRecord grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return grid.PublishedOn is not null || (user is not null && CanEdit(user, grid.Territory));
    }
}
