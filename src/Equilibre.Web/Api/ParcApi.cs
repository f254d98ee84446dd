using System.Globalization;
using Equilibre.Domain.Stock;
using Equilibre.Features.Stock;
using Equilibre.Web.Pages.Parc;

namespace Equilibre.Web.Api;

/// <summary>
/// <c>/api/v1/parc</c>: the social stock for the partners' systems, scoped like the pages by <see cref="StockAccess"/>
/// (a dwelling outside the user's stock answers 404, never 403). JSON in camelCase with the same field style as the
/// other APIs; codes (financement plai|plus|pls|pli|autre, occupation = RPLS MODE code) beside their French labels,
/// so that a client never parses a label. Same filters as the pages (<see cref="ParcQuery"/>).
/// </summary>
internal static class ParcApi
{
    public sealed record CommuneDto(string Code, string? Nom, int Residences, int Logements);

    public sealed record ResidenceDto(long Id, string Commune, string? NomCommune, string Adresse, string? CodePostal, string? Epci, bool? Qpv, string? CodeQpv, int Logements);

    public sealed record ResidencesDto(int Total, int Page, int TaillePage, int Pages, int? Millesime, IReadOnlyList<ResidenceDto> Residences, IReadOnlyList<CommuneDto> Communes);

    public sealed record LogementResumeDto(
        long Id, string IdentifiantRpls, long Residence, string Commune, string? NomCommune, string Adresse, int Millesime, int Pieces, string Typologie,
        decimal? Surface, string CodeFinan, string? Financement, decimal? Loyer, string? Occupation, string? OccupationLibelle, string? Dpe, bool? Adapte, bool? Qpv);

    public sealed record LogementsDto(int Total, int Page, int TaillePage, int Pages, int? Millesime, IReadOnlyList<int> Millesimes, IReadOnlyList<LogementResumeDto> Logements);

    public sealed record EtatDto(
        int Millesime, int Pieces, string Typologie, decimal? Surface, int? AnneeConstruction, int? AnneePremiereLocation, int? AnneeEntreePatrimoine,
        string? ModeEntree, string CodeFinan, string? Financement, string? PlafondCus, bool? ConventionApl, decimal? Loyer, decimal? Charges,
        string? Occupation, string? OccupationLibelle, DateOnly? DebutBail, DateOnly? DateDpe, string? DpeEnergie, string? DpeGes, bool? AdapteHandicap,
        string? Accessibilite, string? Bailleur, string? ReferenceBailleur);

    public sealed record QpvDto(DateOnly Date, bool? EnQpvPourLesObjectifs, string Explication);

    public sealed record CategorieDto(int Categorie, string Menages, decimal? Plafond, IReadOnlyList<string> Explication);

    public sealed record PlafondsDto(string Zone, IReadOnlyList<CategorieDto> Categories, decimal? ParPersonneSupplementaire);

    public sealed record MenageQ1Dto(
        int Personnes, string Menage, decimal Uc, decimal RessourcesAnnuelles, decimal RessourcesMensuelles, decimal? TauxEffort, decimal? ResteAVivreParUcJour,
        decimal? ResteAVivreParPersonneJour, bool? Supportable, bool ConvientAuxNormes, bool? Eligible, IReadOnlyList<string> Explication);

    public sealed record TestDto(string Zone, bool? Eligible, decimal? Plafond, IReadOnlyList<string> Explication);

    public sealed record EligibiliteDto(
        DateOnly Date, string FamillePlafond, string ExplicationFamille, bool ZoneConnue, string ExplicationZone, IReadOnlyList<PlafondsDto> Plafonds,
        string? PlafondsIndisponibles, IReadOnlyList<int>? TaillesConvenables, string ExplicationNormes, IReadOnlyList<MenageQ1Dto>? MenagesQ1, string ExplicationQ1,
        IReadOnlyList<string> Hypotheses, string Handicap, IReadOnlyList<TestDto>? TestMenage);

    public sealed record LogementDto(
        long Id, string IdentifiantRpls, bool IdentifiantDerive, ResidenceDto Residence, string? NomEpci, string? SirenBailleur, string? Escalier, string? Etage,
        string? Appartement, EtatDto Etat, decimal? LoyerParM2, QpvDto QpvAujourdhui, EligibiliteDto Eligibilite, IReadOnlyList<EtatDto> Historique);

    public sealed record ChiffresDto(int Logements, int EnQpv, int HorsQpv, int QpvNonRenseigne, decimal? LoyerMoyenParM2, int EchantillonLoyer, decimal? TauxVacance, int Vacants, int LouesOuProposes);

    public sealed record CommuneChiffresDto(string Code, string? Nom, ChiffresDto Chiffres);

