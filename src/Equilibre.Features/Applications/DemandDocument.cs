using Equilibre.Domain.Applications;

namespace Equilibre.Features.Applications;

/// <summary>
/// One demand with its computed facts, as the API (<c>GET /api/v1/demandes/{numero}</c>) and the CLI
/// (<c>equilibre demandes show --json</c>) return it — one document for both, with French keys; the CERFA content
/// (<c>contenu</c>) keeps the model's names (<see cref="DemandJson"/>). Every computed figure carries its explanation.
/// </summary>
public sealed record DemandDocument(
    string Numero, string Statut, string StatutLibelle, int Version, bool Demo, DateOnly EnregistreeLe, DateOnly Echeance, DateOnly? DernierRenouvellement,
    int AncienneteJours, DemandFile Contenu, DemandDocument.FaitsDocument Faits, IReadOnlyList<DemandDocument.Souhait> Souhaits, DemandDocument.AttestationEnregistrement Attestation)
{
    public sealed record PremierQuartile(bool? Appartient, string Libelle, decimal? SeuilEurParUcAn, int Annee, string? SourceSeuil, IReadOnlyList<string> Explication);

    public sealed record Eligibilite(string Financement, bool? Eligible, string Libelle, decimal? Plafond, IReadOnlyList<string> Motifs);

    public sealed record FaitsDocument(
        DateOnly CalculesLe, int Personnes, int PersonnesACharge, IReadOnlyList<string> PersonnesExplication, int Categorie, int PersonnesSupplementaires,
        string CategorieExplication, decimal UnitesConsommation, IReadOnlyList<string> UcExplication, decimal RessourcesMensuelles, IReadOnlyList<string> RessourcesExplication,
        decimal? RessourcesAnnuellesParUc, PremierQuartile PremierQuartile, decimal? RevenuFiscalReference, string Zone, IReadOnlyList<Eligibilite> Eligibilite,
        bool Mutation, IReadOnlyList<string> ReglesNonConfirmees);

    public sealed record Souhait(int Rang, string Commune, string Nom, string? Epci, DateOnly Depuis, int AncienneteJours);

    public sealed record AttestationEnregistrement(string Numero, DateOnly EnregistreeLe, DateOnly ValableJusquAu, string? Guichet, IReadOnlyList<string> Bailleurs);

    public static DemandDocument From(GetDemand.Result d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var f = d.Facts;
        var q1 = f.FirstQuartile;
        var s = d.Settings;
        var faits = new FaitsDocument(
            d.Today, f.Persons, f.Dependants, f.PersonsExplanation, f.Category.Category, f.Category.ExtraPersons, f.Category.Explanation,
            f.ConsumptionUnits.Units, f.ConsumptionUnits.Explanation, f.MonthlyResources, f.ResourcesExplanation, q1.AnnualResourcesPerUc,
            new PremierQuartile(q1.IsFirstQuartile, Q1Label(q1.IsFirstQuartile), f.ThresholdUsed?.AmountPerUcPerYear, f.ThresholdUsed?.Year ?? d.Today.Year, f.ThresholdUsed?.Source, q1.Explanation),
            f.ReferenceIncome, f.Zone.Explanation,
            [.. f.Eligibility.OrderBy(e => e.Key).Select(e => new Eligibilite(e.Key.ToString().ToUpperInvariant(), e.Value.Eligible, EligibleLabel(e.Value.Eligible), e.Value.Ceiling, e.Value.Reasons))],
            f.IsMutation,
            [s.Household.ConsumptionUnits.Source, s.Household.Resources.Source, s.Household.UnbornSource, s.PopulationSource]);
        return new DemandDocument(d.Numero, StatusCode(d.Status), d.StatusLabel, d.Version, d.IsDemo, d.State.RegisteredOn, d.State.ExpiresOn,
            d.LastRenewedOn, d.SeniorityDays, d.File, faits, [.. d.Wishes.Select(w => new Souhait(w.Rank, w.CommuneCode, w.CommuneName, w.EpciSiren, w.Since, w.SeniorityDays))],
            new AttestationEnregistrement(d.Attestation.Numero, d.Attestation.RegisteredOn, d.Attestation.ValidUntil, d.Attestation.GuichetName, d.Attestation.Bailleurs));
    }

    public static string StatusCode(DemandStatus status) => status == DemandStatus.Active ? "active" : "radiee";

    public static string Q1Label(bool? isQ1) => isQ1 switch
    {
        true => "Premier quartile",
        false => "Hors premier quartile",
        null => "Indéterminé",
    };

    public static string EligibleLabel(bool? eligible) => eligible switch
    {
        true => "éligible",
        false => "non éligible",
        null => "indéterminé",
    };
}
