namespace Equilibre.Domain.Allocation;

/// <summary>A vacancy as the orientation rule sees it.</summary>
/// <param name="Bailleur">Bailleur owning the dwelling (as named in its conventions).</param>
/// <param name="Departement">Département code of the dwelling.</param>
/// <param name="Commune">INSEE code of the commune.</param>
/// <param name="Rooms">Number of rooms (typology).</param>
/// <param name="DeclaredOn">Date the vacancy was declared (conventions valid that day).</param>
/// <param name="WithdrawnReason">Code of a reason taking it out of the flux (<see cref="FluxExclusions"/>), or null.</param>
public sealed record FluxVacancy(string Bailleur, string Departement, string Commune, int Rooms, DateOnly DeclaredOn, string? WithdrawnReason);

/// <summary>The proposed réservataire (null: the bailleur keeps the vacancy), the reason, and the ranking that led to it.</summary>
public sealed record OrientationProposal(ReservationConvention? Convention, string Reason, IReadOnlyList<string> Ranking)
{
    public bool KeptByBailleur => Convention is null || Convention.Kind == ReservataireKind.Bailleur;
}

/// <summary>
/// Which réservataire to orient a vacancy to (domain.md §9: "the bailleur allocates each vacant dwelling to a réservataire
/// (or to itself) so as to meet each réservataire's annual share"). Rule applied (derived, not legal text): a dwelling
/// withdrawn from the flux stays with the bailleur; otherwise, among the conventions of the same bailleur valid on the
/// declaration date whose perimeter holds the commune, the one with the largest deficit relative to its due wins; ties go
/// to the largest deficit in dwellings, then to the réservataire's name in alphabetical (ordinal) order, so the proposal
/// is reproducible. No réservataire in deficit → the bailleur keeps it. Typology commitments are shown, not weighed. The
/// bailleur confirms or overrides with a motive (the feature records it).
/// </summary>
public static class FluxOrientation
{
    public static OrientationProposal Propose(FluxVacancy vacancy, IEnumerable<FluxLedgerLine> ledgers, FluxExclusions exclusions)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        ArgumentNullException.ThrowIfNull(ledgers);
        ArgumentNullException.ThrowIfNull(exclusions);
        if (vacancy.WithdrawnReason is not null && exclusions.Find(vacancy.WithdrawnReason) is { } reason)
        {
            return new OrientationProposal(null, $"logement soustrait du flux ({reason.Label}, {reason.Source}) : conservé par le bailleur", []);
        }

        var candidates = ledgers
            .Where(l => string.Equals(l.Convention.Bailleur, vacancy.Bailleur, StringComparison.Ordinal)
                && l.Convention.ValidOn(vacancy.DeclaredOn)
                && l.Convention.Perimeter.Contains(vacancy.Departement, vacancy.Commune))
            .OrderByDescending(l => l.RelativeDeficit)
            .ThenByDescending(l => l.Deficit)
            .ThenBy(l => l.Convention.Reservataire, StringComparer.Ordinal)
            .ToList();
        var ranking = candidates.Select(l => French.Format($"{l.Convention.Reservataire} : dû {l.Due}, solde {l.Balance}")
            + (l.Deficit > 0 ? French.Format($", déficit {l.Deficit} ({l.RelativeDeficit:P0} du dû)") : ", pas de déficit")
            + Typology(l, vacancy.Rooms)).ToList();
        if (candidates.Count == 0)
        {
            return new OrientationProposal(null, French.Format($"aucune convention de {vacancy.Bailleur} en vigueur au {vacancy.DeclaredOn:dd/MM/yyyy} ne couvre la commune {vacancy.Commune} : conservé par le bailleur"), ranking);
        }

        var best = candidates[0];
        if (best.Deficit == 0)
        {
            return new OrientationProposal(null, "aucun réservataire en déficit sur son droit annuel : conservé par le bailleur", ranking);
        }

        var tie = candidates.Skip(1).FirstOrDefault(l => l.RelativeDeficit == best.RelativeDeficit);
        var why = French.Format($"{best.Convention.Reservataire} a le plus fort déficit rapporté à son dû : {best.Deficit} sur {best.Due} ({best.RelativeDeficit:P0})");
        if (tie is not null)
        {
            why += tie.Deficit == best.Deficit
                ? $" ; ex aequo avec {tie.Convention.Reservataire}, départagé par l'ordre alphabétique"
                : French.Format($" ; ex aequo avec {tie.Convention.Reservataire} en proportion, départagé par le déficit en nombre ({best.Deficit} contre {tie.Deficit})");
        }

        return new OrientationProposal(best.Convention, why, ranking);
    }

    private static string Typology(FluxLedgerLine line, int rooms) =>
        line.Convention.Typologies.FirstOrDefault(t => t.Rooms == rooms) is { } t ? French.Format($" ; engagement de {t.Dwellings} T{t.Rooms} par an") : "";
}
