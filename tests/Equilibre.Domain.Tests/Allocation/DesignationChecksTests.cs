using Equilibre.Domain.Allocation;

namespace Equilibre.Domain.Tests.Allocation;

/// <summary>
/// Designation checks: three candidates unless an exception applies (R441-3, domain.md §7.2, §17.5), the CIA warnings of
/// issue 6, and the effect of one more lease on T1/T2/T3 (domain.md §5.1, §5.2, §5.4).
/// </summary>
public sealed class DesignationChecksTests
{
    private static DesignatedCandidate C(string number, bool? q1 = false, bool dalo = false, bool priority = false, bool prefetDalo = false, bool relocated = false) =>
        new(number, q1, dalo, priority, prefetDalo, relocated);

    private static DesignationContext OutsideQpv(int eligible = 10, bool plaiAdapte = false) => new(false, eligible, plaiAdapte);

    [Fact]
    public void Check_ThreeCandidatesWithAQ1OutsideQpv_IsValidWithoutWarning()
    {
        var result = DesignationChecks.Check([C("1", q1: true), C("2"), C("3")], OutsideQpv(), DesignationSettings.Default);

        Assert.True(result.Valid);
        Assert.Empty(result.Warnings);
        Assert.Contains("au moins 3 candidats : règle respectée (R441-3)", result.Explanation);
    }

    // Each row: candidates (P = préfet DALO), eligible demands found, PLAI adapté, valid?, fragment of the explanation.
    [Theory]
    [InlineData("1,2", 10, false, false, "au moins 3 candidats doivent être examinés par logement (R441-3) : 2 désigné(s) alors que 10 demandes sont éligibles")]
    [InlineData("1,2", 2, false, true, "insuffisance du nombre des candidats, 2 demande(s) éligible(s) seulement")]
    [InlineData("P", 10, false, true, "P est désigné par le préfet au titre du DALO")]
    [InlineData("1", 10, true, true, "subvention de l'article D331-25-1")]
    [InlineData("", 10, false, false, "aucun candidat désigné")]
    [InlineData("1,1,2", 10, false, false, "demande(s) désignée(s) plusieurs fois : 1")]
    public void Check_ThreeCandidateRuleAndItsExceptions(string numbers, int eligible, bool plaiAdapte, bool valid, string fragment)
    {
        var candidates = numbers.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => C(n, q1: true, prefetDalo: n == "P")).ToList();

        var result = DesignationChecks.Check(candidates, OutsideQpv(eligible, plaiAdapte), DesignationSettings.Default);

