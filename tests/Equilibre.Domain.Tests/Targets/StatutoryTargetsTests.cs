using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using static Equilibre.Domain.Tests.Targets.TargetFacts;

namespace Equilibre.Domain.Tests.Targets;

/// <summary>
/// Where one lease falls for T1, T2 and T3 (domain.md §5.1, §5.2, §5.4), with the 2026 threshold of the CU du Grand
/// Reims (10 154 € par UC, strictly below = Q1, §4.2).
/// </summary>
public sealed class StatutoryTargetsTests
{
    public static TheoryData<string, QpvBasis?, int?, Relocation, string> T1Rows => new()
    {
        // case, QPV basis at signature, resources per UC, relocation, placement
        { "hors QPV, Q1 (§5.1 a)", QpvBasis.NotInQpv, 8000, Relocation.None, "numérateur" },
        { "hors QPV, égal au seuil : pas Q1 (« inférieur », §4.2)", QpvBasis.NotInQpv, 10154, Relocation.None, "dénominateur" },
        { "hors QPV, quartiles 2-4", QpvBasis.NotInQpv, 15000, Relocation.None, "dénominateur" },
        { "hors QPV, relogé ANRU aux ressources élevées (§5.1 b)", QpvBasis.NotInQpv, 15000, Relocation.Anru, "numérateur" },
        { "hors QPV, relogé ORCOD : compté par défaut (§5.1, [U] §17.1)", QpvBasis.NotInQpv, 15000, Relocation.Orcod, "numérateur" },
        { "hors QPV, relogé ANRU aux ressources inconnues", QpvBasis.NotInQpv, null, Relocation.Anru, "numérateur" },
        { "hors QPV, ressources inconnues : au dénominateur seulement", QpvBasis.NotInQpv, null, Relocation.None, "dénominateur" },
        { "ex-ZUS assimilée : en QPV pour les objectifs, hors du T1 (§5.3)", QpvBasis.ExZusAssimilated, 8000, Relocation.None, "hors périmètre" },
        { "quartier sorti maintenu en QPV par le paramétrage", QpvBasis.ExitedQpvAssimilated, 8000, Relocation.None, "hors périmètre" },
        { "en QPV", QpvBasis.Qpv, 8000, Relocation.None, "hors périmètre" },
        { "logement sans statut QPV : exclu", null, 8000, Relocation.None, "exclue:sans-statut-qpv" },
    };

    [Theory]
    [MemberData(nameof(T1Rows))]
    public void T1_OneLease_FallsWhereDomainSection51Says(string @case, QpvBasis? qpv, int? resources, Relocation relocation, string expected)
    {
        Assert.NotEmpty(@case);
        Assert.Equal(expected, Placement(StatutoryTargets.T1, Lease(qpv: qpv, resources: resources, relocation: relocation)));
    }

    public static TheoryData<string, QpvBasis?, int?, Relocation, string> T2Rows => new()
    {
        { "en QPV, quartiles 2-4 (§5.2)", QpvBasis.Qpv, 15000, Relocation.None, "numérateur" },
        { "en QPV, égal au seuil : quartiles 2-4", QpvBasis.Qpv, 10154, Relocation.None, "numérateur" },
        { "en QPV, Q1", QpvBasis.Qpv, 8000, Relocation.None, "dénominateur" },
        { "ex-ZUS assimilée, quartiles 2-4 : compté en QPV (§5.3)", QpvBasis.ExZusAssimilated, 15000, Relocation.None, "numérateur" },
        { "en QPV, ressources inconnues : au dénominateur seulement", QpvBasis.Qpv, null, Relocation.None, "dénominateur" },
        { "en QPV, relogé ANRU Q1 : compté selon ses ressources par défaut ([U] §5.2)", QpvBasis.Qpv, 8000, Relocation.Anru, "dénominateur" },
        { "hors QPV", QpvBasis.NotInQpv, 15000, Relocation.None, "hors périmètre" },
        { "sans statut QPV : exclu", null, 15000, Relocation.None, "exclue:sans-statut-qpv" },
    };