    public sealed record EffectifDto(string Libelle, int Logements);

    public sealed record SyntheseDto(
        int? Millesime, IReadOnlyList<int> Millesimes, string? Epci, string? NomEpci, ChiffresDto Total, IReadOnlyList<CommuneChiffresDto> Communes,
        IReadOnlyList<EffectifDto> Typologies, IReadOnlyList<EffectifDto> Financements, IReadOnlyList<string> Notes);

    public static void MapParcApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/parc").RequireAuthorization(Policies.Professionals).WithTags("Parc social");

        group.MapGet("/residences", async (string? commune, string? qpv, long? bailleur, string? tri, int? page, int? taillePage, ListResidences list, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            var r = await list.HandleAsync(ParcQuery.Residences(commune, qpv, bailleur, tri, page, Math.Clamp(taillePage ?? 50, 1, 500)), user, ct);
            return Results.Ok(new ResidencesDto(r.Total, r.Page, r.PageSize, r.Pages, r.Millesime, [.. r.Items.Select(Residence)],
                [.. r.Communes.Select(c => new CommuneDto(c.CommuneCode, c.CommuneName, c.Residences, c.Dwellings))]));
        }).WithName("ListResidences").WithSummary("Résidences du parc de l'utilisateur au dernier millésime (filtres commune, qpv oui|non, bailleur ; tri adresse|logements ; page)")
          .Produces<ResidencesDto>();

        group.MapGet("/logements", async (
            int? millesime, string? commune, long? residence, string? typologie, string? financement, string? qpv, string? occupation, decimal? loyerMin, decimal? loyerMax,
            string? dpe, string? adapte, string? tri, int? page, int? taillePage, ListDwellings list, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            var request = ParcQuery.Dwellings(millesime, commune, residence, typologie, financement, qpv, occupation, loyerMin, loyerMax, dpe, adapte, tri, page, Math.Clamp(taillePage ?? 50, 1, 500));
            var r = await list.HandleAsync(request, user, ct);
            return Results.Ok(new LogementsDto(r.Total, r.Page, r.PageSize, r.Pages, r.Millesime, r.Millesimes, [.. r.Items.Select(i => new LogementResumeDto(
                i.DwellingId, i.RplsId, i.ResidenceId, i.CommuneCode, i.CommuneName, i.Address, i.Millesime, i.Rooms, StockText.Typology(i.Rooms), i.HabitableSurface,
                i.FinancingCode, ParcQuery.Code(i.Financing), i.MonthlyRent, Mode(i.OccupancyMode), i.OccupancyMode is { } m ? RplsCodes.Label(m) : null,
                i.DpeEnergyClass, i.AdaptedForHandicap, i.InQpv))]));
        }).WithName("ListDwellings").WithSummary("Logements du parc de l'utilisateur (millesime, commune, residence, typologie 1…5, financement plai|plus|pls|pli|autre, qpv, occupation = code MODE, loyerMin, loyerMax, dpe A…G, adapte ; tri adresse|typologie|surface|loyer ; page de 50)")
          .Produces<LogementsDto>();

