using System.Globalization;
using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Domain.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// Creates or updates a reservation convention (R441-5, domain.md §9, §17.2). Every field error names the field in French:
/// a rate or a volume, not both; a rate between 0 and 100 %; a designation delay of at least one day; the perimeter's
/// communes in the département; typology commitments as "pièces:logements" pairs; one convention per bailleur ×
/// réservataire × département over a period (R441-5). The préfet's convention is checked with <see cref="PrefectShare.Check"/>
/// against the bailleur's flux base of the first year: over 30 % of the flux (or 5 % for State agents) is refused with
/// the explanation (R441-5-2). Only the bailleur (its own bailleurs) or an administrator writes; an update carries the
/// revision read, and a stale one is a conflict saying who changed it and when.
/// </summary>
public sealed class SaveConvention(EquilibreDb db, TimeProvider clock, AllocationSettings settings)
{
    public sealed record Request(
        long? Id,
        int? ExpectedRevision,
        long BailleurId,
        long ReservataireOrganisationId,
        ReservataireKind Kind,
        string? DepartementCode,
        string? Communes,
        decimal? RatePercent,
        int? Volume,
        decimal? StateAgentsRatePercent,
        string? Typologies,
        string? GeographyCommitment,
        int DesignationDelayDays,
        int Redesignations,
        bool ReturnedCountsAsDelivered,
        DateOnly ValidFrom,
        DateOnly? ValidTo,
        string? Reference,
        int CarriedOver);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        ReservationConventionRecord? record = null;
        if (request.Id is { } id)
        {
            record = await db.ReservationConventions.Visible(scope).FirstOrDefaultAsync(c => c.Id == id, ct);
            if (record is null)
            {
                return AllocationResult.NotFound("Convention");
            }

            if (!ListConventions.CanWrite(scope, record.BailleurId))
            {
                return AllocationResult.Forbidden("seul le bailleur signataire ou un administrateur modifie une convention de réservation ; le réservataire la consulte");
            }

            if (request.ExpectedRevision != record.Revision)
            {
                return AllocationResult.Conflict(French.Format($"la convention {record.Reference} a été modifiée par {record.UpdatedBy} le {FrenchTime.InFrance(record.UpdatedAt):dd/MM/yyyy à HH:mm} (version {record.Revision})"));
            }
        }

        if (!ListConventions.CanWrite(scope, request.BailleurId))
        {
            return AllocationResult.Forbidden("seul le bailleur (pour ses propres organismes) ou un administrateur enregistre une convention de réservation");
        }

        var errors = new List<FieldError>();
        var departement = request.DepartementCode?.Trim() ?? "";
        var bailleur = await db.Bailleurs.AsNoTracking().Where(b => b.Id == request.BailleurId).Select(b => new { b.Name }).FirstOrDefaultAsync(ct);
        if (bailleur is null)
        {
            errors.Add(new("Bailleur", "Bailleur : organisme inconnu"));
        }

        var reservataire = await db.Organisations.AsNoTracking().Where(o => o.Id == request.ReservataireOrganisationId).Select(o => new { o.Name }).FirstOrDefaultAsync(ct);
        if (reservataire is null)
        {
            errors.Add(new("Reservataire", "Réservataire : organisation inconnue"));
        }

        if (request.Kind == ReservataireKind.Bailleur)
        {
            errors.Add(new("Type", "Type de réservataire : la part non réservée du bailleur n'est pas une convention (elle résulte des autres)"));
        }

        if (!await db.Communes.AnyAsync(c => c.DepartementCode == departement, ct))
        {
            errors.Add(new("Departement", $"Département « {departement} » : code inconnu du référentiel territorial"));
        }

