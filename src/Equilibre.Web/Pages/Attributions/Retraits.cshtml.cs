using Equilibre.Features.Allocation;
using Equilibre.Features.Stock;
using Microsoft.AspNetCore.Mvc;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>
/// The bailleur's withdrawals from the flux (R441-5): the dwellings withdrawn today or from a later date, with the reason
/// from the configured list, the dates and who; a form to withdraw one of its dwellings (by RPLS identifier, or picked
/// from a search of its stock by commune and typology) and an action to end a withdrawal. Only the bailleur (and an
/// administrator) acts; the territory and national scopes read; a réservataire gets 403, since a withdrawal is a matter
/// of the bailleur's stock, not of the vacancies oriented to it.
/// </summary>
public sealed class RetraitsModel(ListFluxWithdrawals list, WithdrawFromFlux withdraw, EndFluxWithdrawal end, ListDwellings dwellings, CurrentUserAccessor currentUser)
    : AllocationPage(currentUser)
{
    private const string Back = "/attributions/flux/retraits";

    [BindProperty(SupportsGet = true, Name = "commune")]
    public string? Commune { get; set; }

    [BindProperty(SupportsGet = true, Name = "typologie")]
    public int? Typologie { get; set; }

    /// <summary>The RPLS identifier typed or picked, kept in the form after a refusal.</summary>
    [BindProperty(SupportsGet = true, Name = "rpls")]
    public string? Rpls { get; set; }

    public ListFluxWithdrawals.Result? Withdrawals { get; private set; }

    public ListDwellings.Result? Search { get; private set; }

    protected override async Task<bool> LoadAsync(Features.Organisations.CurrentUser user, CancellationToken ct)
    {
        Withdrawals = await list.HandleAsync(user, ct);
        NotForUser = !Withdrawals.SeesAnything;
        if (Withdrawals.CanAct && (!string.IsNullOrWhiteSpace(Commune) || Typologie is not null))
        {
            Search = await dwellings.HandleAsync(new ListDwellings.Request(CommuneCode: Commune?.Trim(), Rooms: Typologie, PageSize: 20), user, ct);
        }

        return Withdrawals.SeesAnything;
    }

    public async Task<IActionResult> OnPostRetirerAsync(string? motif, DateOnly? debut, DateOnly? fin, string? commentaire, CancellationToken ct) =>
        await ActAsync(async user =>
        {
            if (string.IsNullOrWhiteSpace(Rpls))
            {
                return AllocationResult.Refused("Logement", "Logement : saisissez l'identifiant RPLS du logement ou choisissez-le dans la recherche");
            }

            if (string.IsNullOrWhiteSpace(motif))
            {
                return AllocationResult.Refused("Motif", "Motif : choisissez le motif du retrait dans la liste");
            }

            if (debut is null)
            {
                return AllocationResult.Refused("Debut", "Début : la date de début du retrait est obligatoire");
            }

            return await list.FindDwellingAsync(Rpls, user, ct) is { } dwelling
                ? await withdraw.HandleAsync(new(dwelling, motif, debut.Value, fin, Clean(commentaire)), user, ct)
                : AllocationResult.Refused("Logement", $"Logement : aucun logement « {Rpls.Trim()} » dans votre parc (identifiant RPLS du dernier millésime)");
        }, Back, ct);

    public async Task<IActionResult> OnPostTerminerAsync(long retrait, DateOnly? fin, string? commentaire, CancellationToken ct) =>
        await ActAsync(user => fin is null
            ? Task.FromResult(AllocationResult.Refused("Fin", "Fin : la date de fin du retrait est obligatoire"))
            : end.HandleAsync(new(retrait, fin.Value, Clean(commentaire)), user, ct), Back, ct);
}
