using System.Globalization;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Allocation;

namespace Equilibre.Web.Api;

/// <summary>
/// <c>/api/v1/attributions/vacances/{id}/candidats-possibles</c> (GET: the shortlist) and <c>…/candidats</c> (POST: the
/// designation), scoped by <see cref="AllocationAccess"/> like the page (a vacancy outside the user's scope answers 404,
/// a visible one the user does not designate on 403). No household name, only numéros; the excluded demands as counts.
/// The POST carries the vacancy's <c>revision</c> read with the shortlist: 409 with what changed when it moved on.
/// JSON body only (no antiforgery token needed, as the other APIs: SameSite=Lax cookie).
/// </summary>
internal static class AttributionsDesignationApi
{
    public sealed record EffetDto(string Objectif, string Titulaire, bool CompteAuNumerateur, int NumerateurApres, int DenominateurApres, decimal? TauxAvant, decimal? TauxApres, string Explication);

    public sealed record CandidatPossibleDto(
        int Rang, string Numero, int Personnes, decimal RessourcesMensuelles, decimal? RevenuFiscalReference, decimal Note, bool? PremierQuartile, bool Dalo, bool Prioritaire,
        bool Mutation, IReadOnlyList<string> Badges, IReadOnlyList<string> Remarques, IReadOnlyList<EffetDto> Effets);

    public sealed record ExclusionDto(string Regle, string Motif, int Demandes);

    public sealed record CompteurDto(string Objectif, string Titulaire, int Numerateur, int Denominateur, decimal ObjectifPourcent, string Libelle);

    public sealed record CandidatsPossiblesDto(
        long Vacance, int Revision, string Etat, string Commune, int Pieces, bool? Qpv, bool PeutDesigner, string? RaisonRefus, DateOnly DateSignaturePrevue,
        int Eligibles, bool CompteExact, int Examinees, int CandidatsMinimum, bool TropPeuEligibles,
        IReadOnlyList<CandidatPossibleDto> Candidats, IReadOnlyList<ExclusionDto> Exclusions, IReadOnlyList<CompteurDto> Compteurs, IReadOnlyList<string> Remarques);

    public sealed record ChoixDto(string Numero, bool DesignePrefetDalo = false);

    public sealed record DesignationDto(int Revision, IReadOnlyList<ChoixDto>? Candidats, string? MotifException);

    public sealed record ErreurDto(string Champ, string Message);

    public sealed record ResultatDto(long Vacance, string Message, IReadOnlyList<string> Avertissements);

    public sealed record ErreursDto(string Message, IReadOnlyList<ErreurDto> Erreurs);

    public static void MapAttributionsDesignationApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/attributions/vacances").RequireAuthorization(Policies.Professionals).WithTags("Attributions");

        group.MapGet("/{id:long}/candidats-possibles", async (long id, GetShortlist get, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            var r = await get.HandleAsync(new GetShortlist.Request(id), user, ct);
            return r is null ? NotFound(id) : Results.Ok(Shortlist(r));
        }).WithName("GetShortlist").WithSummary("Demandes éligibles à un logement vacant, classées par cotation, avec badges (Q1, DALO, prioritaire, mutation) et effet sur T1/T2/T3 ; demandes exclues par motif (comptes seulement)")
          .Produces<CandidatsPossiblesDto>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:long}/candidats", async (long id, DesignationDto body, DesignateCandidates designate, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return Results.Unauthorized();
            }

            var choices = (body.Candidats ?? []).Select(c => new DesignateCandidates.Choice(c.Numero ?? "", c.DesignePrefetDalo)).ToList();
            var result = await designate.HandleAsync(new DesignateCandidates.Request(id, body.Revision, choices, body.MotifException), user, ct);
            return result.Outcome switch
            {
                AllocationOutcome.Done => Results.Ok(new ResultatDto(id, result.Message, result.Warnings)),
                AllocationOutcome.NotFound => NotFound(id),
                AllocationOutcome.Forbidden => Results.Problem(title: "Action refusée", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
                AllocationOutcome.Conflict => Results.Json(new ErreursDto(result.Message, []), statusCode: StatusCodes.Status409Conflict),
                _ => Results.Json(new ErreursDto(result.Message, [.. result.Errors.Select(e => new ErreurDto(e.Field, e.Message))]), statusCode: StatusCodes.Status400BadRequest),
            };
        }).WithName("DesignateCandidates").WithSummary("Désigne les candidats d'un logement vacant, dans l'ordre ; revision = celle lue avec les candidats possibles (409 si elle a changé) ; avertissements CIA en retour")
          .Produces<ResultatDto>().Produces<ErreursDto>(StatusCodes.Status400BadRequest).Produces<ErreursDto>(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static CandidatsPossiblesDto Shortlist(GetShortlist.Result r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var v = r.Vacancy;
        return new CandidatsPossiblesDto(v.Id, v.Revision, VacancyWorkflow.Label(v.State), v.CommuneCode, v.Rooms, v.InQpv, r.CanDesignate, r.CannotDesignateReason, r.Signature,
            r.EligibleCount, r.CountIsExact, r.Examined, r.MinimumCandidates, r.TooFewEligible,
            [.. r.Candidates.Select(c => new CandidatPossibleDto(c.Rank, c.Numero, c.Persons, c.MonthlyResources, c.ReferenceIncome, c.Score, c.IsQ1, c.IsDalo, c.IsPriority,
                c.IsMutation, c.Badges, c.Notes, [.. c.Effects.Select(e => new EffetDto(e.Counter.Target.ToString(), e.Counter.Holder, e.CountsInNumerator, e.NumeratorAfter,
                    e.DenominatorAfter, e.RateBefore, e.RateAfter, e.Explanation))]))],
            [.. r.Excluded.Select(e => new ExclusionDto(e.Check.ToString(), e.Reason, e.Count))],
            [.. r.Counters.Select(c => new CompteurDto(c.Target.ToString(), c.Holder, c.Numerator, c.Denominator, c.TargetPercent, TargetCounters.Describe(c)))],
            r.Notes);
    }

    private static IResult NotFound(long id) =>
        Results.Problem(title: "Vacance introuvable", detail: $"Aucune vacance n° {id.ToString(CultureInfo.InvariantCulture)} dans votre périmètre.", statusCode: StatusCodes.Status404NotFound);
}
