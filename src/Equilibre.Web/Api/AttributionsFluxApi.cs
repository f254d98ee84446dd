using System.Globalization;
using Equilibre.Features.Allocation;
using Equilibre.Web.Pages.Attributions;

namespace Equilibre.Web.Api;

/// <summary>
/// <c>/api/v1/attributions</c>, gestion en flux part: reservation conventions, vacancies and their orientation, the flux
/// ledger — scoped like the pages by <see cref="AllocationAccess"/> (a record outside the user's scope answers 404; a user
/// without any access to the attributions, a guichet, 403). Writes answer 400 with the French field errors, 403 when the
/// user may read but not act, and 409 with the French sentence saying what changed when the revision sent is stale.
/// States and kinds are codes (<see cref="AttributionsText"/>) beside their French labels.
/// </summary>
internal static class AttributionsFluxApi
{
    public sealed record ConventionDto(
        long Id, int Revision, long Bailleur, string NomBailleur, long Reservataire, string NomReservataire, string Type, string Departement, IReadOnlyList<string>? Communes,
        decimal? Taux, int? Volume, decimal? AgentsEtat, string Typologies, string? EngagementGeographique, int DelaiDesignation, int Redesignations,
        bool RendusComptes, DateOnly Debut, DateOnly? Fin, string Reference, int Report, string Part, string Perimetre, bool Modifiable);

    public sealed record ConventionSaisieDto(
        long? Id, int? Revision, long Bailleur, long Reservataire, string? Type, string? Departement, string? Communes, decimal? Taux, int? Volume, decimal? AgentsEtat,
        string? Typologies, string? EngagementGeographique, int? DelaiDesignation, int? Redesignations, bool? RendusComptes, DateOnly? Debut, DateOnly? Fin,
        string? Reference, int? Report);

    public sealed record VacanceResumeDto(
        long Id, long Logement, string IdentifiantRpls, string Commune, string? NomCommune, int Pieces, bool? Qpv, string Etat, string EtatLibelle, string? Bailleur,
        string? Reservataire, DateOnly DeclareeLe, DateOnly DisponibleLe, DateOnly? DateLimiteDesignation, bool Rendue, int AnneeFlux);

    public sealed record VacancesDto(int Total, int Page, int Pages, IReadOnlyDictionary<string, int> ParEtat, IReadOnlyList<VacanceResumeDto> Vacances);

    public sealed record EvenementDto(DateTimeOffset Le, string Par, string? Organisation, string Objet, string Resume, string? Detail);

    public sealed record VacanceDto(
        long Id, int Revision, long Logement, string IdentifiantRpls, string? Adresse, string Commune, string? NomCommune, string? Epci, string Departement, int Pieces,
        bool? Qpv, string Etat, string EtatLibelle, string? Bailleur, string? MotifRetraitFlux, long? ConventionProposee, string? Proposition, string? RaisonProposition,
        long? Convention, string? Orientation, string? Reservataire, DateOnly? OrienteeLe, DateOnly? DateLimiteDesignation, string? MotifDerogation, bool Rendue,
        string? MotifRetour, IReadOnlyList<EvenementDto> Historique, int Candidats, int Offres, int Baux,
        bool PeutOrienter, bool PeutDesigner, bool PeutDecider);

    public sealed record DeclarationDto(long? Logement, string? IdentifiantRpls, DateOnly? DisponibleLe);

    public sealed record OrientationDto(int? Revision, long? Convention, string? Motif);

    public sealed record ResultatDto(long? Id, string Message, IReadOnlyList<string> Avertissements);

    public sealed record ErreurDto(string Champ, string Message);

    public sealed record ErreursDto(string Message, IReadOnlyList<ErreurDto> Erreurs);

    public sealed record TypologieDto(int Pieces, int Engages, int Orientes);

    public sealed record LigneFluxDto(
        long Convention, string Bailleur, string Reservataire, string Type, string Reference, string Part, string Perimetre, int Vacances, int Soustraits, int Flux,
        int Du, int Orientes, int Rendus, int MisADisposition, int Attribues, int Report, int Solde, int Deficit, IReadOnlyList<TypologieDto> Typologies,
        string? EngagementGeographique, IReadOnlyList<string> ExplicationFlux, IReadOnlyList<string> Explication);

    public sealed record PartPrefetDto(long Convention, string Bailleur, bool DansLesLimites, decimal Part, decimal AgentsEtat, IReadOnlyList<string> Explication, bool? HorsQpvAtteint, string HorsQpv);

    public sealed record FluxDto(int Annee, IReadOnlyList<LigneFluxDto> Lignes, IReadOnlyList<PartPrefetDto> PartPrefet, IReadOnlyList<string> Notes);

    public static void MapAttributionsFluxApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/attributions").RequireAuthorization(Policies.Professionals).WithTags("Attributions — gestion en flux");

