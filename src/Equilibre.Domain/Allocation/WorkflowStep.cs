namespace Equilibre.Domain.Allocation;

/// <summary>
/// The answer of an allocation state machine: the new state, or the French reason of the refusal (an illegal
/// transition is an expected outcome, not an exception).
/// </summary>
public sealed record WorkflowStep<TState>(bool Allowed, TState? State, string Explanation)
    where TState : struct, Enum;

/// <summary>Builds <see cref="WorkflowStep{TState}"/> answers.</summary>
public static class WorkflowStep
{
    public static WorkflowStep<TState> To<TState>(TState state, string why)
        where TState : struct, Enum => new(true, state, why);

    public static WorkflowStep<TState> Refused<TState>(string why)
        where TState : struct, Enum => new(false, null, why);
}
