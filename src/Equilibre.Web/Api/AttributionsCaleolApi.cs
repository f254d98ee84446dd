using Equilibre.Domain.Allocation;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;

namespace Equilibre.Web.Api;

/// <summary>
/// <c>/api/v1/attributions</c>, CALEOL, offers and leases (issue 6): the same use cases and the same scope as the pages
/// (<see cref="AllocationAccess"/>: a session, vacancy or offer outside the user's scope answers 404). Writes take a JSON
/// body carrying the <c>revision</c> of the record read; a record moved on since answers 409 with the French reason
/// (what changed, by whom, when), an action the user's role does not allow 403, a refused rule 400 with the field.
/// Candidates appear by demand numéro only.
/// </summary>
internal static class AttributionsCaleolApi
{
    public sealed record ErreurDto(string Champ, string Message);

    public sealed record ErreursDto(string Message, IReadOnlyList<ErreurDto> Erreurs);

    public sealed record ResultatDto(long Id, string Message, IReadOnlyList<string> Suites);

    public sealed record CommissionResumeDto(long Id, DateOnly Date, string Mode, DateTimeOffset? OuvertureVote, DateTimeOffset? ClotureVote, string? Lieu, string Statut, string Bailleur, int Logements, int Decisions, int Revision);

    public sealed record NouvelleCommissionDto(DateOnly Date, string? Mode, DateTimeOffset? OuvertureVote, DateTimeOffset? ClotureVote, string? Lieu, IReadOnlyList<string>? Membres);

    public sealed record DecisionDto(long Id, string Type, string Libelle, int? Rang, string? Motif, DateOnly? DelaiCondition, string? PieceManquante, DateOnly DecideeLe, string DecideePar);

    public sealed record CandidatDto(long Id, int Ordre, string Demande, string DesignePar, bool? PremierQuartile, bool Prioritaire, bool Dalo, bool Mutation, string Etat, string EtatLibelle, int Revision, DecisionDto? Decision);

    public sealed record LogementOrdreDuJourDto(long Vacance, string? Logement, string Commune, int Pieces, string Etat, string EtatLibelle, int Revision, IReadOnlyList<CandidatDto> Candidats);

    public sealed record CommissionDto(
        long Id, DateOnly Date, string Mode, DateTimeOffset? OuvertureVote, DateTimeOffset? ClotureVote, string? Lieu, string Statut, string Bailleur,
        IReadOnlyList<string> Membres, bool VoteOuvert, string Explication, bool PeutDecider, int Revision, IReadOnlyList<LogementOrdreDuJourDto> OrdreDuJour);

    public sealed record NouvelleDecisionDto(long Candidat, string? Decision, int? Rang, string? Motif, DateOnly? DelaiCondition, string? PieceManquante, int? Revision);

    public sealed record InscriptionDto(long Vacance, int? Revision);

    public sealed record RevisionDto(int? Revision);

    public sealed record LeveeDto(DateOnly? RecueLe, int? Revision);

    public sealed record OffreDto(long Id, long Candidat, string Demande, int Rang, DateOnly EnvoyeeLe, DateOnly Echeance, string Etat, string EtatLibelle, string? MotifRefus, string? MotifRefusLibelle, DateOnly? RepondueLe, int Revision);

    public sealed record EnAttenteDto(long Candidat, string Demande, int Rang);

    public sealed record MotifDto(string Code, string Libelle);

    public sealed record BailDto(
        long Id, long Logement, string? IdentifiantRpls, string Demande, long? Vacance, string? Bailleur, DateOnly SigneLe, DateOnly Debut, DateOnly? FinLe, string Flux, string FluxLibelle,
        long? Reservataire, long? Commission, string Epci, string Commune, int Pieces, string? Financement, int? AnneeConstruction, string? Qpv, string? ExplicationQpv,
        decimal? RessourcesParUc, bool? PremierQuartile, int? AnneeSeuilQ1, decimal? SeuilQ1, bool Dalo, string? Priorite, bool Mutation, string Relogement);

    public sealed record OffresDto(long Vacance, string? Logement, string Etat, string EtatLibelle, int Revision, IReadOnlyList<OffreDto> Offres, IReadOnlyList<EnAttenteDto> EnAttente, BailDto? Bail, IReadOnlyList<MotifDto> MotifsRefus, string SourceMotifs, string SourceDelai);

