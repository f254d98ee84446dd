using Equilibre.Domain.Targets;

namespace Equilibre.Features.Targets;

/// <summary>
/// The JSON document of the targets, one shape for <c>GET /api/v1/objectifs</c> and <c>equilibre objectifs --format json</c>:
/// every figure explained (numerator, denominator, exclusions and reasons, threshold and source, rule version, QPV
/// rule, data quality, previous period, year-end projection). Rates are fractions (0.25) beside percentages (25.0).
/// </summary>
public static class TargetsDocument
{
    public sealed record ComptageDto(string Code, string Libelle, int Nombre);

    public sealed record IndicateurDto(
        string Id, int Version, string RegleVersion, string Libelle, int Numerateur, int Denominateur, decimal? Taux, decimal? TauxPourcent, string TauxTexte,
        decimal Seuil, string SourceSeuil, bool? Atteint, int Exclues, IReadOnlyList<ComptageDto> Exclusions, IReadOnlyList<ComptageDto> Precisions, string? RegleQpv,
        string Resume, int? NumerateurPrecedent, int? DenominateurPrecedent, decimal? TauxPrecedent, decimal? EvolutionPoints);

    public sealed record QualiteDto(
        int Baux, int RessourcesInconnues, int SansSeuil, int ReservataireInconnu, int SansStatutQpv, int EnQpv, int ExZusAssimilees, int QpvSortisMaintenus, int HorsQpv,
        IReadOnlyList<string> Lignes);

    public sealed record GroupeDto(IReadOnlyList<string?> Cle, string Libelle, IReadOnlyList<IndicateurDto> Indicateurs, QualiteDto Qualite);

    public sealed record ProjectionDto(
        string Indicateur, int Annee, DateOnly AuJour, int Numerateur, int Denominateur, decimal NumerateurProjete, decimal DenominateurProjete, decimal? TauxProjete,
        int? EncoreNecessaires, decimal? PartDesRestantes, string Formule);

    public sealed record PeriodeDto(string Libelle, DateOnly Du, DateOnly Au);

    public sealed record TableauDto(
        string Perimetre, string Vue, PeriodeDto Periode, PeriodeDto PeriodePrecedente, IReadOnlyList<string> Regroupements, GroupeDto Ensemble,
        IReadOnlyList<GroupeDto> Groupes, IReadOnlyList<ProjectionDto> Projections, IReadOnlyList<string> Notes, IReadOnlyList<string> Methode);

    public sealed record BailDto(
        long Id, DateOnly SigneLe, string Commune, string Bailleur, string Flux, string? Typologie, string Localisation, string Quartile, bool Dalo, string? Priorite,
        bool Mutation, string Relogement, long Logement);

    public sealed record BauxDto(string Indicateur, string Partie, string Groupe, int Total, int Page, int Pages, IReadOnlyList<BailDto> Baux);

    public static TableauDto Tableau(GetTargetsDashboard.Result r) => new(
        r.ScopeDescription, TargetsQuery.ViewLabel(r.View), new(r.Period.Label, r.Period.From, r.Period.To), new(r.PreviousPeriod.Label, r.PreviousPeriod.From, r.PreviousPeriod.To),
        [.. r.Dimensions.Select(DimensionCode)], Groupe(r.Total), [.. r.Lines.Select(Groupe)],
        [.. r.Projections.Select(p => new ProjectionDto(p.IndicatorId, p.Value.Year, p.Value.AsOf, p.Value.Numerator, p.Value.Denominator, p.Value.ProjectedNumerator,
            p.Value.ProjectedDenominator, p.Value.ProjectedRate, p.Value.StillNeeded, p.Value.ShareOfRemainingNeeded, p.Value.Formula))],
        r.Notes, r.Method);

    private static GroupeDto Groupe(GetTargetsDashboard.Line line)
    {
        var q = line.Quality;
        return new(line.Key.Values, line.Label, [.. line.Figures.Select(f => Indicateur(f))],
            new(q.Leases, q.UnknownResources, q.NoThreshold, q.UnknownReservataire, q.UnknownQpv, q.InQpv, q.ExZusAssimilated, q.ExitedQpvAssimilated, q.OutsideQpv, q.Lines));
    }

    private static IndicateurDto Indicateur(GetTargetsDashboard.Figure f)
    {
        var c = f.Current;
        return new(c.Definition.Id, c.Definition.Version, c.RuleVersion, c.Definition.Label, c.Numerator, c.Denominator, c.Rate, TargetTables.Pct(c.Rate), c.RateText,
            c.Threshold, c.ThresholdSource, c.Met, c.Excluded, [.. c.Exclusions.Select(Count)], [.. c.Details.Select(Count)], c.QpvRule, c.Summary,
            f.Previous?.Numerator, f.Previous?.Denominator, f.Previous?.Rate, f.DeltaPoints);
    }

    private static ComptageDto Count(IndicatorCount c) => new(c.Code, c.Label, c.Count);

    /// <summary>The code of a dimension in the query strings and documents (epci, commune, bailleur, reservataire, qpv…).</summary>
    public static string DimensionCode(GroupDimension dimension) => dimension switch
    {
        GroupDimension.Epci => "epci",
        GroupDimension.Commune => "commune",
        GroupDimension.Bailleur => "bailleur",
        GroupDimension.Reservataire => "reservataire",
        GroupDimension.QpvStatus => "qpv",
        GroupDimension.Typology => "typologie",
        GroupDimension.Financing => "financement",
        GroupDimension.ConstructionPeriod => "construction",
        GroupDimension.CalSession => "seance",
        GroupDimension.Month => "mois",
        GroupDimension.Quarter => "trimestre",
        GroupDimension.Semester => "semestre",
        GroupDimension.Year => "annee",
    };
}