        Assert.Equal(valid, result.Valid);
        Assert.Contains(result.Explanation, l => l.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_FewerDesignatedThanEligible_BelowThree_IsAWarning()
    {
        var result = DesignationChecks.Check([C("1", q1: true)], OutsideQpv(eligible: 2), DesignationSettings.Default);

        Assert.True(result.Valid);
        Assert.Equal(["2 demande(s) éligible(s) mais 1 désignée(s)"], result.Warnings);
    }

    // CIA rules (configurable warnings): outside QPV, one Q1 at least; in QPV, one Q2–Q4 at least (unknown quartiles count for neither).
    [Theory]
    [InlineData(false, "0,0,0", true, "logement hors QPV sans candidat du premier quartile")]
    [InlineData(false, "0,0,0", false, null)]
    [InlineData(false, "1,0,0", true, null)]
    [InlineData(true, "1,1,1", true, "logement en QPV sans candidat des quartiles 2 à 4")]
    [InlineData(true, "1,?,?", true, "logement en QPV sans candidat des quartiles 2 à 4")]
    [InlineData(true, "1,1,0", true, null)]
    public void Check_CiaWarnings(bool inQpv, string quartiles, bool enabled, string? warning)
    {
        var candidates = quartiles.Split(',').Select((q, i) => C(i.ToString(System.Globalization.CultureInfo.InvariantCulture), q1: q == "?" ? null : q == "1")).ToList();
        var settings = DesignationSettings.Default with { WarnNoQ1OutsideQpv = enabled, WarnNoQ2ToQ4InQpv = enabled };

        var result = DesignationChecks.Check(candidates, new DesignationContext(inQpv, 10, false), settings);

        Assert.True(result.Valid);
        if (warning is null)
        {
            Assert.Empty(result.Warnings);
        }
        else
        {
            Assert.StartsWith(warning, Assert.Single(result.Warnings), StringComparison.Ordinal);
        }
    }

    private static readonly TargetCounter EpciT1 = new(StatutoryTarget.T1, "EPCI Grand Reims", 120, 600, 25m);
    private static readonly TargetCounter EpciT2 = new(StatutoryTarget.T2, "EPCI Grand Reims", 200, 350, 50m);
    private static readonly TargetCounter ReservataireT3 = new(StatutoryTarget.T3, "Action Logement", 10, 50, 25m);

    // Each row: the candidate, dwelling in QPV, then per moved counter "target:num/den:rateBefore→rateAfter".
    [Theory]
    [InlineData("q1", false, "T1:121/601:20.0→20.1|T3:10/51:20.0→19.6")]
    [InlineData("q2", false, "T1:120/601:20.0→20.0|T3:10/51:20.0→19.6")]
    [InlineData("relocated", false, "T1:121/601:20.0→20.1|T3:10/51:20.0→19.6")]
    [InlineData("unknown", false, "T1:120/601:20.0→20.0|T3:10/51:20.0→19.6")]
    [InlineData("q2", true, "T2:201/351:57.1→57.3|T3:10/51:20.0→19.6")]
    [InlineData("q1", true, "T2:200/351:57.1→57.0|T3:10/51:20.0→19.6")]
    [InlineData("dalo", true, "T2:201/351:57.1→57.3|T3:11/51:20.0→21.6")]
    [InlineData("priority", false, "T1:120/601:20.0→20.0|T3:11/51:20.0→21.6")]
    public void EffectOf_MovesTheCountersThatConcernTheDwelling(string who, bool inQpv, string expected)
    {
        var candidate = who switch
        {
            "q1" => C("x", q1: true),
            "q2" => C("x", q1: false),
            "relocated" => C("x", q1: false, relocated: true),
            "unknown" => C("x", q1: null),
            "dalo" => C("x", q1: false, dalo: true),
            "priority" => C("x", q1: false, priority: true),
            _ => throw new ArgumentOutOfRangeException(nameof(who)),
        };

        var moves = DesignationChecks.EffectOf(candidate, inQpv, [EpciT1, EpciT2, ReservataireT3]);

        var actual = string.Join("|", moves.Select(m => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{m.Counter.Target}:{m.NumeratorAfter}/{m.DenominatorAfter}:{m.RateBefore:0.0}→{m.RateAfter:0.0}")));
        Assert.Equal(expected, actual);
    }

    // domain.md §5.2 [U]: relocated households left out of T2 when so configured; §5.1/§17.1 [U]: relocations in T1.
    // Expected: the T1/T2 moves as "target:counts" (T3 always moves, and a relocated household is not DALO here).
    [Theory]
    [InlineData(true, false, true, "")]          // in QPV, left out of T2: no T2 move at all
    [InlineData(true, false, false, "T2:1")]     // in QPV, counted as quartiles 2–4
    [InlineData(false, true, false, "T1:1")]     // outside QPV, relocation counts in T1 (default)
    [InlineData(false, false, false, "T1:0")]
    public void EffectOf_RelocatedHouseholds_FollowTheSettings(bool inQpv, bool countsInT1, bool excludedFromT2, string expected)
    {
        var settings = new TargetEffectSettings(excludedFromT2, countsInT1, "paramètre de test");

        var moves = DesignationChecks.EffectOf(C("x", q1: false, relocated: true), inQpv, [EpciT1, EpciT2, ReservataireT3], settings);

        Assert.False(moves.Single(m => m.Counter.Target == StatutoryTarget.T3).CountsInNumerator);
        Assert.Equal(expected, string.Join(",", moves.Where(m => m.Counter.Target != StatutoryTarget.T3).Select(m => $"{m.Counter.Target}:{(m.CountsInNumerator ? 1 : 0)}")));
    }

    [Fact]
    public void Move_ExplainsBeforeAndAfter()
    {
        var move = DesignationChecks.EffectOf(C("x", q1: true), false, [EpciT1]).Single();

        Assert.Equal("T1 EPCI Grand Reims : 120/600 = 20,0 % → 121/601 = 20,1 % (objectif 25 %) : ménage du premier quartile", move.Explanation);
    }

    [Fact]
    public void Move_FirstLeaseOfTheYear_HasNoRateBefore()
    {
        var move = DesignationChecks.Move(new TargetCounter(StatutoryTarget.T3, "Ville de Reims", 0, 0, 25m), true, "ménage DALO");

        Assert.Null(move.RateBefore);
        Assert.Equal(100.0m, move.RateAfter);
        Assert.Contains("(aucun bail)", move.Explanation, StringComparison.Ordinal);
    }
}
