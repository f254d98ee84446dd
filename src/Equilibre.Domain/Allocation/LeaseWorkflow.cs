namespace Equilibre.Domain.Allocation;

/// <summary>A lease: signed (the attribution counts, domain.md §5), then ended.</summary>
public enum LeaseState
{
    /// <summary>Signed and running.</summary>
    InForce,
    Ended,
}

/// <summary>What can happen to a lease.</summary>
public abstract record LeaseAction
{
    /// <summary>The lease ends on <paramref name="On"/> (departure, termination); <paramref name="SignedOn"/> is its signature date.</summary>
    public sealed record End(DateOnly On, DateOnly SignedOn) : LeaseAction;
}

/// <summary>
/// The lease (domain.md §5, §7.2): its signature makes the attribution effective (created signed by the feature, which
/// also radiates the demand, RADATT); it ends once, not before it was signed.
/// </summary>
public static class LeaseWorkflow
{
    public static WorkflowStep<LeaseState> Transition(LeaseState from, LeaseAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return (from, action) switch
        {
            (LeaseState.Ended, LeaseAction.End) => WorkflowStep.Refused<LeaseState>("impossible de mettre fin au bail : le bail est déjà terminé"),
            (LeaseState.InForce, LeaseAction.End e) when e.On < e.SignedOn =>
                WorkflowStep.Refused<LeaseState>(French.Format($"impossible de mettre fin au bail le {e.On:dd/MM/yyyy} : il a été signé le {e.SignedOn:dd/MM/yyyy}")),
            (LeaseState.InForce, LeaseAction.End e) => WorkflowStep.To<LeaseState>(LeaseState.Ended, French.Format($"bail terminé le {e.On:dd/MM/yyyy}")),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "action inconnue"),
        };
    }

    public static string Label(LeaseState state) => state switch
    {
        LeaseState.InForce => "signé (en cours)",
        LeaseState.Ended => "terminé",
    };
}