        group.MapGet("/logements/{id:long}", async (
            long id, int? millesime, int? personnes, int? aCharge, bool? jeuneMenage, bool? handicap, decimal? revenu, GetDwelling get, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            var (household, error) = LogementModel.Household(personnes, aCharge, jeuneMenage ?? false, handicap ?? false, revenu);
            if (error is not null)
            {
                return Results.Problem(title: "Ménage à tester invalide", detail: error, statusCode: StatusCodes.Status400BadRequest);
            }

            var d = await get.HandleAsync(new GetDwelling.Request(id, millesime, household), user, ct);
            return d is null
                ? Results.Problem(title: "Logement introuvable", detail: $"Aucun logement n° {id.ToString(CultureInfo.InvariantCulture)} dans votre parc.", statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(Dwelling(d));
        }).WithName("GetDwelling").WithSummary("Un logement : identité, caractéristiques du millésime (dernier par défaut), historique, QPV aujourd'hui, panneau d'éligibilité (plafonds, normes d'occupation, ménages types du premier quartile) ; personnes, aCharge, jeuneMenage, handicap et revenu testent un ménage")
          .Produces<LogementDto>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/synthese", async (string? epci, int? millesime, GetStockOverview overview, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            var o = await overview.HandleAsync(new GetStockOverview.Request(epci, millesime), user, ct);
            return Results.Ok(new SyntheseDto(o.Millesime, o.Millesimes, o.EpciSiren, o.EpciName, Figures(o.Total),
                [.. o.Communes.Select(c => new CommuneChiffresDto(c.CommuneCode, c.CommuneName, Figures(c.Figures)))],
                [.. o.Typologies.Select(t => new EffectifDto(t.Label, t.Dwellings))], [.. o.Financings.Select(f => new EffectifDto(f.Label, f.Dwellings))], o.Notes));
        }).WithName("GetStockOverview").WithSummary("Synthèse du parc de l'utilisateur ou d'un de ses EPCI : logements par commune, typologie, financement, QPV ; loyer moyen au m² et vacance (définitions SDES)")
          .Produces<SyntheseDto>();

        group.MapGet("/communes", async (GetStockMap map, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            return Results.Text(await map.HandleAsync(user, ct), "application/geo+json");
        }).WithName("GetStockCommunes").WithSummary("Contours des communes des résidences de l'utilisateur avec leurs nombres de résidences et de logements (GeoJSON, COG 2018, Grand Est)");
    }

    private static string? Mode(OccupancyMode? mode) => mode is { } m ? ((int)m).ToString(CultureInfo.InvariantCulture) : null;

    private static ResidenceDto Residence(ListResidences.Item i) =>
        new(i.Id, i.CommuneCode, i.CommuneName, i.Address, i.PostalCode, i.EpciSiren, i.InQpv, i.QpvCode, i.Dwellings);

    private static ChiffresDto Figures(GetStockOverview.Figures f) =>
        new(f.Dwellings, f.InQpv, f.OutsideQpv, f.QpvUnknown, f.MeanRentPerSquareMetre, f.RentSample, f.VacancyRate, f.Vacant, f.LetOrOffered);

    private static EtatDto State(DwellingState s, string? bailleur) => new(
        s.Millesime, s.Rooms, StockText.Typology(s.Rooms), s.HabitableSurface, s.ConstructionYear, s.FirstLettingYear, s.StockEntryYear,
        s.EntryMode is { } em ? RplsCodes.Label(em) : null, s.FinancingCode, ParcQuery.Code(s.Financing), s.CusCeiling, s.AplConvention, s.MonthlyRent, s.EstimatedCharges,
        Mode(s.OccupancyMode), s.OccupancyMode is { } m ? RplsCodes.Label(m) : null, s.LeaseStart, s.DpeDate, s.DpeEnergyClass, s.DpeGhgClass, s.AdaptedForHandicap,
        s.Accessibility, bailleur, s.LandlordReference);

    private static LogementDto Dwelling(GetDwelling.Result d)
    {
        var r = d.Residence;
        var e = d.Eligibility;
        var residence = new ResidenceDto(r.Id, r.CommuneCode, r.CommuneName, StockText.Address(r.StreetNumber, r.StreetType, r.StreetName, r.BuildingName), r.PostalCode, d.EpciSiren, r.InQpv, r.QpvCode, 0);
        var eligibility = new EligibiliteDto(
            e.AsOf, ParcQuery.Code(e.CeilingFamily)!, e.CeilingFamilyExplanation, e.ZoneKnown, e.ZoneExplanation,
            [.. e.Ceilings.Select(z => new PlafondsDto(z.ZoneLabel, [.. z.Rows.Select(c => new CategorieDto(c.Category, c.Households, c.Amount, c.Explanation))], z.PerExtraPerson))],
            e.CeilingsUnavailable, e.Fit?.Sizes, e.FitExplanation,
            e.Q1?.Sizes.Select(z => new MenageQ1Dto(
                z.Household.Persons, z.Household.Label, z.Household.ConsumptionUnits.Units, z.AnnualResources, z.MonthlyResources, z.Affordability.EffortRate.Value,
                z.Affordability.ResteAVivrePerUcPerDay.Value, z.Affordability.ResteAVivrePerPersonPerDay.Value, z.Affordable, z.FitsNorms, z.Eligibility.Eligible, z.Explanation)).ToList(),
            e.Q1Explanation, e.Assumptions, e.Adaptation,
            e.Household?.Results.Select(t => new TestDto(t.Zone, t.Result.Eligible, t.Result.Ceiling, t.Result.Reasons)).ToList());
        return new LogementDto(
            d.Dwelling.Id, d.Dwelling.RplsId, d.Dwelling.IdentifierKind == DwellingIdentifierKind.Derived, residence, d.EpciName, d.BailleurSiren,
            d.Dwelling.Staircase, d.Dwelling.Floor, d.Dwelling.ApartmentNumber, State(d.State, d.BailleurName), d.RentPerSquareMetre,
            new QpvDto(d.Qpv.Date, d.Qpv.InQpvForTargets, d.Qpv.Explanation), eligibility, [.. d.History.Select(h => State(h, null))]);
    }
}
