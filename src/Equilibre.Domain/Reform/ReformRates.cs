namespace Equilibre.Domain.Reform;

/// <summary>
/// One record of an instrument's status for an EPCI, as entered by the State services. Records are never changed:
/// a correction is a new record. The latest record of a pair (EPCI, instrument) — by <see cref="RecordedAt"/> —
/// holds what is known today: <see cref="InPlace"/> from <see cref="EffectiveDate"/>, or not in place (an entry
/// withdrawn or annulled).
/// </summary>
public sealed record InstrumentRecord(
    string EpciSiren, ReformInstrument Instrument, bool InPlace, DateOnly? EffectiveDate, string Reference, DateTimeOffset RecordedAt, long Id);

/// <summary>An EPCI counted in the rates: its SIREN, name and the département it is counted in.</summary>
public sealed record ReformEpci(string Siren, string Name, string DepartementCode, string RegionCode);

/// <summary>The rate of one instrument over a set of EPCIs at a date, with the EPCIs behind it.</summary>
public sealed record InstrumentRate(
    ReformInstrument Instrument, int InPlace, int SubjectToReform, IReadOnlyList<string> EpcisInPlace, IReadOnlyList<string> EpcisNotInPlace)
{
    /// <summary>Rate in %, one decimal rounded half away from zero; null when no EPCI is subject to the reform.</summary>
    public decimal? Percent => SubjectToReform == 0 ? null : Math.Round(100m * InPlace / SubjectToReform, 1, MidpointRounding.AwayFromZero);
}

/// <summary>The rates of every instrument at a date, with the rule used for the denominator.</summary>
public sealed record ReformSituation(DateOnly AsOf, int? ListYear, IReadOnlyList<InstrumentRate> Rates, string Denominator);

/// <summary>
/// Progress rates of the reform at a date ("situation au …", source document): for each instrument, the EPCIs in
/// place at that date over the EPCIs subject to the reform in the date's year — those listed in that year's Q1
/// arrêté (domain.md §1.1). An instrument whose act is dated after the date does not count; an EPCI that left the
/// list that year is out of the denominator, even if it has instruments in place.
/// </summary>
public static class ReformRates
{
    /// <param name="asOf">The "situation au" date.</param>
    /// <param name="subjectToReform">EPCIs listed in the Q1 arrêté of <paramref name="asOf"/>'s year, already limited to the
    /// territory of the figure (département, région or France); null when no arrêté of that year is loaded.</param>
    /// <param name="records">Every record of these EPCIs, any date.</param>
    public static ReformSituation Compute(DateOnly asOf, IReadOnlyCollection<ReformEpci>? subjectToReform, IEnumerable<InstrumentRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (subjectToReform is null)
        {
            return new ReformSituation(asOf, null,
                [.. ReformInstruments.All.Select(i => new InstrumentRate(i, 0, 0, [], []))],
                French.Format($"aucun arrêté du premier quartile n'est chargé pour {asOf.Year} : la liste des EPCI soumis à la réforme cette année-là est inconnue, aucun taux n'est calculé"));
        }

        var current = Current(records);
        var rates = ReformInstruments.All.Select(instrument =>
        {
            var inPlace = new List<string>();
            var notInPlace = new List<string>();
            foreach (var epci in subjectToReform)
            {
                (IsInPlace(current, epci.Siren, instrument, asOf) ? inPlace : notInPlace).Add(epci.Siren);
            }

            return new InstrumentRate(instrument, inPlace.Count, subjectToReform.Count, inPlace, notInPlace);
        }).ToList();
        return new ReformSituation(asOf, asOf.Year, rates, French.Format(
            $"dénominateur : les {subjectToReform.Count} EPCI cités dans l'arrêté du premier quartile de {asOf.Year} et rapprochés d'un SIREN (EPCI soumis à la réforme cette année-là ; les noms non rapprochés sont listés dans le rapport d'import des seuils) ; un instrument compte si l'acte qui le fonde est daté du {asOf:dd/MM/yyyy} au plus tard, d'après le dernier enregistrement connu"));
    }

    /// <summary>Is the instrument in place for the EPCI at the date, from the latest records?</summary>
    public static bool IsInPlace(IReadOnlyDictionary<(string, ReformInstrument), InstrumentRecord> current, string siren, ReformInstrument instrument, DateOnly asOf) =>
        current.TryGetValue((siren, instrument), out var r) && r.InPlace && r.EffectiveDate is { } d && d <= asOf;

    /// <summary>
    /// The latest record of each (EPCI, instrument): what is known today, corrections included. The state at a past
    /// date is read from the effective dates of these records.
    /// </summary>
    public static IReadOnlyDictionary<(string, ReformInstrument), InstrumentRecord> Current(IEnumerable<InstrumentRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records
            .GroupBy(r => (r.EpciSiren, r.Instrument))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id).Last());
    }
}
