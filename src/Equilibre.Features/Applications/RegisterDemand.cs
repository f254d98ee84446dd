using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Applications;

/// <summary>
/// A guichet registers a new demand (domain.md §2.3): the content is validated field by field, a numéro unique is
/// generated (unique, retried if two registrations race for the same sequence), the facts are computed, the history
/// starts with the registration. Validity one year; seniority from today.
/// </summary>
public sealed class RegisterDemand(EquilibreDb db, TimeProvider clock, DemandSettings settings, CotationSettings cotation)
{
    public sealed record Request(DemandFile File, string? Comment);

    public async Task<DemandResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        if (!DemandAccess.CanWrite(user) || user.OrganisationId is not { } organisation)
        {
            return DemandResult.Forbidden("seul un guichet enregistreur peut enregistrer une demande");
        }

        var today = FrenchTime.Today(clock);
        var reference = await DemandReference.LoadForAsync(db, request.File, ct);
        var errors = reference.Check(request.File, today);
        if (errors.Count > 0)
        {
            return DemandResult.Invalid(errors, $"{errors.Count} erreur(s) : la demande n'est pas enregistrée");
        }

        var facts = reference.Facts(request.File, today, settings.Household);
        var first = reference.Commune(request.File.Wishes.Communes[0])!;
        var guichet = NumeroUnique.GuichetCode(organisation);
        var prefix = NumeroUnique.Prefix(first.DepartementCode, today);
        for (var attempt = 0; ; attempt++)
        {
            var last = await db.Demands.Where(d => d.Numero.StartsWith(prefix)).MaxAsync(d => (string?)d.Numero.Substring(7, 6), ct);
            var sequence = (last is null ? 0 : int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)) + 1 + attempt;
            var numero = NumeroUnique.Generate(first.DepartementCode, today, sequence, guichet);
            var demand = Demand.New(numero, organisation, guichet, clock.GetUtcNow());
            DemandStore.Apply(demand, DemandState.Registered(today));
            DemandStore.Apply(demand, request.File, facts, reference, today);
            db.Demands.Add(demand);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
                continue;
            }

            var summary = French.Format($"enregistrement de la demande n° {numero}, valable jusqu'au {demand.ExpiresOn.AddDays(-1):dd/MM/yyyy}");
            db.DemandEvents.Add(DemandAccess.Event(demand.Id, DemandEventKind.Registered, summary, request.Comment, user, clock.GetUtcNow()));
            foreach (var p in request.File.Priorities)
            {
                db.DemandEvents.Add(DemandAccess.Event(demand.Id, DemandEventKind.PriorityLabelled, DemandHistoryText.Priority(p, settings.Letters), null, user, clock.GetUtcNow()));
            }

            await DemandScoring.StageAsync(db, demand, cotation, today, ct);
            await db.SaveChangesAsync(ct);
            return DemandResult.Done(numero, summary);
        }
    }
}
