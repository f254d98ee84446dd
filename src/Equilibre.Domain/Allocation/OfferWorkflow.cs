namespace Equilibre.Domain.Allocation;

/// <summary>Where an offer stands (R441-10, domain.md §7.2).</summary>
public enum OfferState
{
    Pending,
    Accepted,
    Refused,

    /// <summary>No answer by the deadline: worth a refusal (R441-10).</summary>
    Expired,
}

/// <summary>A reason a candidate may give for refusing an offer.</summary>
public sealed record OfferRefusalReason(string Code, string Label);

/// <summary>
/// The refusal reason codes in use. No national list was found (domain.md §7.2, §11.3 ask for the refusal and its
/// consequences, not a code list): the default list is a proposal, configurable, and says so in <see cref="Source"/>.
/// </summary>
public sealed record OfferRefusalReasons(IReadOnlyList<OfferRefusalReason> Reasons, string Source)
{
    public static readonly OfferRefusalReasons Default = new(
    [
        new("LOCALISATION", "localisation ou environnement du logement"),
        new("TYPOLOGIE", "taille ou typologie du logement"),
        new("LOYER", "loyer ou charges trop élevés"),
        new("ETAT", "état ou équipement du logement"),
        new("ACCESSIBILITE", "accessibilité ou adaptation insuffisante"),
        new("SITUATION", "changement de situation du demandeur"),
        new("AUTRE_LOGEMENT", "logement trouvé par ailleurs"),
        new("AUTRE", "autre motif (à préciser)"),
    ], "liste de motifs de refus proposée par défaut, aucune liste nationale trouvée (domain.md §7.2, §11.3 — non confirmé)");

    public OfferRefusalReason? Find(string? code) => Reasons.FirstOrDefault(r => string.Equals(r.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>What can happen to an offer.</summary>
public abstract record OfferAction
{
    /// <summary>Acceptance received on <paramref name="On"/>; <paramref name="Deadline"/> is the offer's last day (<see cref="OfferDeadline"/>).</summary>
    public sealed record Accept(DateOnly On, DateOnly Deadline) : OfferAction;

    /// <summary>Refusal received on <paramref name="On"/> with its reason code.</summary>
    public sealed record Refuse(DateOnly On, string ReasonCode, OfferRefusalReasons Reasons) : OfferAction;

    /// <summary>Nobody answered: checked on <paramref name="On"/>, after the deadline.</summary>
    public sealed record Expire(DateOnly On, DateOnly Deadline) : OfferAction;
}

/// <summary>
/// An offer (R441-10 CCH, domain.md §7.2): pending until accepted, refused with a reason code, or expired — no answer by
/// the deadline (included) is a refusal, so an acceptance after it is refused and expiry is only possible after it. A
/// refusal before the deadline needs no waiting. An answered offer does not change again.
/// </summary>
public static class OfferWorkflow
{
    public static WorkflowStep<OfferState> Transition(OfferState from, OfferAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (from != OfferState.Pending)
        {
            return WorkflowStep.Refused<OfferState>($"impossible {Verb(action)} : l'offre est déjà {Label(from)}");
        }

        switch (action)
        {
            case OfferAction.Accept a when a.On > a.Deadline:
                return WorkflowStep.Refused<OfferState>(French.Format($"impossible d'accepter l'offre le {a.On:dd/MM/yyyy} : le délai de réponse a expiré le {a.Deadline:dd/MM/yyyy} et l'absence de réponse vaut refus (R441-10)"));
            case OfferAction.Accept a:
                return WorkflowStep.To<OfferState>(OfferState.Accepted, French.Format($"offre acceptée le {a.On:dd/MM/yyyy}, dans le délai (au plus tard le {a.Deadline:dd/MM/yyyy})"));
            case OfferAction.Refuse r:
                ArgumentNullException.ThrowIfNull(r.Reasons);
                if (r.Reasons.Find(r.ReasonCode) is not { } reason)
                {
                    return WorkflowStep.Refused<OfferState>($"motif de refus « {r.ReasonCode} » inconnu : choisir parmi {string.Join(", ", r.Reasons.Reasons.Select(x => x.Code))}");
                }

                return WorkflowStep.To<OfferState>(OfferState.Refused, French.Format($"offre refusée le {r.On:dd/MM/yyyy} : {reason.Label} ({reason.Code}) ; la demande reste valable, l'offre passe au rang suivant"));
            case OfferAction.Expire e when e.On <= e.Deadline:
                return WorkflowStep.Refused<OfferState>(French.Format($"le délai de réponse court jusqu'au {e.Deadline:dd/MM/yyyy} inclus : l'offre n'est pas expirée le {e.On:dd/MM/yyyy}"));
            case OfferAction.Expire e:
                return WorkflowStep.To<OfferState>(OfferState.Expired, French.Format($"aucune réponse au {e.Deadline:dd/MM/yyyy} : l'absence de réponse vaut refus (R441-10), l'offre passe au rang suivant"));
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "action inconnue");
        }
    }

    /// <summary>Refused and expired both count as a refusal (R441-10).</summary>
    public static bool IsRefusal(OfferState state) => state is OfferState.Refused or OfferState.Expired;

    public static string Label(OfferState state) => state switch
    {
        OfferState.Pending => "en attente de réponse",
        OfferState.Accepted => "acceptée",
        OfferState.Refused => "refusée",
        OfferState.Expired => "expirée (absence de réponse valant refus)",
    };

    private static string Verb(OfferAction action) => action switch
    {
        OfferAction.Accept => "d'accepter l'offre",
        OfferAction.Refuse => "de refuser l'offre",
        OfferAction.Expire => "de constater l'expiration de l'offre",
        _ => "de modifier l'offre",
    };
}