        var communes = (request.Communes ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
        if (communes.Count > 0)
        {
            var known = await db.Communes.AsNoTracking().Where(c => communes.Contains(c.Code) && c.DepartementCode == departement && c.ValidTo == null)
                .Select(c => c.Code).ToListAsync(ct);
            var unknown = communes.Except(known, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                errors.Add(new("Communes", $"Périmètre : commune(s) {string.Join(", ", unknown)} absente(s) du département {departement} (code INSEE en vigueur attendu)"));
            }
        }

        if (request.RatePercent is null == request.Volume is null)
        {
            errors.Add(new("Taux", "Taux ou volume : indiquez soit un pourcentage du flux annuel, soit un nombre de logements par an (l'un des deux, pas les deux)"));
        }
        else if (request.RatePercent is { } rate && (rate < 0m || rate > 100m))
        {
            errors.Add(new("Taux", French.Format($"Taux : {rate:0.##} % hors de l'intervalle 0 à 100 %")));
        }
        else if (request.Volume is < 0)
        {
            errors.Add(new("Volume", "Volume : nombre de logements positif ou nul attendu"));
        }

        if (request.StateAgentsRatePercent is { } agents && request.Kind != ReservataireKind.Prefet)
        {
            errors.Add(new("AgentsEtat", "Part des agents de l'État : réservée à la convention du préfet"));
        }
        else if (request.StateAgentsRatePercent is < 0m)
        {
            errors.Add(new("AgentsEtat", "Part des agents de l'État : pourcentage positif attendu"));
        }

        if (request.DesignationDelayDays < 1)
        {
            errors.Add(new("Delai", French.Format($"Délai de désignation : {request.DesignationDelayDays} jour(s) ; au moins 1 jour attendu")));
        }

        if (request.Redesignations < 0)
        {
            errors.Add(new("Redesignations", "Nouvelles désignations après échec : nombre positif ou nul attendu"));
        }

        var typologies = (request.Typologies ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var badPairs = typologies.Where(p => !ValidPair(p)).ToList();
        if (badPairs.Count > 0)
        {
            errors.Add(new("Typologies", $"Engagements de typologie : « {string.Join("; ", badPairs)} » mal formé(s) ; paires « pièces:logements » séparées par « ; » attendues (ex. 1:2;3:4, pièces de 1 à 9)"));
        }
        else if (typologies.Select(p => p.Split(':')[0].Trim()).GroupBy(r => r).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add(new("Typologies", $"Engagements de typologie : T{twice.Key} indiqué deux fois"));
        }

        if (request.ValidTo is { } to && to < request.ValidFrom)
        {
            errors.Add(new("Fin", French.Format($"Fin de validité : le {to:dd/MM/yyyy} précède le début ({request.ValidFrom:dd/MM/yyyy})")));
        }

        if (string.IsNullOrWhiteSpace(request.Reference))
        {
            errors.Add(new("Reference", "Référence : numéro et date de la convention signée attendus"));
        }

        if (errors.Count == 0)
        {
            var last = request.ValidTo ?? DateOnly.MaxValue;
            var other = request.Id;
            var overlapping = await db.ReservationConventions.AsNoTracking()
                .Where(c => c.Id != other && c.BailleurId == request.BailleurId && c.ReservataireOrganisationId == request.ReservataireOrganisationId
                    && c.DepartementCode == departement && c.ValidFrom <= last && (c.ValidTo == null || c.ValidTo >= request.ValidFrom))
                .Select(c => c.Reference).FirstOrDefaultAsync(ct);
            if (overlapping is not null)
            {
                errors.Add(new("Reservataire", $"Réservataire : une convention ({overlapping}) lie déjà ce bailleur et ce réservataire dans le département {departement} sur la période ; une seule convention par bailleur et par réservataire à l'échelle du département (R441-5)"));
            }
        }

        if (errors.Count > 0)
        {
            return AllocationResult.Invalid(errors, $"{errors.Count} erreur(s) : la convention n'a pas été enregistrée");
        }

        var now = clock.GetUtcNow();
        var creating = record is null;
        record ??= new ReservationConventionRecord { DepartementCode = departement, Reference = "", UpdatedBy = user.DisplayName };
        record.BailleurId = request.BailleurId;
        record.ReservataireOrganisationId = request.ReservataireOrganisationId;
        record.Kind = request.Kind;
        record.DepartementCode = departement;
        record.Communes = communes.Count == 0 ? null : string.Join(',', communes);
        record.RatePercent = request.RatePercent;
        record.Volume = request.Volume;
        record.StateAgentsRatePercent = request.StateAgentsRatePercent;
        record.Typologies = AllocationMapping.FormatTypologies(AllocationMapping.ParseTypologies(string.Join(';', typologies.Select(p => string.Join(':', p.Split(':', StringSplitOptions.TrimEntries))))));
        record.GeographyCommitment = string.IsNullOrWhiteSpace(request.GeographyCommitment) ? null : request.GeographyCommitment.Trim();
        record.DesignationDelayDays = request.DesignationDelayDays;
        record.Redesignations = request.Redesignations;
        record.ReturnedCountsAsDelivered = request.ReturnedCountsAsDelivered;
        record.ValidFrom = request.ValidFrom;
        record.ValidTo = request.ValidTo;
        record.Reference = request.Reference!.Trim();
        record.CarriedOver = request.CarriedOver;
        record.UpdatedAt = now;
        record.UpdatedBy = user.DisplayName;

        var warnings = new List<string>();
        if (request.Kind == ReservataireKind.Prefet)
        {
            var domain = record.ToDomain(reservataire!.Name, bailleur!.Name);
            var flux = await FluxFigures.BaseAsync(db, record.BailleurId, new FluxPerimeter(departement, null), request.ValidFrom.Year, settings.Exclusions, ct);
            var check = PrefectShare.Check(domain, flux, settings.PrefectShare);
            if (!check.WithinLimits)
            {
                if (!creating)
                {
                    db.Entry(record).State = EntityState.Unchanged;
                }

                return AllocationResult.Refused(request.RatePercent is null ? "Volume" : "Taux",
                    $"Part du préfet refusée : {string.Join(" ; ", check.Problems)} — {string.Join(" ; ", check.Explanation)}");
            }

            warnings.Add(string.Join(" ; ", check.Explanation));
        }

        if (creating)
        {
            db.ReservationConventions.Add(record);
        }
        else
        {
            record.Revision++;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.ReservationConventions.AsNoTracking().Where(c => c.Id == record.Id)
                .Select(c => new { c.UpdatedBy, c.UpdatedAt, c.Revision }).FirstOrDefaultAsync(ct);
            return AllocationResult.Conflict(current is null
                ? "la convention a été supprimée entre-temps"
                : French.Format($"la convention a été modifiée par {current.UpdatedBy} le {FrenchTime.InFrance(current.UpdatedAt):dd/MM/yyyy à HH:mm} (version {current.Revision})"));
        }

        var summary = (creating ? "convention enregistrée : " : "convention modifiée : ")
            + $"{bailleur!.Name} → {reservataire!.Name}, {record.ToDomain(reservataire.Name, bailleur.Name).Share.Describe()} ({record.Reference})";
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Convention, record.Id, null, summary, warnings.Count > 0 ? warnings[0] : null, user, now));
        await db.SaveChangesAsync(ct);
        return AllocationResult.Done(record.Id, summary, warnings);
    }

    private static bool ValidPair(string pair)
    {
        var parts = pair.Split(':', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rooms) && rooms is >= 1 and <= 9
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var dwellings) && dwellings >= 1;
    }
}