    public sealed record EnvoiDto(int? Revision, DateOnly? EnvoyeeLe);

    public sealed record ReponseDto(string? Reponse, string? Motif, int? Revision, DateOnly? Le);

    public sealed record SignatureDto(DateOnly? SigneLe, DateOnly? Debut, string? Relogement, int? Revision);

    public sealed record BauxDto(int Total, int Page, int TaillePage, int Pages, IReadOnlyList<BailDto> Baux);

    public static void MapAttributionsCaleolApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/attributions").RequireAuthorization(Policies.Professionals).WithTags("Attributions : CALEOL, offres et baux");

        group.MapGet("/commissions", async (ListCaleolSessions list, CurrentUserAccessor currentUser, CancellationToken ct) =>
            await currentUser.GetAsync(ct) is not { } user ? Results.Unauthorized()
            : Results.Ok((await list.HandleAsync(user, ct)).Items.Select(i => new CommissionResumeDto(i.Session.Id, i.Session.Date, Mode(i.Session.Mode), i.Session.VoteOpens, i.Session.VoteCloses,
                i.Session.Place, Statut(i.Session.Status), i.Bailleur, i.Dwellings, i.Decisions, i.Session.Revision)).ToList()))
            .WithName("ListCaleolSessions").WithSummary("Séances de CALEOL du bailleur de l'utilisateur, les plus récentes d'abord").Produces<IReadOnlyList<CommissionResumeDto>>();

