using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The live flux ledger of a year (domain.md §9): one line per convention the user sees, valid during the year — the
/// bailleur's flux base in the convention's perimeter (<see cref="FluxBase.Compute"/>: vacancies declared that year minus
/// those withdrawn from the flux, by reason), then <see cref="FluxLedger.Compute"/>: due, oriented, returned, delivered,
/// attributed (leases signed on the dwellings oriented to it), carried over, balance and deficit, with the Domain's
/// explanation; the typology commitments against the dwellings of that size oriented; and for the préfet the share check
/// of R441-5-2 (<see cref="PrefectShare.Check"/>, and the part outside QPV). No figure is computed here.
/// </summary>
public sealed class GetFluxLedger(EquilibreDb db, AllocationSettings settings)
{
    public sealed record Request(int Year, long? BailleurId = null);

    public sealed record TypologyProgress(int Rooms, int Committed, int Oriented);

    public sealed record Line(
        long ConventionId, string BailleurName, string ReservataireName, ReservataireKind Kind, string Reference, string Share, string Perimeter,
        FluxBase Base, FluxLedgerLine Ledger, IReadOnlyList<TypologyProgress> Typologies, string? GeographyCommitment);

    public sealed record PrefectCheck(long ConventionId, string BailleurName, string ReservataireName, PrefectShareResult Share, bool? OutsideQpvMet, string OutsideQpv);

    public sealed record Result(int Year, IReadOnlyList<Line> Lines, IReadOnlyList<PrefectCheck> Prefect, AllocationScope Scope, IReadOnlyList<string> Notes);

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var query = db.ReservationConventions.Visible(scope).OfYear(request.Year);
        if (request.BailleurId is { } bailleur)
        {
            query = query.Where(c => c.BailleurId == bailleur);
        }

        var conventions = await FluxFigures.NamedAsync(db, query, ct);
        var lines = new List<Line>();
        var prefect = new List<PrefectCheck>();
        foreach (var c in conventions)
        {
            var (ledger, flux) = await FluxFigures.LedgerAsync(db, c, request.Year, settings, ct);
            var typologies = (await FluxFigures.TypologiesAsync(db, c, request.Year, ct))
                .Select(t => new TypologyProgress(t.Commitment.Rooms, t.Commitment.Dwellings, t.Oriented)).ToList();
            lines.Add(new Line(c.Record.Id, c.BailleurName, c.ReservataireName, c.Record.Kind, c.Record.Reference, c.Domain.Share.Describe(),
                c.Domain.Perimeter.Describe(), flux, ledger, typologies, c.Record.GeographyCommitment));
            if (c.Record.Kind == ReservataireKind.Prefet)
            {
                var share = PrefectShare.Check(c.Domain, flux, settings.PrefectShare);
                var id = c.Record.Id;
                var year = request.Year;
                var outside = await db.Vacancies.AsNoTracking().CountAsync(v => v.ConventionId == id && v.FluxYear == year && v.OrientedOn != null && v.InQpv == false, ct);
                var (met, why) = PrefectShare.CheckOutsideQpv(ledger.Oriented, outside, settings.PrefectShare);
                prefect.Add(new PrefectCheck(c.Record.Id, c.BailleurName, c.ReservataireName, share, met, why));
            }
        }

        var notes = new List<string>
        {
            settings.Ledger.Source,
            French.Format($"flux de l'année {request.Year} : vacances déclarées par le bailleur cette année-là dans le périmètre de la convention, hors logements retirés de la location"),
        };
        return new Result(request.Year, lines, prefect, scope, notes);
    }
}