        group.MapGet("/conventions", async (long? bailleur, ListConventions list, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            var r = await list.HandleAsync(new ListConventions.Request(bailleur), user, ct);
            return r.Scope.SeesAnything ? Results.Ok(r.Items.Select(Convention).ToList()) : NoAccess(r.Scope);
        }).WithName("ListConventions").WithSummary("Conventions de réservation visibles (bailleur : les siennes ; réservataire : celles qu'il détient ; territoire : celles de son département)")
          .Produces<IReadOnlyList<ConventionDto>>().ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/conventions", async (ConventionSaisieDto body, SaveConvention save, TimeProvider clock, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            if (AttributionsText.Kind(body.Type) is not { } kind)
            {
                return Invalid("1 erreur(s) : la convention n'a pas été enregistrée",
                    [new("type", $"Type « {body.Type} » inconnu : {string.Join(", ", AttributionsText.Kinds.Select(k => k.Code))}")]);
            }

            var request = new SaveConvention.Request(body.Id, body.Revision, body.Bailleur, body.Reservataire, kind, body.Departement, body.Communes, body.Taux, body.Volume,
                body.AgentsEtat, body.Typologies, body.EngagementGeographique, body.DelaiDesignation ?? 30, body.Redesignations ?? 0, body.RendusComptes ?? true,
                body.Debut ?? new DateOnly(Features.FrenchTime.Today(clock).Year, 1, 1), body.Fin, body.Reference, body.Report ?? 0);
            return Answer(await save.HandleAsync(request, user, ct), body.Id is null ? "/api/v1/attributions/conventions" : null);
        }).WithName("SaveConvention").WithSummary("Crée (sans id) ou modifie (id et revision lue) une convention : taux OU volume, délai ≥ 1 jour, communes du département, typologies « pièces:logements » ; part du préfet ≤ 30 % dont 5 % agents de l'État (R441-5-2) ; 409 si la revision a changé")
          .Produces<ResultatDto>().Produces<ErreursDto>(StatusCodes.Status400BadRequest).Produces<ErreursDto>(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/vacances", async (string? etat, string? commune, long? bailleur, long? reservataire, int? annee, int? page, int? taillePage, ListVacancies list,
            CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            var r = await list.HandleAsync(new ListVacancies.Request(AttributionsText.State(etat), commune, bailleur, reservataire, annee, page ?? 1, Math.Clamp(taillePage ?? 50, 1, 500)), user, ct);
            return r.Scope.SeesAnything
                ? Results.Ok(new VacancesDto(r.Total, r.Page, r.Pages, r.Counts.ToDictionary(c => AttributionsText.Code(c.Key), c => c.Value), [.. r.Items.Select(i => new VacanceResumeDto(
                    i.Id, i.DwellingId, i.RplsId, i.CommuneCode, i.CommuneName, i.Rooms, i.InQpv, AttributionsText.Code(i.State), i.StateLabel, i.BailleurName, i.ReservataireName,
                    i.DeclaredOn, i.AvailableOn, i.DesignationDeadline, i.Returned, i.FluxYear))]))
                : NoAccess(r.Scope);
        }).WithName("ListVacancies").WithSummary("Vacances visibles (filtres etat declaree|orientee|conservee|rendue|designee|caleol|proposee|louee|retiree, commune, bailleur, reservataire, annee ; page de 50) et effectifs par état")
          .Produces<VacancesDto>().ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/vacances", async (DeclarationDto body, DeclareVacancy declare, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            return Answer(await declare.HandleAsync(new DeclareVacancy.Request(body.Logement, body.IdentifiantRpls, body.DisponibleLe), user, ct), "/api/v1/attributions/vacances");
        }).WithName("DeclareVacancy").WithSummary("Le bailleur déclare la vacance d'un de ses logements (logement ou identifiantRpls) ; Equilibre propose le réservataire d'après le solde du flux, avec la raison")
          .Produces<ResultatDto>(StatusCodes.Status201Created).Produces<ErreursDto>(StatusCodes.Status400BadRequest).Produces<ErreursDto>(StatusCodes.Status409Conflict)
          .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/vacances/{id:long}", async (long id, GetVacancy get, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            var v = await get.HandleAsync(new GetVacancy.Request(id), user, ct);
            return v is null ? NotFound("Vacance", id) : Results.Ok(Vacancy(v));
        }).WithName("GetVacancy").WithSummary("Une vacance : faits du logement, état, proposition et raison, orientation et date limite, historique, ce que l'utilisateur peut faire")
          .Produces<VacanceDto>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/vacances/{id:long}/orientation", async (long id, OrientationDto body, OrientVacancy orient, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            if (body.Revision is not { } revision)
            {
                return Invalid("1 erreur(s) : l'orientation n'a pas été enregistrée", [new("revision", "Revision : la version de la vacance lue est obligatoire (concurrence optimiste)")]);
            }

            return Answer(await orient.HandleAsync(new OrientVacancy.Request(id, revision, body.Convention, body.Motif), user, ct), null);
        }).WithName("OrientVacancy").WithSummary("Le bailleur confirme la proposition ou l'écarte (autre convention, ou convention absente = conservée) avec un motif ; revision obligatoire, 409 si la vacance a changé")
          .Produces<ResultatDto>().Produces<ErreursDto>(StatusCodes.Status400BadRequest).Produces<ErreursDto>(StatusCodes.Status409Conflict)
          .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/flux", async (int? annee, long? bailleur, GetFluxLedger get, TimeProvider clock, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            var r = await get.HandleAsync(new GetFluxLedger.Request(annee ?? Features.FrenchTime.Today(clock).Year, bailleur), user, ct);
            return r.Scope.SeesAnything
                ? Results.Ok(new FluxDto(r.Year, [.. r.Lines.Select(l => new LigneFluxDto(l.ConventionId, l.BailleurName, l.ReservataireName, AttributionsText.Code(l.Kind), l.Reference,
                    l.Share, l.Perimeter, l.Base.Vacancies, l.Base.Withdrawn, l.Base.Flux, l.Ledger.Due, l.Ledger.Oriented, l.Ledger.Returned, l.Ledger.Delivered,
                    l.Ledger.Attributed, l.Ledger.CarriedOver, l.Ledger.Balance, l.Ledger.Deficit, [.. l.Typologies.Select(t => new TypologieDto(t.Rooms, t.Committed, t.Oriented))],
                    l.GeographyCommitment, l.Base.Explanation, l.Ledger.Explanation))],
                    [.. r.Prefect.Select(p => new PartPrefetDto(p.ConventionId, p.BailleurName, p.Share.WithinLimits, p.Share.SharePercent, p.Share.StateAgentsPercent,
                        p.Share.Explanation, p.OutsideQpvMet, p.OutsideQpv))], r.Notes))
                : NoAccess(r.Scope);
        }).WithName("GetFluxLedger").WithSummary("Bilan du flux d'une année (annee, défaut : l'année en cours) : par convention visible, flux, dû, orientés, rendus, attribués, report, solde et déficit, avec l'explication ; contrôle de la part du préfet")
          .Produces<FluxDto>().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static ConventionDto Convention(ListConventions.Row r)
    {
        var c = r.Record;
        return new ConventionDto(c.Id, c.Revision, c.BailleurId, r.BailleurName, c.ReservataireOrganisationId, r.ReservataireName, AttributionsText.Code(c.Kind), c.DepartementCode,
            c.Communes?.Split(',', StringSplitOptions.RemoveEmptyEntries), c.RatePercent, c.Volume, c.StateAgentsRatePercent, c.Typologies, c.GeographyCommitment,
            c.DesignationDelayDays, c.Redesignations, c.ReturnedCountsAsDelivered, c.ValidFrom, c.ValidTo, c.Reference, c.CarriedOver, r.Share, r.Perimeter, r.CanEdit);
    }

    private static VacanceDto Vacancy(GetVacancy.Result r)
    {
        var v = r.Vacancy;
        return new VacanceDto(v.Id, v.Revision, v.DwellingId, r.RplsId, r.Address, v.CommuneCode, r.CommuneName, v.EpciSiren, v.DepartementCode, v.Rooms, v.InQpv,
            AttributionsText.Code(v.State), r.StateLabel, r.BailleurName, r.WithdrawnLabel, v.ProposedConventionId, r.ProposedConvention, v.ProposalReason, v.ConventionId,
            r.Convention, r.ReservataireName, v.OrientedOn, v.DesignationDeadline, v.OverrideMotive, v.Returned, v.ReturnReason,
            [.. r.Timeline.Select(e => new EvenementDto(e.At, e.By, e.Organisation, e.Kind, e.Summary, e.Detail))], r.Candidates.Count, r.Offers.Count, r.Leases.Count,
            r.May.CanOrient, r.May.CanDesignate, r.May.CanDecide);
    }

    private static IResult Answer(AllocationResult result, string? createdAt) => result.Outcome switch
    {
        AllocationOutcome.Done when createdAt is not null => Results.Created($"{createdAt}/{result.Id?.ToString(CultureInfo.InvariantCulture)}", new ResultatDto(result.Id, result.Message, result.Warnings)),
        AllocationOutcome.Done => Results.Ok(new ResultatDto(result.Id, result.Message, result.Warnings)),
        AllocationOutcome.NotFound => Results.Problem(title: "Introuvable", detail: result.Message, statusCode: StatusCodes.Status404NotFound),
        AllocationOutcome.Forbidden => Results.Problem(title: "Action refusée", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
        AllocationOutcome.Conflict => Invalid(result.Message, [], StatusCodes.Status409Conflict),
        _ => Invalid(result.Message, [.. result.Errors.Select(e => new ErreurDto(e.Field, e.Message))]),
    };

    private static IResult Invalid(string message, IReadOnlyList<ErreurDto> errors, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new ErreursDto(message, errors), statusCode: status);

    private static IResult NotFound(string what, long id) =>
        Results.Problem(title: $"{what} introuvable", detail: $"Aucune {what.ToLowerInvariant()} n° {id.ToString(CultureInfo.InvariantCulture)} dans votre périmètre.", statusCode: StatusCodes.Status404NotFound);

    private static IResult NoAccess(AllocationScope scope) =>
        Results.Problem(title: "Accès refusé", detail: $"Votre rôle ne donne {scope.Description} : les attributions concernent les bailleurs, réservataires, membres de CALEOL et services du territoire.", statusCode: StatusCodes.Status403Forbidden);
}