    [Theory]
    [MemberData(nameof(T2Rows))]
    public void T2_OneLease_FallsWhereDomainSection52Says(string @case, QpvBasis? qpv, int? resources, Relocation relocation, string expected)
    {
        Assert.NotEmpty(@case);
        Assert.Equal(expected, Placement(StatutoryTargets.T2, Lease(qpv: qpv, resources: resources, relocation: relocation)));
    }

    public static TheoryData<string, FluxOrigin, bool, string?, string> T3Rows => new()
    {
        // case, flux, DALO, priority criterion, placement
        { "réservataire, DALO (§5.4)", FluxOrigin.Reservataire, true, null, "numérateur" },
        { "réservataire, prioritaire L441-1 sans DALO (« à défaut »)", FluxOrigin.Reservataire, false, "SANS_LOGEMENT", "numérateur" },
        { "réservataire, ni DALO ni prioritaire", FluxOrigin.Reservataire, false, null, "dénominateur" },
        { "flux non réservé du bailleur, prioritaire", FluxOrigin.BailleurNonReserved, false, "VIOLENCES_COUPLE", "numérateur" },
        { "logement rendu au bailleur, non prioritaire", FluxOrigin.ReturnedToBailleur, false, null, "dénominateur" },
        { "contingent du préfet : sa propre règle", FluxOrigin.Prefet, true, null, "exclue:contingent-prefet" },
        { "logement soustrait du flux (mutation, relogement) [U]", FluxOrigin.WithdrawnFromFlux, false, null, "exclue:hors-flux" },
        { "réservataire inconnu : exclu et signalé", FluxOrigin.Unknown, true, null, "exclue:reservataire-inconnu" },
    };

    [Theory]
    [MemberData(nameof(T3Rows))]
    public void T3_OneLease_FallsWhereDomainSection54Says(string @case, FluxOrigin flux, bool dalo, string? priority, string expected)
    {
        Assert.NotEmpty(@case);
        var reservataire = flux is FluxOrigin.Reservataire or FluxOrigin.Prefet ? "R" : null;
        Assert.Equal(expected, Placement(StatutoryTargets.T3, Lease(flux: flux, reservataire: reservataire, dalo: dalo, priority: priority)));
    }

    [Fact]
    public void T1_ExZusDwelling_CountsOutsideQpvOnlyOnceTheAssimilationEnds()
    {
        // domain.md §5.3: an ex-ZUS counts as QPV for T1/T2 while the assimilation lasts (end date configurable, [U]).
        var exZus = new PriorityArea("ZUS1004", "Ancienne ZUS", PriorityAreaKind.ExZus, Date("2015-01-01"), null);
        var rule = new QpvRuleSettings(Date("2026-06-30"), "paramètre local d'exemple : assimilation jusqu'au 30/06/2026");
        AllocationFact At(string signedOn, long id)
        {
            var status = QpvStatus.ForTargets([exZus], Date(signedOn), rule);
            return Lease(id, signedOn, qpv: status.Basis, resources: 8000m);
        }

        var facts = new[] { At("2026-03-01", 1), At("2026-06-30", 2), At("2026-07-01", 3) };
        var settings = Settings with { QpvRule = rule };
        var report = TargetEngine.Compute(facts, StatutoryTargets.All, TargetGrouping.None, TargetPeriod.Year(2026), settings);
        var group = Assert.Single(report.Groups);

        var t1 = group["T1"]!;
        Assert.Equal((1, 1), (t1.Numerator, t1.Denominator)); // only the lease signed after the assimilation
        Assert.Equal(2, Assert.Single(t1.Details, d => d.Code == "ex-zus-hors-perimetre").Count);
        var t2 = group["T2"]!;
        Assert.Equal((0, 2), (t2.Numerator, t2.Denominator)); // two Q1 households in an assimilated ex-ZUS
        Assert.Equal(2, Assert.Single(t2.Details, d => d.Code == "ex-zus-en-qpv").Count);
        Assert.Equal((2, 2, 1), (group.Quality.InQpv, group.Quality.ExZusAssimilated, group.Quality.OutsideQpv));
        Assert.Contains(report.Method, l => l.Contains("ex-ZUS assimilées aux QPV jusqu'au 30/06/2026", StringComparison.Ordinal));
        Assert.Contains("ex-ZUS assimilées aux QPV jusqu'au 30/06/2026", t1.QpvRule, StringComparison.Ordinal);
        Assert.Null(group["T3"]!.QpvRule);
    }

