using Equilibre.Domain;
using Equilibre.Domain.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Cotation;

/// <summary>
/// Starts a new draft version of a territory's grid: empty, from one of the sample grids (labelled « exemple »), or as a
/// copy of an existing version (the usual way to change a published grid, which never changes itself).
/// </summary>
public sealed class CreateCotationDraft(EquilibreDb db, TimeProvider clock)
{
    /// <summary>Where the draft starts from: <c>vide</c>, <c>exemple:cumulative|rubrique|automatique</c>, or <c>version:{id}</c>.</summary>
    public sealed record Request(string Territory, GridScope Scope, string From);

    public static readonly IReadOnlyDictionary<string, string> Samples = new Dictionary<string, string>
    {
        ["exemple:cumulative"] = "Exemple — grille cumulative (type Rhône)",
        ["exemple:rubrique"] = "Exemple — critère le plus élevé par rubrique (type Paris)",
        ["exemple:automatique"] = "Exemple — critères automatiques et sur justificatif (type Dunkerque)",
    };

    public async Task<GridResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CotationAccess.CanEdit(user, request.Territory))
        {
            return new GridResult(GridOutcome.Forbidden, "seul l'EPCI (chargé·e de mission) ou un administrateur rédige la grille de cotation de son territoire");
        }

        if (!await db.Epcis.AnyAsync(e => e.Siren == request.Territory, ct))
        {
            return new GridResult(GridOutcome.NotFound, $"EPCI {request.Territory} inconnu");
        }

        var today = FrenchTime.Today(clock);
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        CotationGrid? grid = request.From switch
        {
            "vide" or "" => new CotationGrid(request.Territory, 0, "Nouvelle grille", request.Scope, start, null, [], null, null, null, null, false),
            "exemple:cumulative" => SampleGrids.Cumulative(request.Territory, start),
            "exemple:rubrique" => SampleGrids.HighestPerRubric(request.Territory, start),
            "exemple:automatique" => SampleGrids.AutomaticAndJustified(request.Territory, start),
            _ when request.From.StartsWith("version:", StringComparison.Ordinal) && long.TryParse(request.From[8..], out var id) =>
                (await db.CotationGrids.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id && g.Territory == request.Territory, ct))?.ToDomain() is { } copy
                    ? copy with { ValidFrom = copy.ValidFrom > start ? copy.ValidFrom : start, ValidTo = null, Label = copy.Label }
                    : null,
            _ => null,
        };
        if (grid is null)
        {
            return new GridResult(GridOutcome.Invalid, $"point de départ « {request.From} » inconnu : vide, un exemple ou une version existante du territoire");
        }

        var version = (await db.CotationGrids.Where(g => g.Territory == request.Territory && g.Scope == request.Scope).MaxAsync(g => (int?)g.Version, ct) ?? 0) + 1;
        var record = new CotationGridRecord { Territory = request.Territory, Label = "", Content = "", UpdatedBy = user.DisplayName, UpdatedAt = clock.GetUtcNow(), Revision = 1 };
        CotationGridJson.Apply(record, grid with { Version = version, Scope = request.Scope, PublishedOn = null });
        db.CotationGrids.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new GridResult(GridOutcome.Conflict, French.Format($"la version {version} vient d'être créée par quelqu'un d'autre : rechargez la liste des grilles"));
        }

        return new GridResult(GridOutcome.Done, French.Format($"brouillon de la version {version} créé"), record.Id);
    }
}

/// <summary>
/// Saves a draft's content (header, rubrics, criteria, seniority, refusal penalty, cap): refused when the grid is
/// published (<see cref="CotationGrids.Edit"/>), invalid (every problem listed), or changed by someone else since it
/// was opened (optimistic concurrency on <see cref="CotationGridRecord.Revision"/>).
/// </summary>
public sealed class SaveCotationDraft(EquilibreDb db, TimeProvider clock)
{
    public sealed record Request(long Id, int ExpectedRevision, CotationGrid Grid);

    public async Task<GridResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (record, refusal) = await CotationDrafts.LoadAsync(db, request.Id, request.ExpectedRevision, user, ct);
        if (record is null)
        {
            return refusal!;
        }

        var decision = CotationGrids.Edit(record.ToDomain(), request.Grid with { Territory = record.Territory, Scope = record.Scope, IsExample = request.Grid.IsExample && record.IsExample });
        if (!decision.Allowed)
        {
            return new GridResult(GridOutcome.Invalid, decision.Explanation, record.Id);
        }

        CotationGridJson.Apply(record, decision.Grid!);
        return await CotationDrafts.SaveAsync(db, record, user, clock, "brouillon enregistré", ct);
    }
}

/// <summary>Loads a grid for a change (editor rights, expected revision) and saves it with a conflict check.</summary>
internal static class CotationDrafts
{
    public static async Task<(CotationGridRecord? Record, GridResult? Refusal)> LoadAsync(EquilibreDb db, long id, int expectedRevision, CurrentUser user, CancellationToken ct)
    {
        var record = await db.CotationGrids.FirstOrDefaultAsync(g => g.Id == id, ct);
        if (record is null || !CotationAccess.CanRead(user, record))
        {
            return (null, new GridResult(GridOutcome.NotFound, "grille introuvable"));
        }

        if (!CotationAccess.CanEdit(user, record.Territory))
        {
            return (null, new GridResult(GridOutcome.Forbidden, "seul l'EPCI (chargé·e de mission) ou un administrateur modifie la grille de son territoire"));
        }

        return record.Revision != expectedRevision
            ? (null, new GridResult(GridOutcome.Conflict, $"la grille a été modifiée par {record.UpdatedBy} depuis l'ouverture du formulaire (révision {record.Revision}) : rechargez-la, vos changements n'ont pas été enregistrés", id))
            : (record, null);
    }

    public static async Task<GridResult> SaveAsync(EquilibreDb db, CotationGridRecord record, CurrentUser user, TimeProvider clock, string message, CancellationToken ct)
    {
        record.Revision++;
        record.UpdatedAt = clock.GetUtcNow();
        record.UpdatedBy = user.DisplayName;
        try
        {
            await db.SaveChangesAsync(ct);
            return new GridResult(GridOutcome.Done, message, record.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new GridResult(GridOutcome.Conflict, "la grille a été modifiée par quelqu'un d'autre au même moment : rechargez-la, vos changements n'ont pas été enregistrés", record.Id);
        }
    }
}
