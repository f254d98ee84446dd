using Equilibre.Domain.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// A bailleur plans a session of its CALEOL (L441-2, domain.md §7.2): its date, in person or remote — a remote session
/// votes within a window that must open before it closes, and decisions outside it are refused (<see cref="RecordDecision"/>) —
/// the members sitting (one "Nom — qualité" per line, the minutes list them) and the place. The bailleur and the
/// members of its CALEOL plan their own sessions; an administrator names the bailleur organisation.
/// </summary>
public sealed class CreateCaleolSession(EquilibreDb db, TimeProvider clock)
{
    public sealed record Request(DateOnly Date, CaleolMode Mode, DateTimeOffset? VoteOpens, DateTimeOffset? VoteCloses, string? Place, string? Members, long? BailleurOrganisationId = null);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        long organisationId;
        if (scope.IsAdministrator && request.BailleurOrganisationId is { } chosen)
        {
            organisationId = chosen;
        }
        else if (scope.Kind == AllocationScopeKind.Bailleur && (scope.ActsAsBailleur || scope.SitsInCaleol) && scope.OrganisationId is { } own)
        {
            organisationId = own;
        }
        else
        {
            return AllocationResult.Forbidden("seul un bailleur ou un membre de sa CALEOL peut programmer une séance de CALEOL");
        }

        var errors = new List<FieldError>();
        var members = (request.Members ?? "").Replace("\r", "", StringComparison.Ordinal).Trim();
        if (members.Length == 0)
        {
            errors.Add(new("membres", "membres : indiquez au moins un membre de la commission, un par ligne (« Nom — qualité »)"));
        }
        else if (members.Length > 4000)
        {
            errors.Add(new("membres", "membres : 4 000 caractères au plus"));
        }

        if (request.Place is { Length: > 300 })
        {
            errors.Add(new("lieu", "lieu : 300 caractères au plus"));
        }

        if (request.Mode == CaleolMode.Distance)
        {
            if (request.VoteOpens is not { } opens || request.VoteCloses is not { } closes)
            {
                errors.Add(new("vote", "séance à distance : l'ouverture et la clôture du vote sont obligatoires (L441-2, vote électronique dans une fenêtre fixée)"));
            }
            else if (opens >= closes)
            {
                errors.Add(new("vote", "séance à distance : l'ouverture du vote doit précéder sa clôture"));
            }
        }
        else if (request.VoteOpens is not null || request.VoteCloses is not null)
        {
            errors.Add(new("vote", "séance en présentiel : pas de fenêtre de vote (réservée aux séances à distance)"));
        }

        var bailleur = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => new { o.Name, o.Kind }).FirstOrDefaultAsync(ct);
        if (bailleur is null || bailleur.Kind != Domain.Organisations.OrganisationKind.Bailleur)
        {
            errors.Add(new("bailleur", "bailleur : l'organisation indiquée n'est pas un bailleur"));
        }

        if (errors.Count > 0)
        {
            return AllocationResult.Invalid(errors, "séance non créée : " + string.Join(" ; ", errors.Select(e => e.Message)));
        }

        var now = clock.GetUtcNow();
        var session = new CaleolSession
        {
            BailleurOrganisationId = organisationId,
            Date = request.Date,
            Mode = request.Mode,
            VoteOpens = request.Mode == CaleolMode.Distance ? request.VoteOpens : null,
            VoteCloses = request.Mode == CaleolMode.Distance ? request.VoteCloses : null,
            Place = string.IsNullOrWhiteSpace(request.Place) ? null : request.Place.Trim(),
            Members = members,
            Status = CaleolSessionStatus.Planned,
            Revision = 1,
            UpdatedAt = now,
            UpdatedBy = user.DisplayName,
        };
        db.CaleolSessions.Add(session);
        await db.SaveChangesAsync(ct);
        var what = Domain.French.Format($"séance de CALEOL du {session.Date:dd/MM/yyyy} programmée ({CaleolAgenda.Describe(session)}) pour {bailleur!.Name}");
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Session, session.Id, null, what, session.Members, user, now));
        await db.SaveChangesAsync(ct);
        return AllocationResult.Done(session.Id, what);
    }
}
