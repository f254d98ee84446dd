namespace Equilibre.Domain.Allocation;

/// <summary>A reason for which a dwelling is not counted in the flux, with how sure the rule is.</summary>
public sealed record FluxExclusionReason(string Code, string Label, bool Confirmed, string Source);

/// <summary>
/// The reasons that take a vacant dwelling out of the flux ("logements soustraits du flux", R441-5; domain.md §9, §17.2):
/// configurable, each with its source. Read in R441-5 [C]: mutations inside the bailleur's stock, urban-renewal
/// relocations (ANRU/NPNRU), ORCOD relocations, relocations of L521-3-1 to L521-3-3 (unfit or dangerous buildings), sale
/// operations (item cut); stock kept for national defence and internal security [C]; public-health establishments and
/// demolition/heavy works [U].
/// </summary>
public sealed record FluxExclusions(IReadOnlyList<FluxExclusionReason> Reasons)
{
    public static readonly FluxExclusions Default = new(
    [
        new("MUTATION", "mutation d'un locataire du bailleur", true, "R441-5 1° (domain.md §17.2)"),
        new("RENOUVELLEMENT_URBAIN", "relogement d'une opération de rénovation ou de renouvellement urbain (ANRU/NPNRU)", true, "R441-5 2° (domain.md §17.2)"),
        new("ORCOD", "relogement d'une opération de requalification de copropriétés dégradées", true, "R441-5 3° (domain.md §17.2)"),
        new("HABITAT_INDIGNE", "relogement d'occupants d'immeubles insalubres ou dangereux (L521-3-1 à L521-3-3)", true, "R441-5 4° (domain.md §17.2)"),
        new("VENTE", "opération de vente de logements locatifs sociaux", true, "R441-5 5°, texte lu en partie (domain.md §17.2)"),
        new("DEFENSE", "logement réservé à la défense nationale", true, "R441-5, réservation sur logements identifiés (domain.md §9, §17.2)"),
        new("SECURITE", "logement réservé à la sécurité intérieure", true, "R441-5, réservation sur logements identifiés (domain.md §9, §17.2)"),
        new("SANTE", "logement réservé à un établissement public de santé", false, "site du ministère, absent du début de R441-5 lu (domain.md §17.1 — non confirmé)"),
        new("DEMOLITION", "relogement lié à une démolition ou à des travaux lourds", false, "liste attendue non lue (domain.md §9 — non confirmé)"),
    ]);

    public FluxExclusionReason? Find(string? code) => Reasons.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The flux base of a bailleur in a perimeter and year: vacancies minus those withdrawn from the flux.</summary>
public sealed record FluxBase(int Vacancies, int Withdrawn, IReadOnlyList<string> Explanation)
{
    public int Flux => Vacancies - Withdrawn;