        group.MapPost("/commissions", async (NouvelleCommissionDto body, CreateCaleolSession create, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            if (ParseMode(body.Mode) is not { } mode)
            {
                return Invalid("mode : « presentiel » ou « distance » attendu", [new("mode", "mode : « presentiel » ou « distance » attendu")]);
            }

            var result = await create.HandleAsync(new(body.Date, mode, body.OuvertureVote, body.ClotureVote, body.Lieu, string.Join('\n', body.Membres ?? [])), user, ct);
            return Answer(result, created: $"/api/v1/attributions/commissions/{result.Id}");
        }).WithName("CreateCaleolSession").WithSummary("Programme une séance de CALEOL (mode presentiel|distance ; à distance, ouvertureVote < clotureVote obligatoires ; membres, un par élément)")
          .Produces<ResultatDto>(StatusCodes.Status201Created).Produces<ErreursDto>(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/commissions/{id:long}", async (long id, GetCaleolSession get, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            return await get.HandleAsync(id, user, ct) is { } s ? Results.Ok(Session(s)) : NotFound("Séance de CALEOL");
        }).WithName("GetCaleolSession").WithSummary("Une séance : membres, ordre du jour (logements, candidats par numéro de demande, décisions)")
          .Produces<CommissionDto>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/commissions/{id:long}/vacances", async (long id, InscriptionDto body, ScheduleVacancy schedule, CurrentUserAccessor currentUser, CancellationToken ct) =>
            await currentUser.GetAsync(ct) is not { } user ? Results.Unauthorized() : Answer(await schedule.HandleAsync(new(id, body.Vacance, body.Revision), user, ct)))
            .WithName("ScheduleVacancy").WithSummary("Inscrit à l'ordre du jour une vacance dont les candidats sont désignés (revision = celle de la vacance lue)")
            .Produces<ResultatDto>().Produces<ErreursDto>(StatusCodes.Status400BadRequest).Produces<ErreursDto>(StatusCodes.Status409Conflict);

        group.MapPost("/commissions/{id:long}/decisions", async (long id, NouvelleDecisionDto body, RecordDecision record, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            if (ParseDecision(body.Decision) is not { } kind)
            {
                return Invalid("decision : attribution, rang, condition, non_attribution ou irrecevabilite attendu", [new("decision", "type de décision inconnu")]);
            }

            return Answer(await record.HandleAsync(new(id, body.Candidat, kind, body.Rang, body.Motif, body.DelaiCondition, body.PieceManquante, body.Revision), user, ct));
        }).WithName("RecordCaleolDecision").WithSummary("Enregistre la décision de la CALEOL sur un candidat (decision attribution|rang|condition|non_attribution|irrecevabilite ; rang, motif, delaiCondition et pieceManquante selon le type ; revision = celle du candidat lu) — membres de la CALEOL du bailleur seulement")
          .Produces<ResultatDto>().Produces<ErreursDto>(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).Produces<ErreursDto>(StatusCodes.Status409Conflict);

        group.MapPost("/commissions/{id:long}/cloture", async (long id, RevisionDto body, CloseCaleolSession close, CurrentUserAccessor currentUser, CancellationToken ct) =>
            await currentUser.GetAsync(ct) is not { } user ? Results.Unauthorized() : Answer(await close.HandleAsync(new(id, body.Revision), user, ct)))
            .WithName("CloseCaleolSession").WithSummary("Clôt la séance (chaque candidat doit avoir une décision) ; un logement attribué à personne repart selon la convention")
            .Produces<ResultatDto>().Produces<ErreursDto>(StatusCodes.Status400BadRequest).Produces<ErreursDto>(StatusCodes.Status409Conflict);

        group.MapPost("/candidats/{id:long}/levee-condition", async (long id, LeveeDto body, LiftCondition lift, CurrentUserAccessor currentUser, TimeProvider clock, CancellationToken ct) =>
            await currentUser.GetAsync(ct) is not { } user ? Results.Unauthorized()
            : Answer(await lift.HandleAsync(new(id, body.RecueLe ?? Features.FrenchTime.Today(clock), body.Revision), user, ct)))
            .WithName("LiftCondition").WithSummary("La pièce manquante d'une attribution sous condition suspensive est reçue (recueLe, revision du candidat) : condition levée si le délai fixé par la décision court encore")
            .Produces<ResultatDto>().Produces<ErreursDto>(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).Produces<ErreursDto>(StatusCodes.Status409Conflict);

        group.MapGet("/commissions/{id:long}/pv.pdf", async (long id, ExportCaleolMinutes export, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            return await export.HandleAsync(id, user, ct) is { } pv ? Results.File(pv.Pdf, "application/pdf", pv.FileName) : NotFound("Séance de CALEOL");
        }).WithName("ExportCaleolMinutes").WithSummary("Procès-verbal de la séance en PDF (numéros de demande et décisions, sans donnée du ménage)")
          .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/vacances/{id:long}/offres", async (long id, GetVacancyOffers get, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            return await get.HandleAsync(id, user, ct) is { } o ? Results.Ok(Offers(o)) : NotFound("Vacance");
        }).WithName("GetVacancyOffers").WithSummary("Offres d'une vacance (rang, échéance, réponse), candidats attributaires en attente d'offre, bail signé, motifs de refus")
          .Produces<OffresDto>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/vacances/{id:long}/offres", async (long id, EnvoiDto body, SendOffer send, CurrentUserAccessor currentUser, CancellationToken ct) =>
            await currentUser.GetAsync(ct) is not { } user ? Results.Unauthorized() : Answer(await send.HandleAsync(new(id, body.Revision, body.EnvoyeeLe), user, ct)))
            .WithName("SendOffer").WithSummary("Fait l'offre au candidat attributaire le mieux classé (échéance R441-10 calculée ; revision = celle de la vacance lue)")
            .Produces<ResultatDto>().Produces<ErreursDto>(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).Produces<ErreursDto>(StatusCodes.Status409Conflict);

        group.MapPost("/offres/{id:long}/reponse", async (long id, ReponseDto body, AnswerOffer answer, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            OfferAnswer? kind = body.Reponse?.Trim().ToLowerInvariant() switch { "acceptation" or "accepte" => OfferAnswer.Accept, "refus" or "refuse" => OfferAnswer.Refuse, _ => null };
            return kind is null
                ? Invalid("reponse : « acceptation » ou « refus » attendu", [new("reponse", "reponse : « acceptation » ou « refus » attendu")])
                : Answer(await answer.HandleAsync(new(id, kind.Value, body.Motif, body.Revision, body.Le), user, ct));
        }).WithName("AnswerOffer").WithSummary("Enregistre la réponse du candidat (reponse acceptation|refus, motif de refus parmi les codes publiés ; revision = celle de l'offre lue) ; après un refus, l'offre passe au rang suivant")
          .Produces<ResultatDto>().Produces<ErreursDto>(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).Produces<ErreursDto>(StatusCodes.Status409Conflict);

        group.MapPost("/offres/{id:long}/bail", async (long id, SignatureDto body, SignLease sign, CurrentUserAccessor currentUser, TimeProvider clock, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            if (ParseRelocation(body.Relogement) is not { } relocation)
            {
                return Invalid("relogement : aucun, anru ou orcod attendu", [new("relogement", "relogement : aucun, anru ou orcod attendu")]);
            }

            var today = Features.FrenchTime.Today(clock);
            var result = await sign.HandleAsync(new(id, body.SigneLe ?? today, body.Debut ?? body.SigneLe ?? today, relocation, body.Revision), user, ct);
            return Answer(result, created: $"/api/v1/attributions/baux?id={result.Id}");
        }).WithName("SignLease").WithSummary("Signe le bail avec le candidat qui a accepté l'offre (signeLe, debut, relogement aucun|anru|orcod ; revision = celle de l'offre lue) : radiation RADATT de la demande ; 409 si un bail actif existe déjà pour le logement ou la demande")
          .Produces<ResultatDto>(StatusCodes.Status201Created).Produces<ErreursDto>(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).Produces<ErreursDto>(StatusCodes.Status409Conflict);

        group.MapGet("/baux", async (int? annee, string? epci, string? commune, long? bailleur, string? flux, int? page, int? taillePage, ListLeases list, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            var r = await list.HandleAsync(new(annee, epci, commune, bailleur, ParseFlux(flux), page ?? 1, Math.Clamp(taillePage ?? 50, 1, 500)), user, ct);
            return Results.Ok(new BauxDto(r.Total, r.Page, r.PageSize, r.Pages, [.. r.Items.Select(i => Lease(i.Lease, i.Numero, i.DwellingReference, i.Bailleur))]));
        }).WithName("ListLeases").WithSummary("Baux signés visibles par l'utilisateur, avec les faits figés à la signature pour les objectifs (annee, epci, commune, bailleur, flux prefet|reservataire|bailleur|rendu|hors_flux, page)")
          .Produces<BauxDto>();
    }

    internal static string Mode(CaleolMode mode) => mode == CaleolMode.Distance ? "distance" : "presentiel";

    internal static CaleolMode? ParseMode(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "presentiel" => CaleolMode.Presentiel,
        "distance" => CaleolMode.Distance,
        _ => null,
    };

    private static string Statut(CaleolSessionStatus status) => status == CaleolSessionStatus.Closed ? "close" : "prevue";

    internal static string DecisionCode(CaleolDecisionKind kind) => kind switch
    {
        CaleolDecisionKind.Attribution => "attribution",
        CaleolDecisionKind.AttributionByRank => "rang",
        CaleolDecisionKind.AttributionUnderCondition => "condition",
        CaleolDecisionKind.NonAttribution => "non_attribution",
        _ => "irrecevabilite",
    };

    internal static CaleolDecisionKind? ParseDecision(string? text) =>
        Enum.GetValues<CaleolDecisionKind>().Cast<CaleolDecisionKind?>().FirstOrDefault(k => string.Equals(DecisionCode(k!.Value), text?.Trim(), StringComparison.OrdinalIgnoreCase));

    internal static Relocation? ParseRelocation(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "aucun" => Relocation.None,
        "anru" => Relocation.Anru,
        "orcod" => Relocation.Orcod,
        _ => null,
    };

    internal static string FluxCode(FluxOrigin flux) => flux switch
    {
        FluxOrigin.Prefet => "prefet",
        FluxOrigin.Reservataire => "reservataire",
        FluxOrigin.BailleurNonReserved => "bailleur",
        FluxOrigin.ReturnedToBailleur => "rendu",
        FluxOrigin.WithdrawnFromFlux => "hors_flux",
        _ => "inconnu",
    };

    internal static FluxOrigin? ParseFlux(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : Enum.GetValues<FluxOrigin>().Cast<FluxOrigin?>().FirstOrDefault(f => string.Equals(FluxCode(f!.Value), text.Trim(), StringComparison.OrdinalIgnoreCase));

    private static CommissionDto Session(GetCaleolSession.Result s) => new(
        s.Session.Id, s.Session.Date, Mode(s.Session.Mode), s.Session.VoteOpens, s.Session.VoteCloses, s.Session.Place, Statut(s.Session.Status), s.Bailleur, s.Members,
        s.VotingOpen, s.VotingExplanation, s.CanDecide, s.Session.Revision,
        [.. s.Agenda.Select(a => new LogementOrdreDuJourDto(a.Vacancy.Id, a.DwellingReference, a.Vacancy.CommuneCode, a.Vacancy.Rooms, a.Vacancy.State.ToString(), VacancyWorkflow.Label(a.Vacancy.State), a.Vacancy.Revision,
            [.. a.Candidates.Select(c => new CandidatDto(c.Candidate.Id, c.Candidate.Order, c.Numero, c.Candidate.DesignatedBy, c.Candidate.IsQ1, c.Candidate.IsPriority, c.Candidate.IsDalo, c.Candidate.IsMutation,
                c.Candidate.State.ToString(), CandidateDecisionWorkflow.Label(c.Candidate.State), c.Candidate.Revision,
                c.Decision is { } d ? new DecisionDto(d.Id, DecisionCode(d.Kind), CandidateDecisionWorkflow.Label(d.Kind), d.Rank, d.Motive, d.ConditionDeadline, d.MissingDocument, d.DecidedOn, d.DecidedBy) : null))]))]);

    private static OffresDto Offers(GetVacancyOffers.Result o) => new(
        o.Vacancy.Id, o.DwellingReference, o.Vacancy.State.ToString(), VacancyWorkflow.Label(o.Vacancy.State), o.Vacancy.Revision,
        [.. o.Offers.Select(x => new OffreDto(x.Offer.Id, x.Offer.CandidateId, x.Numero, x.Offer.Rank, x.Offer.SentOn, x.Offer.Deadline, x.Offer.State.ToString(), OfferWorkflow.Label(x.Offer.State),
            x.Offer.RefusalReasonCode, x.ReasonLabel, x.Offer.AnsweredOn, x.Offer.Revision))],
        [.. o.Waiting.Select(w => new EnAttenteDto(w.Candidate.Id, w.Numero, w.Rank))],
        o.Lease is { } l ? Lease(l, o.LeaseNumero ?? "?", o.DwellingReference, null) : null,
        [.. o.Reasons.Reasons.Select(r => new MotifDto(r.Code, r.Label))], o.Reasons.Source, o.DeadlineSource);

    private static BailDto Lease(Lease l, string numero, string? reference, string? bailleur) => new(
        l.Id, l.DwellingId, reference, numero, l.VacancyId, bailleur, l.SignedOn, l.StartsOn, l.EndedOn, FluxCode(l.Flux), ListLeases.FluxLabel(l.Flux), l.ReservataireOrganisationId,
        l.CaleolSessionId, l.EpciSiren, l.CommuneCode, l.Rooms, l.Financing?.ToString(), l.ConstructionYear, l.Qpv?.ToString(), l.QpvExplanation, l.AnnualResourcesPerUc, l.IsQ1, l.Q1Year,
        l.Q1Threshold, l.Dalo, l.PriorityCategory, l.Mutation, l.Relocation.ToString().ToLowerInvariant());

    private static IResult Answer(AllocationResult result, string? created = null) => result.Outcome switch
    {
        AllocationOutcome.Done when created is not null => Results.Created(created, new ResultatDto(result.Id ?? 0, result.Message, result.Warnings)),
        AllocationOutcome.Done => Results.Ok(new ResultatDto(result.Id ?? 0, result.Message, result.Warnings)),
        AllocationOutcome.NotFound => Results.Problem(title: "Introuvable", detail: Sentence(result.Message), statusCode: StatusCodes.Status404NotFound),
        AllocationOutcome.Forbidden => Results.Problem(title: "Action refusée", detail: Sentence(result.Message), statusCode: StatusCodes.Status403Forbidden),
        AllocationOutcome.Conflict => Invalid(result.Message, [], StatusCodes.Status409Conflict),
        _ => Invalid(result.Message, [.. result.Errors.Select(e => new ErreurDto(e.Field, e.Message))]),
    };

    private static IResult Invalid(string message, IReadOnlyList<ErreurDto> errors, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new ErreursDto(Sentence(message), errors), statusCode: status);

    private static IResult NotFound(string what) =>
        Results.Problem(title: $"{what} introuvable", detail: $"{what} introuvable dans votre périmètre.", statusCode: StatusCodes.Status404NotFound);

    private static string Sentence(string text) => Format.Sentence(text);
}
