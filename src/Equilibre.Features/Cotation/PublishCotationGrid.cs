using Equilibre.Domain;
using Equilibre.Domain.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;

namespace Equilibre.Features.Cotation;

/// <summary>
/// Publishes a draft: from then on immutable (<see cref="CotationGrids.Publish"/>), public, and in force from its start
/// date, which cannot precede the publication. When it is in force today, the territory's demands are re-scored at once.
/// </summary>
public sealed class PublishCotationGrid(EquilibreDb db, TimeProvider clock, ScoreDemands scoring)
{
    public sealed record Request(long Id, int ExpectedRevision);

    public async Task<GridResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (record, refusal) = await CotationDrafts.LoadAsync(db, request.Id, request.ExpectedRevision, user, ct);
        if (record is null)
        {
            return refusal!;
        }

        var today = FrenchTime.Today(clock);
        if (record.PublishedOn is null && record.ValidFrom < today)
        {
            return new GridResult(GridOutcome.Invalid, French.Format(
                $"l'entrée en vigueur ({record.ValidFrom:dd/MM/yyyy}) ne peut pas précéder la publication ({today:dd/MM/yyyy}) : une grille ne s'applique pas rétroactivement"), record.Id);
        }

        var decision = CotationGrids.Publish(record.ToDomain(), today);
        if (!decision.Allowed)
        {
            return new GridResult(GridOutcome.Invalid, decision.Explanation, record.Id);
        }

        CotationGridJson.Apply(record, decision.Grid!);
        var saved = await CotationDrafts.SaveAsync(db, record, user, clock, decision.Explanation, ct);
        if (!saved.Succeeded || record.ValidFrom > today)
        {
            return saved;
        }

        var scored = await scoring.RunAsync(record.Territory, ct);
        return saved with { Message = saved.Message + " ; " + scored.Summary };
    }
}