    /// <summary>
    /// Vacancies of the year in the perimeter and the number withdrawn for each reason code: a code of the configured
    /// list is subtracted; an unknown code is not (the dwelling stays in the flux, said in the explanation).
    /// </summary>
    public static FluxBase Compute(int vacancies, IReadOnlyDictionary<string, int> withdrawnByReason, FluxExclusions exclusions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(vacancies);
        ArgumentNullException.ThrowIfNull(withdrawnByReason);
        ArgumentNullException.ThrowIfNull(exclusions);
        var lines = new List<string> { French.Format($"{vacancies} logement(s) libéré(s) ou mis en location dans l'année") };
        var withdrawn = 0;
        foreach (var (code, count) in withdrawnByReason.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (exclusions.Find(code) is { } reason)
            {
                withdrawn += count;
                lines.Add(French.Format($"− {count} soustrait(s) du flux : {reason.Label} ({reason.Source}{(reason.Confirmed ? "" : ", paramètre")})"));
            }
            else
            {
                lines.Add(French.Format($"{count} logement(s) au motif « {code} » non reconnu : laissé(s) dans le flux"));
            }
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(withdrawn, vacancies);
        lines.Add(French.Format($"= flux annuel de {vacancies - withdrawn} logement(s)"));
        return new FluxBase(vacancies, withdrawn, lines);
    }
}

/// <summary>
/// Ledger settings. Carrying the balance of the previous year over is in domain.md §9 for the deficit ("carried-over
/// deficit" [C principle]); carrying a surplus over too is a convention choice [U] — on by default, configurable.
/// </summary>
public sealed record FluxLedgerSettings(bool CarrySurplus, string Source)
{
    public static readonly FluxLedgerSettings Default = new(true,
        "report du déficit de l'année précédente (domain.md §9) ; report de l'excédent par défaut (règle de convention — non confirmée)");
}

/// <summary>What happened on a réservataire's flux in the year (counts of the workflow).</summary>
/// <param name="Convention">The réservataire's convention.</param>
/// <param name="Year">Calendar year of the ledger.</param>
/// <param name="Oriented">Vacancies oriented to the réservataire in the year, whatever followed.</param>
/// <param name="Returned">Among them, dwellings returned to the bailleur (missed deadline, failure).</param>
/// <param name="Attributed">Among them, leases signed (attributions effectives).</param>
/// <param name="CarriedOver">Balance of the previous year: negative = deficit still owed by the bailleur, positive = surplus.</param>
public sealed record FluxLedgerInput(ReservationConvention Convention, int Year, int Oriented, int Returned, int Attributed, int CarriedOver);

/// <summary>
/// A réservataire's ledger for a year: due, oriented, returned, delivered (counted against the due), attributed,
/// carried over, and the balance (carried + delivered − due: negative = deficit).
/// </summary>
public sealed record FluxLedgerLine(
    ReservationConvention Convention,
    int Year,
    int Due,
    int Oriented,
    int Returned,
    int Delivered,
    int Attributed,
    int CarriedOver,
    int Balance,
    IReadOnlyList<string> Explanation)
{
    public int Deficit => Math.Max(0, -Balance);

    /// <summary>Deficit relative to the due (a due of zero counts as one, so a carried deficit still weighs).</summary>
    public decimal RelativeDeficit => (decimal)Deficit / Math.Max(Due, 1);
}

/// <summary>
/// Flux arithmetic per réservataire and year (domain.md §9: <c>Target(R) = round(Flux × rate(R))</c> [C principle], ledger
/// of offered, attributed, returned and carried-over deficit): due = rate × flux base rounded half away from zero, or the
/// convention's volume; delivered = oriented, minus the returned ones unless the return rules count them (default: counted,
/// see <see cref="ReturnRules"/>); balance = carried over + delivered − due. Attributions are shown, not part of the
/// balance: the bailleur owes dwellings put at the réservataire's disposal, not signed leases.
/// </summary>
public static class FluxLedger
{
    public static FluxLedgerLine Compute(FluxLedgerInput input, FluxBase flux, FluxLedgerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(flux);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(input.Oriented);
        ArgumentOutOfRangeException.ThrowIfNegative(input.Returned);
        ArgumentOutOfRangeException.ThrowIfNegative(input.Attributed);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(input.Returned + input.Attributed, input.Oriented);
        var c = input.Convention;
        var lines = new List<string> { French.Format($"{c.Reservataire}, convention avec {c.Bailleur} ({c.Perimeter.Describe()}), année {input.Year}") };

        int due;
        if (c.Share.RatePercent is { } rate)
        {
            due = (int)Math.Round(flux.Flux * rate / 100m, 0, MidpointRounding.AwayFromZero);
            lines.Add(French.Format($"dû : {rate:0.##} % × flux de {flux.Flux} logement(s) = {flux.Flux * rate / 100m:0.##}, arrondi à {due}"));
        }
        else
        {
            due = c.Share.Volume!.Value;
            lines.Add(French.Format($"dû : {due} logement(s), volume annuel de la convention"));
        }

        var delivered = c.Return.ReturnedCountsAsDelivered ? input.Oriented : input.Oriented - input.Returned;
        lines.Add(French.Format($"orientés : {input.Oriented}, dont {input.Returned} rendu(s) au bailleur et {input.Attributed} attribué(s) (bail signé)"));
        lines.Add(c.Return.ReturnedCountsAsDelivered
            ? French.Format($"mis à disposition : {delivered} (les logements rendus comptent dans le flux du réservataire — {c.Return.Source})")
            : French.Format($"mis à disposition : {input.Oriented} − {input.Returned} rendu(s) = {delivered} ({c.Return.Source})"));

        var carried = input.CarriedOver;
        if (carried > 0 && !settings.CarrySurplus)
        {
            lines.Add(French.Format($"excédent de {carried} de l'année précédente non reporté ({settings.Source})"));
            carried = 0;
        }
        else if (carried != 0)
        {
            lines.Add(French.Format($"{(carried < 0 ? "déficit" : "excédent")} reporté de l'année précédente : {Math.Abs(carried)} ({settings.Source})"));
        }

        var balance = carried + delivered - due;
        lines.Add(French.Format($"solde : {carried} + {delivered} − {due} = {balance}")
            + (balance < 0 ? French.Format($" : déficit de {-balance} logement(s) à orienter vers ce réservataire")
                : balance > 0 ? French.Format($" : excédent de {balance} logement(s)") : " : à l'équilibre"));
        return new FluxLedgerLine(c, input.Year, due, input.Oriented, input.Returned, delivered, input.Attributed, carried, balance, lines);
    }
}
