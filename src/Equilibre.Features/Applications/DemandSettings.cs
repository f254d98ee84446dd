using Equilibre.Domain.Applications;
using Microsoft.Extensions.Configuration;

namespace Equilibre.Features.Applications;

/// <summary>Which demands make an EPCI's population for the local Q1 recomputation (domain.md §4.2 [U]).</summary>
public enum ThresholdPopulation
{
    /// <summary>Demands whose first wished commune is in the EPCI (default).</summary>
    FirstWishedCommune,

    /// <summary>Demands wishing any commune of the EPCI.</summary>
    AnyWishedCommune,
}

/// <summary>
/// The configurable rules of the registry (section <c>Demandes</c>), each unconfirmed in law and shown as such in the UI:
/// household counting (<see cref="HouseholdSettings"/>), letters of the L441-1 priorities, the Q1 population.
/// </summary>
public sealed record DemandSettings(HouseholdSettings Household, PriorityLetters Letters, ThresholdPopulation Population, string PopulationSource)
{
    public static readonly DemandSettings Default = new(HouseholdSettings.Default, PriorityLetters.None, ThresholdPopulation.FirstWishedCommune,
        "population : demandes dont la première commune souhaitée est dans l'EPCI (paramètre par défaut, méthode non confirmée)");

    public static DemandSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Demandes");
        if (!section.Exists())
        {
            return Default;
        }

        var d = Default.Household;
        var uc = new ConsumptionUnitSettings(
            Flag(section, "Uc:CompterEnfantsANaitre", d.ConsumptionUnits.CountUnbornChildren),
            Flag(section, "Uc:CompterGardeAlternee", d.ConsumptionUnits.CountAlternateCustody),
            Flag(section, "Uc:CompterDroitDeVisite", d.ConsumptionUnits.CountVisitingRights),
            Flag(section, "Uc:AgeAu31Decembre", d.ConsumptionUnits.AgeAtEndOfYear),
            "paramétrage Demandes:Uc (règle non confirmée, domain.md §4.1)");
        if (uc with { Source = d.ConsumptionUnits.Source } == d.ConsumptionUnits)
        {
            uc = d.ConsumptionUnits;
        }

        var deduct = Flag(section, "DeduirePensionsVersees", d.Resources.DeductPensionsPaid);
        var resources = deduct == d.Resources.DeductPensionsPaid ? d.Resources
            : new ResourceSettings(deduct, "paramètre Demandes:DeduirePensionsVersees = " + (deduct ? "oui" : "non") + " (règle non confirmée)");
        var unborn = Flag(section, "EnfantsANaitreParmiLesPersonnes", d.CountUnbornAsPersons);
        var household = new HouseholdSettings(uc, resources, unborn,
            unborn == d.CountUnbornAsPersons ? d.UnbornSource : "paramètre Demandes:EnfantsANaitreParmiLesPersonnes = " + (unborn ? "oui" : "non") + " (règle non confirmée)");
        var letters = section.GetSection("Priorites:Lettres").GetChildren().ToDictionary(c => c.Key, c => c.Value ?? "");
        foreach (var code in letters.Keys.Where(k => PriorityCategories.Find(k) is null))
        {
            throw new InvalidOperationException($"Demandes:Priorites:Lettres:{code} : « {code} » n'est pas un code de priorité connu");
        }

        var population = section["PopulationSeuilQ1"] switch
        {
            null or "" or "PremiereCommune" => ThresholdPopulation.FirstWishedCommune,
            "ToutesCommunes" => ThresholdPopulation.AnyWishedCommune,
            var other => throw new InvalidOperationException($"Demandes:PopulationSeuilQ1 « {other} » : PremiereCommune ou ToutesCommunes attendu"),
        };
        var populationSource = population == ThresholdPopulation.FirstWishedCommune ? Default.PopulationSource
            : "population : demandes souhaitant au moins une commune de l'EPCI (paramètre Demandes:PopulationSeuilQ1, méthode non confirmée)";
        return new DemandSettings(household, new PriorityLetters(letters), population, populationSource);
    }

    private static bool Flag(IConfigurationSection section, string key, bool fallback) =>
        section[key] is { Length: > 0 } text
            ? bool.TryParse(text, out var value) ? value : throw new InvalidOperationException($"Demandes:{key} « {text} » : true ou false attendu")
            : fallback;
}
