using Equilibre.Domain.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Applications;

public enum DemandOutcome
{
    Done,
    NotFound,
    Forbidden,
    Invalid,

    /// <summary>Someone else changed the demand since the form was opened.</summary>
    Conflict,
}

/// <summary>What a change to a demand did: its number, or the field errors and the reason of a refusal, in French.</summary>
public sealed record DemandResult(DemandOutcome Outcome, string? Numero, IReadOnlyList<FieldError> Errors, string Message)
{
    public static DemandResult Done(string numero, string message) => new(DemandOutcome.Done, numero, [], message);

    public static DemandResult NotFound(string? numero) => new(DemandOutcome.NotFound, numero, [], $"aucune demande n° « {numero} » dans votre territoire");

    public static DemandResult Forbidden(string message) => new(DemandOutcome.Forbidden, null, [], message);

    public static DemandResult Invalid(IReadOnlyList<FieldError> errors, string message) => new(DemandOutcome.Invalid, null, errors, message);

    public static DemandResult Refused(string numero, string field, string message) => new(DemandOutcome.Invalid, numero, [new(field, message)], message);

    public static DemandResult Conflict(string numero, int current) =>
        new(DemandOutcome.Conflict, numero, [], $"la demande a été modifiée par quelqu'un d'autre depuis l'ouverture du formulaire (version {current}) : rechargez-la, vos changements n'ont pas été enregistrés");
}

/// <summary>Loads a demand for a change: visible to the user, who must be allowed to write, at the expected version.</summary>
internal static class DemandChange
{
    public static async Task<(Demand? Demand, DemandResult? Refusal)> LoadAsync(EquilibreDb db, string numero, int? expectedVersion, CurrentUser user, CancellationToken ct)
    {
        var demand = await db.Demands.Visible(user).Include(d => d.Wishes).FirstOrDefaultAsync(d => d.Numero == numero, ct);
        if (demand is null)
        {
            return (null, DemandResult.NotFound(numero));
        }

        if (!DemandAccess.CanWrite(user))
        {
            return (null, DemandResult.Forbidden("seul un guichet enregistreur peut modifier, renouveler ou radier une demande"));
        }

        return expectedVersion is { } v && v != demand.Version ? (null, DemandResult.Conflict(numero, demand.Version)) : (demand, null);
    }

    /// <summary>Saves the change with the demand's stored score brought up to date; a concurrent save of the same demand makes this one fail as a conflict, never lost.</summary>
    public static async Task<DemandResult?> SaveAsync(EquilibreDb db, Demand demand, DateTimeOffset now, CotationSettings cotation, CancellationToken ct)
    {
        await DemandScoring.StageAsync(db, demand, cotation, DateOnly.FromDateTime(FrenchTime.InFrance(now).DateTime), ct);
        demand.Version++;
        demand.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Demands.Where(d => d.Id == demand.Id).Select(d => d.Version).FirstAsync(ct);
            return DemandResult.Conflict(demand.Numero, current);
        }
    }
}
