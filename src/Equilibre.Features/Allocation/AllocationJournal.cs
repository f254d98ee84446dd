using Equilibre.Features.Organisations;

namespace Equilibre.Features.Allocation;

/// <summary>Builds the append-only audit lines of the allocation workflow (<see cref="AllocationEvent"/>), one per action.</summary>
public static class AllocationJournal
{
    public const string Vacancy = "Vacance";
    public const string Candidate = "Candidat";
    public const string Session = "Commission";
    public const string Decision = "Décision";
    public const string Offer = "Offre";
    public const string Lease = "Bail";
    public const string Convention = "Convention";
    public const string Withdrawal = "Retrait du flux";

    public static AllocationEvent Event(string entityKind, long entityId, long? vacancyId, string summary, string? detail, CurrentUser user, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new AllocationEvent
        {
            EntityKind = entityKind,
            EntityId = entityId,
            VacancyId = vacancyId,
            Summary = Truncate(summary, 1000),
            Detail = detail is null ? null : Truncate(detail, 4000),
            UserId = user.UserId == 0 ? null : user.UserId,
            By = user.DisplayName,
            OrganisationName = user.OrganisationName,
            At = at,
        };
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
