using System.Globalization;
using Equilibre.Features.Allocation;
using Microsoft.AspNetCore.Mvc;

namespace Equilibre.Web.Pages.Attributions;

/// <summary>The CALEOL sessions of the user's bailleur, and the form to plan one (in person, or remote with its voting window).</summary>
public sealed class CaleolModel(ListCaleolSessions list, CreateCaleolSession create, CurrentUserAccessor currentUser) : AllocationPage(currentUser)
{
    public ListCaleolSessions.Result? Result { get; private set; }

    protected override async Task<bool> LoadAsync(Features.Organisations.CurrentUser user, CancellationToken ct)
    {
        Result = await list.HandleAsync(user, ct);
        return true;
    }

    public async Task<IActionResult> OnPostCreerAsync(DateOnly? date, string? mode, string? ouverture, string? cloture, string? lieu, string? membres, CancellationToken ct) =>
        await ActAsync(async user =>
        {
            if (date is null)
            {
                return AllocationResult.Refused("date", "date de la séance : obligatoire");
            }

            var distance = mode == "distance";
            return await create.HandleAsync(new(date.Value, distance ? CaleolMode.Distance : CaleolMode.Presentiel,
                distance ? Instant(ouverture) : null, distance ? Instant(cloture) : null, Clean(lieu), membres), user, ct);
        }, id => id is { } session ? $"/attributions/caleol/{session}" : "/attributions/caleol", ct);

    /// <summary>A datetime-local field, read as French time.</summary>
    private static DateTimeOffset? Instant(string? text)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        return new DateTimeOffset(local, paris.GetUtcOffset(local));
    }
}
