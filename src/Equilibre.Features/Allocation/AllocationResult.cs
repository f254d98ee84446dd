using Equilibre.Domain.Applications;

namespace Equilibre.Features.Allocation;

public enum AllocationOutcome
{
    Done,
    NotFound,
    Forbidden,
    Invalid,

    /// <summary>Someone else changed the record since the form was opened, or won a race (a French 409).</summary>
    Conflict,
}

/// <summary>
/// What an allocation use case did, in French: the id of the record it created or changed, or the field errors and the
/// reason of a refusal. A conflict says what changed, so that the user knows what to reload.
/// </summary>
public sealed record AllocationResult(AllocationOutcome Outcome, long? Id, IReadOnlyList<FieldError> Errors, string Message, IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Outcome == AllocationOutcome.Done;

    public static AllocationResult Done(long id, string message, IReadOnlyList<string>? warnings = null) => new(AllocationOutcome.Done, id, [], message, warnings ?? []);

    public static AllocationResult NotFound(string what) => new(AllocationOutcome.NotFound, null, [], $"{what} introuvable dans votre périmètre", []);

    public static AllocationResult Forbidden(string message) => new(AllocationOutcome.Forbidden, null, [], message, []);

    public static AllocationResult Invalid(IReadOnlyList<FieldError> errors, string message) => new(AllocationOutcome.Invalid, null, errors, message, []);

    public static AllocationResult Refused(string field, string message) => new(AllocationOutcome.Invalid, null, [new(field, message)], message, []);

    /// <summary>The record moved on since it was read: <paramref name="whatChanged"/> says how (state, who, when).</summary>
    public static AllocationResult Conflict(string whatChanged) =>
        new(AllocationOutcome.Conflict, null, [], $"{whatChanged} : rechargez la page, votre action n'a pas été enregistrée", []);
}
