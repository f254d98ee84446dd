using Equilibre.Domain.Applications;
using Equilibre.Features.Applications;
using Equilibre.Features.Cotation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Demandes;

/// <summary>
/// One demand: status, household facts with their explanations, Q1, eligibility, content, attestation and history;
/// the lifecycle actions of a guichet. 404 alike for a demand that does not exist and one outside the user's territory.
/// </summary>
public sealed class DemandeModel(
    GetDemand get, GetDemandCotation cotation, RadiateDemand radiate, SendRadiationNotice notice, UnradiateDemand unradiate, CurrentUserAccessor currentUser) : PageModel
{
    /// <summary>Radiation reasons a guichet chooses from; attribution follows a lease, never this form.</summary>
    public static readonly IReadOnlyList<RadiationReason> GuichetRadiations =
        [RadiationReason.Renunciation, RadiationReason.NonRenewal, RadiationReason.Inadmissibility, RadiationReason.NoContact];

    [BindProperty(SupportsGet = true)]
    public string Numero { get; set; } = "";

    public GetDemand.Result? Demand { get; private set; }

    public GetDemandCotation.Result? Cotation { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public bool IsConflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRadierAsync(string? motif, string? commentaire, int? version, CancellationToken ct)
    {
        var reason = DemandLifecycle.ParseCode(motif);
        return await ActAsync(user => reason is null
            ? Task.FromResult(DemandResult.Refused(Numero, "motif", "choisissez le motif de la radiation"))
            : radiate.HandleAsync(new RadiateDemand.Request(Numero, reason.Value, Clean(commentaire), version), user, ct), ct);
    }

    public async Task<IActionResult> OnPostPreavisAsync(string? motif, string? sousMotif, string? commentaire, int? version, CancellationToken ct)
    {
        var reason = motif switch
        {
            "IRRSEJ" or "IRRRES" => RadiationReason.Inadmissibility,
            "RADCON" => RadiationReason.NoContact,
            _ => (RadiationReason?)null,
        };
        sousMotif = reason == RadiationReason.Inadmissibility ? motif : sousMotif;
        return await ActAsync(user => reason is null
            ? Task.FromResult(DemandResult.Refused(Numero, "motif", "choisissez le motif du préavis"))
            : notice.HandleAsync(new SendRadiationNotice.Request(Numero, reason.Value, sousMotif, Clean(commentaire), version), user, ct), ct);
    }

    public async Task<IActionResult> OnPostDeradierAsync(string? motif, int? version, CancellationToken ct) =>
        await ActAsync(user => unradiate.HandleAsync(new UnradiateDemand.Request(Numero, motif ?? "", version), user, ct), ct);

    private async Task<IActionResult> ActAsync(Func<Features.Organisations.CurrentUser, Task<DemandResult>> act, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        if (user is null)
        {
            return NotFound();
        }

        var result = await act(user);
        switch (result.Outcome)
        {
            case DemandOutcome.Done:
                Message = Format.Sentence(result.Message);
                return Redirect($"/demandes/{Numero}");
            case DemandOutcome.NotFound:
                return NotFound();
            case DemandOutcome.Forbidden:
                return Forbid();
            default:
                IsConflict = result.Outcome == DemandOutcome.Conflict;
                Error = result.Message;
                return await LoadAsync(ct) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        Demand = user is null ? null : await get.HandleAsync(Numero, user, ct);
        Cotation = Demand is null ? null : await cotation.HandleAsync(Numero, user!, ct);
        return Demand is not null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