    [Fact]
    public void T1_RelocatedHouseholds_AreInTheNumeratorAndCountedApart()
    {
        var facts = new[]
        {
            Lease(1, resources: 15000m, relocation: Relocation.Anru),
            Lease(2, resources: 8000m, relocation: Relocation.Anru), // Q1 and relocated: counted once
            Lease(3, resources: 15000m, relocation: Relocation.Orcod),
            Lease(4, resources: 15000m),
        };

        var t1 = Single(StatutoryTargets.T1, facts);

        Assert.Equal((3, 4), (t1.Numerator, t1.Denominator));
        Assert.Equal(2, Assert.Single(t1.Details, d => d.Code == "reloges-anru").Count);
        Assert.Equal(1, Assert.Single(t1.Details, d => d.Code == "reloges-orcod").Count);
        Assert.Equal("75 %", t1.RateText);
        Assert.True(t1.Met);
    }

    [Fact]
    public void T1_OrcodNotCountedByConfiguration_FallsBackOnResourcesAndSaysSo()
    {
        var t1 = StatutoryTargets.T1 with
        {
            Version = 2,
            Rule = StatutoryTargets.T1.Rule with { OrcodCountsAsRelocation = false, OrcodSource = "paramètre local : ORCOD hors T1" },
        };

        var result = Single(t1, [Lease(1, resources: 15000m, relocation: Relocation.Orcod), Lease(2, resources: 8000m, relocation: Relocation.Orcod)]);

        Assert.Equal((1, 2), (result.Numerator, result.Denominator));
        var detail = Assert.Single(result.Details, d => d.Code == "orcod-non-compte");
        Assert.Equal(2, detail.Count);
        Assert.Contains("paramètre local : ORCOD hors T1", detail.Label, StringComparison.Ordinal);
    }

    [Fact]
    public void T2_RelocatedExcludedByConfiguration_LeavesBothSidesAndIsListed()
    {
        var t2 = StatutoryTargets.T2 with
        {
            Version = 2,
            Rule = StatutoryTargets.T2.Rule with { ExcludeRelocated = true, ExcludeRelocatedSource = "paramètre local : relogés hors T2" },
        };

        var result = Single(t2, [Lease(1, qpv: QpvBasis.Qpv, resources: 8000m, relocation: Relocation.Anru), Lease(2, qpv: QpvBasis.Qpv, resources: 15000m)]);

        Assert.Equal((1, 1), (result.Numerator, result.Denominator));
        Assert.Equal("reloges", Assert.Single(result.Exclusions).Code);
    }

    [Fact]
    public void UnknownResources_DefaultKeptInDenominator_ExcludedWhenConfigured_AlwaysCounted()
    {
        var facts = new[] { Lease(1, resources: 8000m), Lease(2, resources: null), Lease(3, resources: null), Lease(4, resources: 15000m) };

        var kept = Single(StatutoryTargets.T1, facts);
        var t1Excluding = StatutoryTargets.T1 with { Version = 2, Rule = StatutoryTargets.T1.Rule with { UnknownResources = UnknownResourcesTreatment.Excluded } };
        var excluded = Single(t1Excluding, facts);

        Assert.Equal((1, 4, "25 %"), (kept.Numerator, kept.Denominator, kept.RateText));
        Assert.Equal(2, Assert.Single(kept.Details, d => d.Code == "ressources-inconnues-au-denominateur").Count);
        Assert.Empty(kept.Exclusions);
        Assert.Equal((1, 2, "50 %"), (excluded.Numerator, excluded.Denominator, excluded.RateText));
        Assert.Equal(2, Assert.Single(excluded.Exclusions, e => e.Code == "ressources-inconnues").Count);

        var report = TargetEngine.Compute(facts, [StatutoryTargets.T1], TargetGrouping.None, TargetPeriod.Year(2026), Settings);
        Assert.Equal(2, report.Groups[0].Quality.UnknownResources);
    }

