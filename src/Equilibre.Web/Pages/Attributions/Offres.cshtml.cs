using Equilibre.Features.Allocation;
using Equilibre.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>
/// The offers of one vacancy: each with its rank, response deadline (R441-10, extended past weekends and public
/// holidays) and answer; the candidates still waiting; the bailleur's forms to offer, record the answer (acceptance, or
/// refusal with a reason code) and sign the lease with the candidate who accepted; the lease once signed. The candidates
/// attributed under a suspensive condition (R441-3 c) are listed with the missing document and the deadline, and the
/// bailleur records here the date the document came in (<see cref="LiftCondition"/>): that is where the next offer is made;
/// once the deadline has passed it may instead record that the condition lapsed (<see cref="LapseCondition"/>).
/// </summary>
public sealed class OffresModel(
    GetVacancyOffers get, SendOffer send, AnswerOffer answer, SignLease sign, LiftCondition lift, LapseCondition lapse, TimeProvider clock, CurrentUserAccessor currentUser)
    : AllocationPage(currentUser)
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public GetVacancyOffers.Result? Offers { get; private set; }

    public IReadOnlyList<LiftCondition.Pending> Conditions { get; private set; } = [];

    public DateOnly Today => Features.FrenchTime.Today(clock);

    protected override async Task<bool> LoadAsync(Features.Organisations.CurrentUser user, CancellationToken ct)
    {
        Offers = await get.HandleAsync(Id, user, ct);
        Conditions = Offers is null ? [] : await lift.PendingAsync(Id, user, ct);
        return Offers is not null;
    }

    private string Back => $"/attributions/vacance/{Id}/offres";

    public async Task<IActionResult> OnPostOffrirAsync(int? revision, CancellationToken ct) =>
        await ActAsync(user => send.HandleAsync(new(Id, revision), user, ct), Back, ct);

    public async Task<IActionResult> OnPostRepondreAsync(long offre, string? reponse, string? motif, int? revision, CancellationToken ct) =>
        await ActAsync(user => reponse switch
        {
            "acceptation" => answer.HandleAsync(new(offre, OfferAnswer.Accept, null, revision), user, ct),
            "refus" => answer.HandleAsync(new(offre, OfferAnswer.Refuse, motif, revision), user, ct),
            _ => Task.FromResult(AllocationResult.Refused("reponse", "choisissez la réponse du candidat")),
        }, Back, ct);

    public async Task<IActionResult> OnPostSignerAsync(long offre, DateOnly? signeLe, DateOnly? debut, string? relogement, int? revision, CancellationToken ct) =>
        await ActAsync(user => signeLe is null || debut is null
            ? Task.FromResult(AllocationResult.Refused("signeLe", "dates de signature et d'effet du bail : obligatoires"))
            : AttributionsCaleolApi.ParseRelocation(relogement) is { } relocation
                ? sign.HandleAsync(new(offre, signeLe.Value, debut.Value, relocation, revision), user, ct)
                : Task.FromResult(AllocationResult.Refused("relogement", "relogement : aucun, ANRU ou ORCOD")), Back, ct);

    public async Task<IActionResult> OnPostLeverAsync(long candidat, DateOnly? recuLe, int? revision, CancellationToken ct) =>
        await ActAsync(user => recuLe is null
            ? Task.FromResult(AllocationResult.Refused("recuLe", "date de réception de la pièce manquante : obligatoire"))
            : lift.HandleAsync(new(candidat, recuLe.Value, revision), user, ct), Back, ct);

    public async Task<IActionResult> OnPostCaduciteAsync(long candidat, int? revision, CancellationToken ct) =>
        await ActAsync(user => lapse.HandleAsync(new(candidat, revision), user, ct), Back, ct);
}
