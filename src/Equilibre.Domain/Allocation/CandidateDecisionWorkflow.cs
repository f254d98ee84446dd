namespace Equilibre.Domain.Allocation;

/// <summary>The five decisions a CALEOL may take for a candidate (R441-3 CCH a) to e), domain.md §7.2, §17.5).</summary>
public enum CaleolDecisionKind
{
    /// <summary>a) Attribution du logement au candidat.</summary>
    Attribution,

    /// <summary>b) Attribution en classant les candidats par ordre de priorité (rank 1, 2, 3…).</summary>
    AttributionByRank,

    /// <summary>c) Attribution sous condition suspensive: a document of the limitative list (R441-2-4-1) is missing; the decision fixes the deadline.</summary>
    AttributionUnderCondition,

    /// <summary>d) Non-attribution (motivated).</summary>
    NonAttribution,

    /// <summary>e) Rejet pour irrecevabilité (R441-2-8 d, notified per L441-2-2): leads to the radiation procedure.</summary>
    Inadmissibility,
}

/// <summary>Where a candidate of a CALEOL agenda stands.</summary>
public enum CandidateDecisionState
{
    /// <summary>On the agenda, not decided.</summary>
    Pending,
    Attributed,
    AttributedByRank,

    /// <summary>Attributed under a suspensive condition not yet lifted.</summary>
    AttributedUnderCondition,

    /// <summary>The missing document came in time: the bailleur must sign if the access conditions are still met (R441-3 c).</summary>
    ConditionLifted,

    /// <summary>The deadline passed without the document: the attribution does not bind the bailleur.</summary>
    ConditionLapsed,
    NotAttributed,
    Inadmissible,
}

/// <summary>A decision as recorded: its kind, date and the data the kind requires.</summary>
/// <param name="Kind">One of the five legal decisions.</param>
/// <param name="DecidedOn">Date of the CALEOL session (or of the end of its remote voting window).</param>
/// <param name="Rank">Rank for <see cref="CaleolDecisionKind.AttributionByRank"/> (1 = first).</param>
/// <param name="ConditionDeadline">Deadline fixed by the decision to provide the missing document (no regulatory delay, domain.md §17.5).</param>
/// <param name="MissingDocument">The missing document (from the limitative list of R441-2-4-1).</param>
/// <param name="Motive">Motive, mandatory for non-attribution and irrecevabilité (notified to the applicant, R441-2-17).</param>
public sealed record CaleolDecision(CaleolDecisionKind Kind, DateOnly DecidedOn, int? Rank = null, DateOnly? ConditionDeadline = null, string? MissingDocument = null, string? Motive = null);

/// <summary>What can happen to a candidate on a CALEOL agenda.</summary>
public abstract record CandidateAction
{
    /// <summary>The CALEOL decides.</summary>
    public sealed record Decide(CaleolDecision Decision) : CandidateAction;

    /// <summary>The missing document was received on <paramref name="On"/>.</summary>
    public sealed record LiftCondition(DateOnly On, DateOnly Deadline) : CandidateAction;

    /// <summary>The deadline passed without the document (checked on <paramref name="On"/>).</summary>
    public sealed record LapseCondition(DateOnly On, DateOnly Deadline) : CandidateAction;
}

