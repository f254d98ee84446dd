namespace Equilibre.Domain.Allocation;

/// <summary>Stages of a vacancy (domain.md §7.2 state machine, §9 flux).</summary>
public enum VacancyState
{
    /// <summary>Declared by the bailleur, not yet oriented.</summary>
    Declared,

    /// <summary>Oriented to a réservataire, which must designate candidates before its deadline.</summary>
    Oriented,

    /// <summary>Kept by the bailleur (its non-reserved share, or a dwelling withdrawn from the flux): it designates itself.</summary>
    KeptByBailleur,

    /// <summary>Given back to the bailleur (missed designation deadline, or failure under the return rules): still counted in the réservataire's flux.</summary>
    ReturnedToBailleur,

    /// <summary>Candidates designated, not yet examined.</summary>
    DesignationReceived,

    /// <summary>On the agenda of a CALEOL session.</summary>
    AtCaleol,

    /// <summary>An offer is pending with a ranked candidate.</summary>
    Offered,

    /// <summary>A lease was signed: the attribution is effective (terminal).</summary>
    Leased,

    /// <summary>Withdrawn from letting (sale, demolition, works…) (terminal).</summary>
    Withdrawn,
}

/// <summary>What can happen to a vacancy.</summary>
public enum VacancyAction
{
    Orient,
    KeepForBailleur,
    ReceiveDesignation,
    ReturnToBailleur,
    SubmitToCaleol,
    MakeOffer,
    SignLease,
    ReopenForReservataire,
    ReopenForBailleur,
    Withdraw,
}

/// <summary>
/// The vacancy workflow (domain.md §7.2, §9): declared → oriented to a réservataire or kept by the bailleur → candidates
/// designated → CALEOL → offer (then the next rank, still "offered") → lease. A réservataire that misses its designation
/// deadline gives the dwelling back to the bailleur (<see cref="VacancyAction.ReturnToBailleur"/>). When the CALEOL
/// attributes to nobody or every offer is refused, the vacancy goes back to the réservataire
/// (<see cref="VacancyAction.ReopenForReservataire"/>) or to the bailleur (<see cref="VacancyAction.ReopenForBailleur"/>, or
/// <see cref="VacancyAction.ReturnToBailleur"/> when the convention's return rules make it a return) — which one is
/// for the caller to choose from the convention: this machine checks stages, not who designates. Leased and withdrawn
/// are final.
/// </summary>
public static class VacancyWorkflow
{
    public static WorkflowStep<VacancyState> Transition(VacancyState from, VacancyAction action)
    {
        VacancyState[] legal = Sources(action);
        if (!legal.Contains(from))
        {
            var where = from == Target(action) || from is VacancyState.Leased or VacancyState.Withdrawn || (int)from > legal.Max(s => (int)s) ? "est déjà"
                : (int)from < legal.Min(s => (int)s) ? "n'en est pas encore là : elle est"
                : "est";
            return WorkflowStep.Refused<VacancyState>($"impossible {Verb(action)} : la vacance {where} {Label(from)}");
        }

        var to = Target(action);
        return WorkflowStep.To<VacancyState>(to, $"{Done(action)} : la vacance est {Label(to)}");
    }

    /// <summary>The stages from which an action is legal.</summary>
    public static VacancyState[] Sources(VacancyAction action) => action switch
    {
        VacancyAction.Orient or VacancyAction.KeepForBailleur => [VacancyState.Declared],
        VacancyAction.ReceiveDesignation => [VacancyState.Oriented, VacancyState.KeptByBailleur, VacancyState.ReturnedToBailleur],
        VacancyAction.ReturnToBailleur => [VacancyState.Oriented, VacancyState.AtCaleol, VacancyState.Offered],
        VacancyAction.SubmitToCaleol => [VacancyState.DesignationReceived],
        VacancyAction.MakeOffer => [VacancyState.AtCaleol, VacancyState.Offered],
        VacancyAction.SignLease => [VacancyState.Offered],
        VacancyAction.ReopenForReservataire or VacancyAction.ReopenForBailleur => [VacancyState.AtCaleol, VacancyState.Offered],
        VacancyAction.Withdraw =>
        [
            VacancyState.Declared, VacancyState.Oriented, VacancyState.KeptByBailleur, VacancyState.ReturnedToBailleur,
            VacancyState.DesignationReceived, VacancyState.AtCaleol, VacancyState.Offered,
        ],
    };

    public static VacancyState Target(VacancyAction action) => action switch
    {
        VacancyAction.Orient or VacancyAction.ReopenForReservataire => VacancyState.Oriented,
        VacancyAction.KeepForBailleur or VacancyAction.ReopenForBailleur => VacancyState.KeptByBailleur,
        VacancyAction.ReceiveDesignation => VacancyState.DesignationReceived,
        VacancyAction.ReturnToBailleur => VacancyState.ReturnedToBailleur,
        VacancyAction.SubmitToCaleol => VacancyState.AtCaleol,
        VacancyAction.MakeOffer => VacancyState.Offered,
        VacancyAction.SignLease => VacancyState.Leased,
        VacancyAction.Withdraw => VacancyState.Withdrawn,
    };

    public static string Label(VacancyState state) => state switch
    {
        VacancyState.Declared => "déclarée",
        VacancyState.Oriented => "orientée vers un réservataire",
        VacancyState.KeptByBailleur => "conservée par le bailleur",
        VacancyState.ReturnedToBailleur => "rendue au bailleur",
        VacancyState.DesignationReceived => "pourvue de candidats désignés",
        VacancyState.AtCaleol => "inscrite à l'ordre du jour de la CALEOL",
        VacancyState.Offered => "proposée à un candidat",
        VacancyState.Leased => "louée (bail signé)",
        VacancyState.Withdrawn => "retirée de la location",
    };

    private static string Verb(VacancyAction action) => action switch
    {
        VacancyAction.Orient => "d'orienter la vacance vers un réservataire",
        VacancyAction.KeepForBailleur => "de conserver la vacance pour le bailleur",
        VacancyAction.ReceiveDesignation => "d'enregistrer une désignation",
        VacancyAction.ReturnToBailleur => "de rendre le logement au bailleur",
        VacancyAction.SubmitToCaleol => "d'inscrire la vacance en CALEOL",
        VacancyAction.MakeOffer => "de faire une offre",
        VacancyAction.SignLease => "de signer le bail",
        VacancyAction.ReopenForReservataire => "de rouvrir la désignation au réservataire",
        VacancyAction.ReopenForBailleur => "de rouvrir la désignation au bailleur",
        VacancyAction.Withdraw => "de retirer le logement de la location",
    };

    private static string Done(VacancyAction action) => action switch
    {
        VacancyAction.Orient => "vacance orientée vers le réservataire, qui doit désigner ses candidats dans le délai de sa convention",
        VacancyAction.KeepForBailleur => "vacance conservée par le bailleur, qui désigne lui-même",
        VacancyAction.ReceiveDesignation => "désignation enregistrée",
        VacancyAction.ReturnToBailleur => "logement rendu au bailleur, compté dans le flux du réservataire",
        VacancyAction.SubmitToCaleol => "vacance inscrite en CALEOL",
        VacancyAction.MakeOffer => "offre faite au candidat classé",
        VacancyAction.SignLease => "bail signé : l'attribution est effective",
        VacancyAction.ReopenForReservataire => "aucune attribution suivie d'un bail : la désignation revient au réservataire",
        VacancyAction.ReopenForBailleur => "aucune attribution suivie d'un bail : la désignation revient au bailleur",
        VacancyAction.Withdraw => "logement retiré de la location",
    };
}