    [Fact]
    public void UnknownResources_RecordedVerdict_IsUsedAndSaidSo()
    {
        var result = Single(StatutoryTargets.T1, [Lease(1, resources: null, verdict: true), Lease(2, resources: null, verdict: false)]);

        Assert.Equal((1, 2), (result.Numerator, result.Denominator));
        Assert.Equal(2, Assert.Single(result.Details, d => d.Code == "verdict-enregistre").Count);
    }

    public static TheoryData<string, string, bool, string, string> ThresholdYearRows => new()
    {
        // signature date, rule, fallback, placement of a household at 10 100 € per UC (Reims 2025: 10 064 €; 2026: 10 154 €), detail
        { "2026-02-15", "signature", false, "numérateur", "" },              // default: 2026 threshold even before the arrêté is published (§4.2 [U])
        { "2026-02-15", "avant-le-23-avril", false, "dénominateur", "" },    // previous year's threshold until the arrêté of 23 April 2026
        { "2026-04-23", "avant-le-23-avril", false, "numérateur", "" },      // the cut-off day itself: the new threshold
        { "2026-12-31", "avant-le-23-avril", false, "numérateur", "" },
        { "2027-01-10", "signature", false, "dénominateur", "seuil-absent-au-denominateur" }, // no 2027 threshold loaded
        { "2027-01-10", "signature", true, "numérateur", "seuil-annee-precedente" },          // fallback on 2026, said so
    };

    [Theory]
    [MemberData(nameof(ThresholdYearRows))]
    public void LeaseEarlyInTheYear_ThresholdYear_FollowsTheConfiguredRule(string signedOn, string rule, bool fallback, string expected, string detail)
    {
        var yearRule = rule == "signature"
            ? Q1YearRule.Default with { FallBackToPreviousYear = fallback }
            : new Q1YearRule(Q1ThresholdYearMode.PreviousYearBeforeCutoff, 4, 23, fallback, "paramètre local : seuil précédent jusqu'à l'arrêté du 23 avril");
        var settings = Settings with { Q1Year = yearRule };
        var period = TargetPeriod.Range(Date("2025-01-01"), Date("2027-12-31"));

        var result = Single(StatutoryTargets.T1, [Lease(1, signedOn, resources: 10100m)], settings, period);

        Assert.Equal(expected, result.Numerator == 1 ? "numérateur" : "dénominateur");
        Assert.Equal(1, result.Denominator);
        Assert.Equal(detail, string.Join(",", result.Details.Select(d => d.Code)));
    }

    [Fact]
    public void ThresholdYear_Default_IsTheSignatureYearAndSaysItIsUnconfirmed()
    {
        Assert.Equal(Q1ThresholdYearMode.SignatureYear, Q1YearRule.Default.Mode);
        Assert.Equal(2026, Q1YearRule.Default.YearFor(Date("2026-01-02")));
        Assert.Contains("non confirmée", Q1YearRule.Default.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Definitions_EveryUnconfirmedRule_HasADefaultAndASource()
    {
        foreach (var definition in StatutoryTargets.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(definition.Source));
            Assert.False(string.IsNullOrWhiteSpace(definition.ThresholdSource));
            Assert.Contains("non confirmé", definition.Rule.UnknownResourcesSource, StringComparison.Ordinal);
            Assert.Contains("non confirmé", definition.Rule.OrcodSource, StringComparison.Ordinal);
            Assert.Contains("non confirmé", definition.Rule.WithdrawnFromFluxSource, StringComparison.Ordinal);
        }

        Assert.Contains("non confirmée", StatutoryTargets.T2.Rule.ExcludeRelocatedSource, StringComparison.Ordinal);
        Assert.Equal((0.25m, 0.50m, 0.25m), (StatutoryTargets.T1.Threshold, StatutoryTargets.T2.Threshold, StatutoryTargets.T3.Threshold));
    }
}