/// <summary>
/// The decision of a CALEOL for one candidate (R441-3 CCH, domain.md §7.2, §17.5): one of five legal decisions, taken once
/// (a correction is a new examination); the rank is required for a ranked attribution; a suspensive condition names the
/// missing document and carries the deadline fixed by the decision, after the session; non-attribution and irrecevabilité
/// need a motive. A condition is lifted when the document arrives by the deadline (included), and lapses after it.
/// </summary>
public static class CandidateDecisionWorkflow
{
    public static WorkflowStep<CandidateDecisionState> Transition(CandidateDecisionState from, CandidateAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action switch
        {
            CandidateAction.Decide d => Decide(from, d.Decision),
            CandidateAction.LiftCondition l when from != CandidateDecisionState.AttributedUnderCondition =>
                WorkflowStep.Refused<CandidateDecisionState>($"impossible de lever la condition suspensive : le candidat {Already(from)}{Label(from)}"),
            CandidateAction.LiftCondition l when l.On > l.Deadline =>
                WorkflowStep.Refused<CandidateDecisionState>(French.Format($"impossible de lever la condition suspensive le {l.On:dd/MM/yyyy} : le délai fixé par la décision a expiré le {l.Deadline:dd/MM/yyyy}")),
            CandidateAction.LiftCondition l =>
                WorkflowStep.To<CandidateDecisionState>(CandidateDecisionState.ConditionLifted,
                    French.Format($"pièce reçue le {l.On:dd/MM/yyyy}, avant la fin du délai du {l.Deadline:dd/MM/yyyy} : condition levée, le bailleur signe le bail si les conditions d'accès sont toujours remplies (R441-3 c)")),
            CandidateAction.LapseCondition c when from != CandidateDecisionState.AttributedUnderCondition =>
                WorkflowStep.Refused<CandidateDecisionState>($"impossible de constater la caducité de la condition : le candidat {Already(from)}{Label(from)}"),
            CandidateAction.LapseCondition c when c.On <= c.Deadline =>
                WorkflowStep.Refused<CandidateDecisionState>(French.Format($"le délai fixé par la décision court jusqu'au {c.Deadline:dd/MM/yyyy} inclus : condition non encore caduque le {c.On:dd/MM/yyyy}")),
            CandidateAction.LapseCondition c =>
                WorkflowStep.To<CandidateDecisionState>(CandidateDecisionState.ConditionLapsed,
                    French.Format($"pièce non reçue au {c.Deadline:dd/MM/yyyy} : la condition suspensive n'est pas levée, l'attribution n'oblige plus le bailleur")),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "action inconnue"),
        };
    }

    /// <summary>The decision's kind as the CALEOL minutes and the applicant's letter state it.</summary>
    public static string Label(CaleolDecisionKind kind) => kind switch
    {
        CaleolDecisionKind.Attribution => "attribution",
        CaleolDecisionKind.AttributionByRank => "attribution par ordre de priorité",
        CaleolDecisionKind.AttributionUnderCondition => "attribution sous condition suspensive",
        CaleolDecisionKind.NonAttribution => "non-attribution",
        CaleolDecisionKind.Inadmissibility => "rejet pour irrecevabilité",
    };

    public static string Label(CandidateDecisionState state) => state switch
    {
        CandidateDecisionState.Pending => "en attente de décision",
        CandidateDecisionState.Attributed => "attributaire",
        CandidateDecisionState.AttributedByRank => "attributaire par ordre de priorité",
        CandidateDecisionState.AttributedUnderCondition => "attributaire sous condition suspensive",
        CandidateDecisionState.ConditionLifted => "attributaire, condition suspensive levée",
        CandidateDecisionState.ConditionLapsed => "attributaire sous condition suspensive non levée dans le délai",
        CandidateDecisionState.NotAttributed => "non attributaire",
        CandidateDecisionState.Inadmissible => "rejeté pour irrecevabilité",
    };

    /// <summary>The state a decision leads to.</summary>
    public static CandidateDecisionState Target(CaleolDecisionKind kind) => kind switch
    {
        CaleolDecisionKind.Attribution => CandidateDecisionState.Attributed,
        CaleolDecisionKind.AttributionByRank => CandidateDecisionState.AttributedByRank,
        CaleolDecisionKind.AttributionUnderCondition => CandidateDecisionState.AttributedUnderCondition,
        CaleolDecisionKind.NonAttribution => CandidateDecisionState.NotAttributed,
        CaleolDecisionKind.Inadmissibility => CandidateDecisionState.Inadmissible,
    };

    /// <summary>Whether the candidate may receive an offer: attributed, ranked, or condition lifted.</summary>
    public static bool CanBeOffered(CandidateDecisionState state) =>
        state is CandidateDecisionState.Attributed or CandidateDecisionState.AttributedByRank or CandidateDecisionState.ConditionLifted;

    private static WorkflowStep<CandidateDecisionState> Decide(CandidateDecisionState from, CaleolDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var what = Label(decision.Kind);
        if (from != CandidateDecisionState.Pending)
        {
            return WorkflowStep.Refused<CandidateDecisionState>($"impossible de décider « {what} » : le candidat est déjà {Label(from)} ; une décision se corrige par un nouvel examen en CALEOL");
        }

        switch (decision.Kind)
        {
            case CaleolDecisionKind.AttributionByRank when decision.Rank is not ({ } rank and >= 1):
                return WorkflowStep.Refused<CandidateDecisionState>("attribution par ordre de priorité : le rang du candidat (1, 2, 3…) est obligatoire (R441-3 b)");
            case not CaleolDecisionKind.AttributionByRank when decision.Rank is not null:
                return WorkflowStep.Refused<CandidateDecisionState>($"« {what} » : un rang ne se donne que dans une attribution par ordre de priorité (R441-3 b)");
            case CaleolDecisionKind.AttributionUnderCondition when decision.ConditionDeadline is not { } deadline || deadline <= decision.DecidedOn:
                return WorkflowStep.Refused<CandidateDecisionState>("attribution sous condition suspensive : la décision doit fixer le délai de production de la pièce, postérieur à la séance (R441-3 c)");
            case CaleolDecisionKind.AttributionUnderCondition when string.IsNullOrWhiteSpace(decision.MissingDocument):
                return WorkflowStep.Refused<CandidateDecisionState>("attribution sous condition suspensive : la pièce justificative manquante doit être indiquée (liste limitative de l'article R441-2-4-1)");
            case CaleolDecisionKind.NonAttribution or CaleolDecisionKind.Inadmissibility when string.IsNullOrWhiteSpace(decision.Motive):
                return WorkflowStep.Refused<CandidateDecisionState>($"« {what} » : le motif est obligatoire (décision motivée et notifiée au demandeur)");
        }

        var to = Target(decision.Kind);
        var why = decision.Kind switch
        {
            CaleolDecisionKind.Attribution => French.Format($"attribution décidée le {decision.DecidedOn:dd/MM/yyyy}"),
            CaleolDecisionKind.AttributionByRank => French.Format($"attribution au rang {decision.Rank} décidée le {decision.DecidedOn:dd/MM/yyyy} : le logement revient à ce candidat si les candidats mieux classés refusent"),
            CaleolDecisionKind.AttributionUnderCondition => French.Format($"attribution sous condition suspensive décidée le {decision.DecidedOn:dd/MM/yyyy} : pièce manquante « {decision.MissingDocument} » à produire au plus tard le {decision.ConditionDeadline:dd/MM/yyyy}"),
            CaleolDecisionKind.NonAttribution => French.Format($"non-attribution décidée le {decision.DecidedOn:dd/MM/yyyy} : {decision.Motive}"),
            CaleolDecisionKind.Inadmissibility => French.Format($"rejet pour irrecevabilité décidé le {decision.DecidedOn:dd/MM/yyyy} : {decision.Motive} ; la radiation suit la procédure d'un mois (R441-2-8)"),
        };
        return WorkflowStep.To<CandidateDecisionState>(to, why);
    }

    private static string Already(CandidateDecisionState from) => from == CandidateDecisionState.Pending ? "est " : "est déjà ";
}
