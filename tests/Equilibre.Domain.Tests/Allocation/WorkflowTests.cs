using System.Globalization;
using Equilibre.Domain.Allocation;

namespace Equilibre.Domain.Tests.Allocation;

/// <summary>
/// The allocation state machines of domain.md §7.2 (vacancy → designation → CALEOL → offer → lease; all refused → back to
/// the réservataire or the bailleur, §9), R441-3 (five decisions, §17.5) and R441-10 (offer, no answer = refusal).
/// Every pair (state, action) not listed as legal is refused with a French reason.
/// </summary>
public sealed class WorkflowTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // The legal vacancy transitions, written out (domain.md §7.2 state machine, §9 returns).
    private static readonly Dictionary<(VacancyState, VacancyAction), VacancyState> LegalVacancy = new()
    {
        [(VacancyState.Declared, VacancyAction.Orient)] = VacancyState.Oriented,
        [(VacancyState.Declared, VacancyAction.KeepForBailleur)] = VacancyState.KeptByBailleur,
        [(VacancyState.Oriented, VacancyAction.ReceiveDesignation)] = VacancyState.DesignationReceived,
        [(VacancyState.KeptByBailleur, VacancyAction.ReceiveDesignation)] = VacancyState.DesignationReceived,
        [(VacancyState.ReturnedToBailleur, VacancyAction.ReceiveDesignation)] = VacancyState.DesignationReceived,
        [(VacancyState.Oriented, VacancyAction.ReturnToBailleur)] = VacancyState.ReturnedToBailleur, // missed designation deadline
        [(VacancyState.AtCaleol, VacancyAction.ReturnToBailleur)] = VacancyState.ReturnedToBailleur,
        [(VacancyState.Offered, VacancyAction.ReturnToBailleur)] = VacancyState.ReturnedToBailleur,
        [(VacancyState.DesignationReceived, VacancyAction.SubmitToCaleol)] = VacancyState.AtCaleol,
        [(VacancyState.AtCaleol, VacancyAction.MakeOffer)] = VacancyState.Offered,
        [(VacancyState.Offered, VacancyAction.MakeOffer)] = VacancyState.Offered, // next rank after a refusal
        [(VacancyState.Offered, VacancyAction.SignLease)] = VacancyState.Leased,
        [(VacancyState.AtCaleol, VacancyAction.ReopenForReservataire)] = VacancyState.Oriented,
        [(VacancyState.Offered, VacancyAction.ReopenForReservataire)] = VacancyState.Oriented,
        [(VacancyState.AtCaleol, VacancyAction.ReopenForBailleur)] = VacancyState.KeptByBailleur,
        [(VacancyState.Offered, VacancyAction.ReopenForBailleur)] = VacancyState.KeptByBailleur,
        [(VacancyState.Declared, VacancyAction.Withdraw)] = VacancyState.Withdrawn,
        [(VacancyState.Oriented, VacancyAction.Withdraw)] = VacancyState.Withdrawn,
        [(VacancyState.KeptByBailleur, VacancyAction.Withdraw)] = VacancyState.Withdrawn,
        [(VacancyState.ReturnedToBailleur, VacancyAction.Withdraw)] = VacancyState.Withdrawn,
        [(VacancyState.DesignationReceived, VacancyAction.Withdraw)] = VacancyState.Withdrawn,
        [(VacancyState.AtCaleol, VacancyAction.Withdraw)] = VacancyState.Withdrawn,
        [(VacancyState.Offered, VacancyAction.Withdraw)] = VacancyState.Withdrawn,
    };

    public static TheoryData<VacancyState, VacancyAction> AllVacancyPairs()
    {
        var data = new TheoryData<VacancyState, VacancyAction>();
        foreach (var s in Enum.GetValues<VacancyState>())
        {
            foreach (var a in Enum.GetValues<VacancyAction>())
            {
                data.Add(s, a);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllVacancyPairs))]
    public void Vacancy_EveryPair_LegalOrRefusedInFrench(VacancyState from, VacancyAction action)
    {
        var step = VacancyWorkflow.Transition(from, action);

        if (LegalVacancy.TryGetValue((from, action), out var to))
        {
            Assert.True(step.Allowed, step.Explanation);
            Assert.Equal(to, step.State);
        }
        else
        {
            Assert.False(step.Allowed);
            Assert.Null(step.State);
            Assert.StartsWith("impossible ", step.Explanation, StringComparison.Ordinal);
            Assert.Contains(VacancyWorkflow.Label(from), step.Explanation, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(VacancyState.Leased, VacancyAction.Withdraw, "impossible de retirer le logement de la location : la vacance est déjà louée (bail signé)")]
    [InlineData(VacancyState.Oriented, VacancyAction.Orient, "impossible d'orienter la vacance vers un réservataire : la vacance est déjà orientée vers un réservataire")]
    [InlineData(VacancyState.Declared, VacancyAction.SignLease, "impossible de signer le bail : la vacance n'en est pas encore là : elle est déclarée")]
    [InlineData(VacancyState.Withdrawn, VacancyAction.MakeOffer, "impossible de faire une offre : la vacance est déjà retirée de la location")]
    public void Vacancy_Refusals_SayWhereTheVacancyIs(VacancyState from, VacancyAction action, string message) =>
        Assert.Equal(message, VacancyWorkflow.Transition(from, action).Explanation);

    [Fact]
    public void Vacancy_HappyPath_DeclaredToLeased()
    {
        var state = VacancyState.Declared;
        foreach (var action in new[] { VacancyAction.Orient, VacancyAction.ReceiveDesignation, VacancyAction.SubmitToCaleol, VacancyAction.MakeOffer, VacancyAction.MakeOffer, VacancyAction.SignLease })
        {
            var step = VacancyWorkflow.Transition(state, action);
            Assert.True(step.Allowed, step.Explanation);
            state = step.State!.Value;
        }

        Assert.Equal(VacancyState.Leased, state);
    }

    // R441-3: the five decisions, each with the data it requires (domain.md §7.2, §17.5).
    [Theory]
    [InlineData(CaleolDecisionKind.Attribution, null, null, null, null, true, CandidateDecisionState.Attributed)]
    [InlineData(CaleolDecisionKind.Attribution, 1, null, null, null, false, null)]                   // rank only for b)
    [InlineData(CaleolDecisionKind.AttributionByRank, 2, null, null, null, true, CandidateDecisionState.AttributedByRank)]
    [InlineData(CaleolDecisionKind.AttributionByRank, null, null, null, null, false, null)]          // rank mandatory
    [InlineData(CaleolDecisionKind.AttributionByRank, 0, null, null, null, false, null)]
    [InlineData(CaleolDecisionKind.AttributionUnderCondition, null, "2026-03-31", "avis d'imposition 2024", null, true, CandidateDecisionState.AttributedUnderCondition)]
    [InlineData(CaleolDecisionKind.AttributionUnderCondition, null, null, "avis d'imposition 2024", null, false, null)]        // deadline fixed by the decision
    [InlineData(CaleolDecisionKind.AttributionUnderCondition, null, "2026-03-10", "avis d'imposition 2024", null, false, null)] // not after the session
    [InlineData(CaleolDecisionKind.AttributionUnderCondition, null, "2026-03-31", " ", null, false, null)]                    // which document
    [InlineData(CaleolDecisionKind.NonAttribution, null, null, null, "typologie inadaptée à la composition du ménage", true, CandidateDecisionState.NotAttributed)]
    [InlineData(CaleolDecisionKind.NonAttribution, null, null, null, "", false, null)]               // motive mandatory
    [InlineData(CaleolDecisionKind.Inadmissibility, null, null, null, "ressources supérieures au plafond", true, CandidateDecisionState.Inadmissible)]
    [InlineData(CaleolDecisionKind.Inadmissibility, null, null, null, null, false, null)]            // motive mandatory
    public void Decision_FromPending_TheFiveLegalDecisions(CaleolDecisionKind kind, int? rank, string? deadline, string? document, string? motive, bool allowed, CandidateDecisionState? to)
    {
        var decision = new CaleolDecision(kind, D("2026-03-10"), rank, deadline is null ? null : D(deadline), document, motive);

        var step = CandidateDecisionWorkflow.Transition(CandidateDecisionState.Pending, new CandidateAction.Decide(decision));

        Assert.Equal((allowed, to), (step.Allowed, step.State));
    }

    public static TheoryData<CandidateDecisionState> DecidedStates() =>
        [.. Enum.GetValues<CandidateDecisionState>().Where(s => s != CandidateDecisionState.Pending)];

    [Theory]
    [MemberData(nameof(DecidedStates))]
    public void Decision_OnceTaken_IsNotTakenAgain(CandidateDecisionState from)
    {
        var step = CandidateDecisionWorkflow.Transition(from, new CandidateAction.Decide(new CaleolDecision(CaleolDecisionKind.Attribution, D("2026-04-01"))));

        Assert.False(step.Allowed);
        Assert.Contains("est déjà " + CandidateDecisionWorkflow.Label(from), step.Explanation, StringComparison.Ordinal);
    }

    // The suspensive condition: lifted up to its deadline (included), lapsed after; only from "under condition".
    [Theory]
    [InlineData(CandidateDecisionState.AttributedUnderCondition, "lift", "2026-03-31", true, CandidateDecisionState.ConditionLifted)]
    [InlineData(CandidateDecisionState.AttributedUnderCondition, "lift", "2026-04-01", false, null)]
    [InlineData(CandidateDecisionState.AttributedUnderCondition, "lapse", "2026-03-31", false, null)]
    [InlineData(CandidateDecisionState.AttributedUnderCondition, "lapse", "2026-04-01", true, CandidateDecisionState.ConditionLapsed)]
    [InlineData(CandidateDecisionState.Pending, "lift", "2026-03-20", false, null)]
    [InlineData(CandidateDecisionState.Attributed, "lift", "2026-03-20", false, null)]
    [InlineData(CandidateDecisionState.ConditionLifted, "lift", "2026-03-20", false, null)]
    [InlineData(CandidateDecisionState.ConditionLapsed, "lapse", "2026-04-02", false, null)]
    [InlineData(CandidateDecisionState.NotAttributed, "lapse", "2026-04-02", false, null)]
    public void Decision_SuspensiveCondition(CandidateDecisionState from, string what, string on, bool allowed, CandidateDecisionState? to)
    {
        var deadline = D("2026-03-31");
        CandidateAction action = what == "lift" ? new CandidateAction.LiftCondition(D(on), deadline) : new CandidateAction.LapseCondition(D(on), deadline);

        var step = CandidateDecisionWorkflow.Transition(from, action);

        Assert.Equal((allowed, to), (step.Allowed, step.State));
    }

    [Theory]
    [InlineData(CandidateDecisionState.Attributed, true)]
    [InlineData(CandidateDecisionState.AttributedByRank, true)]
    [InlineData(CandidateDecisionState.ConditionLifted, true)]
    [InlineData(CandidateDecisionState.AttributedUnderCondition, false)]
    [InlineData(CandidateDecisionState.ConditionLapsed, false)]
    [InlineData(CandidateDecisionState.NotAttributed, false)]
    [InlineData(CandidateDecisionState.Inadmissible, false)]
    [InlineData(CandidateDecisionState.Pending, false)]
    public void Decision_WhoMayReceiveAnOffer(CandidateDecisionState state, bool offer) =>
        Assert.Equal(offer, CandidateDecisionWorkflow.CanBeOffered(state));

    // R441-10: offer pending → accepted | refused (reason code) | expired (no answer by the deadline = refusal).
    [Theory]
    [InlineData(OfferState.Pending, "accept", "2026-01-19", null, true, OfferState.Accepted)]
    [InlineData(OfferState.Pending, "accept", "2026-01-20", null, false, null)]     // after the deadline: worth a refusal
    [InlineData(OfferState.Pending, "refuse", "2026-01-10", "LOYER", true, OfferState.Refused)]
    [InlineData(OfferState.Pending, "refuse", "2026-01-10", "loyer", true, OfferState.Refused)]
    [InlineData(OfferState.Pending, "refuse", "2026-01-10", "XYZ", false, null)]    // unknown reason code
    [InlineData(OfferState.Pending, "expire", "2026-01-19", null, false, null)]     // the last day is included
    [InlineData(OfferState.Pending, "expire", "2026-01-20", null, true, OfferState.Expired)]
    [InlineData(OfferState.Accepted, "refuse", "2026-01-10", "LOYER", false, null)]
    [InlineData(OfferState.Accepted, "expire", "2026-01-20", null, false, null)]
    [InlineData(OfferState.Refused, "accept", "2026-01-12", null, false, null)]
    [InlineData(OfferState.Refused, "expire", "2026-01-20", null, false, null)]
    [InlineData(OfferState.Expired, "accept", "2026-01-12", null, false, null)]
    [InlineData(OfferState.Expired, "refuse", "2026-01-12", "AUTRE", false, null)]
    public void Offer_Transitions(OfferState from, string what, string on, string? reason, bool allowed, OfferState? to)
    {
        var deadline = D("2026-01-19");
        OfferAction action = what switch
        {
            "accept" => new OfferAction.Accept(D(on), deadline),
            "refuse" => new OfferAction.Refuse(D(on), reason!, OfferRefusalReasons.Default),
            _ => new OfferAction.Expire(D(on), deadline),
        };

        var step = OfferWorkflow.Transition(from, action);

        Assert.Equal((allowed, to), (step.Allowed, step.State));
        if (!allowed && from != OfferState.Pending)
        {
            Assert.Contains("l'offre est déjà " + OfferWorkflow.Label(from), step.Explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Offer_ExpiredAndRefused_AreBothRefusals()
    {
        Assert.True(OfferWorkflow.IsRefusal(OfferState.Expired));
        Assert.True(OfferWorkflow.IsRefusal(OfferState.Refused));
        Assert.False(OfferWorkflow.IsRefusal(OfferState.Accepted));
        Assert.Contains("l'absence de réponse vaut refus (R441-10)",
            OfferWorkflow.Transition(OfferState.Pending, new OfferAction.Expire(D("2026-01-20"), D("2026-01-19"))).Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LeaseState.InForce, "2027-06-30", true, LeaseState.Ended)]
    [InlineData(LeaseState.InForce, "2026-01-31", false, null)] // before the signature
    [InlineData(LeaseState.Ended, "2027-06-30", false, null)]
    public void Lease_Transitions(LeaseState from, string endOn, bool allowed, LeaseState? to)
    {
        var step = LeaseWorkflow.Transition(from, new LeaseAction.End(D(endOn), D("2026-02-01")));

        Assert.Equal((allowed, to), (step.Allowed, step.State));
    }
}
