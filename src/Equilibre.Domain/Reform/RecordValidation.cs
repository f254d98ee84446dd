namespace Equilibre.Domain.Reform;

/// <summary>A status to record, as entered by a user or read from a CSV line.</summary>
public sealed record InstrumentEntry(ReformInstrument Instrument, bool InPlace, DateOnly? EffectiveDate, string? Reference);

/// <summary>Validation of an instrument entry: French messages naming the field and the rule.</summary>
public static class InstrumentEntryRules
{
    /// <summary>ALUR (24 March 2014) created the instruments; no act of the reform predates it.</summary>
    public static readonly DateOnly Earliest = new(2014, 3, 24);

    public static IReadOnlyList<(string Field, string Message)> Check(InstrumentEntry entry, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var errors = new List<(string, string)>();
        if (entry.InPlace)
        {
            if (entry.EffectiveDate is not { } date)
            {
                errors.Add(("date", $"{ReformInstruments.Label(entry.Instrument)} : la date de l'acte est obligatoire ({ReformInstruments.ActLabel(entry.Instrument)})"));
            }
            else if (date > today)
            {
                errors.Add(("date", French.Format($"{ReformInstruments.Label(entry.Instrument)} : la date {date:dd/MM/yyyy} est dans le futur ; enregistrez l'acte une fois pris")));
            }
            else if (date < Earliest)
            {
                errors.Add(("date", French.Format($"{ReformInstruments.Label(entry.Instrument)} : la date {date:dd/MM/yyyy} précède la loi ALUR du 24/03/2014")));
            }

            if (string.IsNullOrWhiteSpace(entry.Reference))
            {
                errors.Add(("reference", $"{ReformInstruments.Label(entry.Instrument)} : la référence de l'acte est obligatoire ({ReformInstruments.ActLabel(entry.Instrument)})"));
            }
        }
        else if (entry.EffectiveDate is not null)
        {
            errors.Add(("date", $"{ReformInstruments.Label(entry.Instrument)} : pas de date pour un instrument « non en place »"));
        }

        if (entry.Reference is { Length: > 500 })
        {
            errors.Add(("reference", $"{ReformInstruments.Label(entry.Instrument)} : la référence dépasse 500 caractères"));
        }

        return errors;
    }
}
