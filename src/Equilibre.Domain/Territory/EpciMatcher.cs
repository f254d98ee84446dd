namespace Equilibre.Domain.Territory;

/// <summary>An EPCI as the matcher sees it: SIREN, official name, legal form (CA, CC, CU, METRO, EPT…) and the départements of its member communes.</summary>
public sealed record EpciCandidate(string Siren, string Name, string Kind, IReadOnlyCollection<string> DepartementCodes);

/// <summary>Outcome of matching a published EPCI name to the official list.</summary>
public enum EpciMatchStatus
{
    Matched,
    NotFound,
    Ambiguous,
}

/// <summary>The match with its explanation, in French, ready for an import report.</summary>
public sealed record EpciMatch(EpciMatchStatus Status, string? Siren, string Explanation);

/// <summary>
/// Matches a name published in a Q1 arrêté to an EPCI by normalised name within the département where the
/// arrêté lists it (an EPCI spanning two départements appears once per département). The arrêté groups all
/// overseas départements under code "97": it then matches any département 971–976.
/// </summary>
public sealed class EpciMatcher
{
    private readonly Dictionary<(string Departement, string Name), List<EpciCandidate>> _index = [];

    public EpciMatcher(IEnumerable<EpciCandidate> epcis)
    {
        ArgumentNullException.ThrowIfNull(epcis);
        foreach (var epci in epcis)
        {
            var key = EpciName.Normalise(epci.Name);
            foreach (var departement in epci.DepartementCodes.Append(OverseasGroupOf(epci.DepartementCodes)).OfType<string>().Distinct())
            {
                if (!_index.TryGetValue((departement, key), out var list))
                {
                    _index[(departement, key)] = list = [];
                }

                list.Add(epci);
            }
        }
    }

    public EpciMatch Match(string departementCode, string publishedName)
    {
        ArgumentNullException.ThrowIfNull(departementCode);
        ArgumentNullException.ThrowIfNull(publishedName);
        var key = EpciName.Normalise(publishedName);
        if (!_index.TryGetValue((departementCode.Trim(), key), out var candidates))
        {
            return new EpciMatch(EpciMatchStatus.NotFound, null,
                $"aucun EPCI du département {departementCode} ne porte le nom « {publishedName} » (forme normalisée « {key} »)");
        }

        if (candidates.Count > 1 && EpciName.LegalForm(publishedName) is { } form)
        {
            // Same name, different legal form: the form printed in the arrêté decides.
            var sameForm = candidates.Where(c => string.Equals(c.Kind, form, StringComparison.Ordinal)).ToList();
            if (sameForm.Count == 1)
            {
                candidates = sameForm;
            }
        }

        if (candidates.Count > 1)
        {
            var names = string.Join(", ", candidates.Select(c => $"{c.Name} ({c.Siren})"));
            return new EpciMatch(EpciMatchStatus.Ambiguous, null,
                $"plusieurs EPCI du département {departementCode} correspondent à « {publishedName} » : {names}");
        }

        var epci = candidates[0];
        return new EpciMatch(EpciMatchStatus.Matched, epci.Siren, $"rapproché de {epci.Name} ({epci.Siren})");
    }

    private static string? OverseasGroupOf(IReadOnlyCollection<string> departements) =>
        departements.Any(d => d.Length == 3 && d.StartsWith("97", StringComparison.Ordinal)) ? "97" : null;
}
