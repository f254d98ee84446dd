using Equilibre.Domain.Applications;

namespace Equilibre.Domain.Tests.Applications;

/// <summary>Lifecycle of a demand, domain.md §2.4 (validity, renewal, notice) and §2.5 (radiation delays, R441-2-8).</summary>
public sealed class DemandLifecycleTests
{
    private static readonly DateOnly Registered = new(2026, 1, 15);
    private static readonly DemandState Active = DemandState.Registered(Registered);

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Registration_IsValidOneYear_AndTheNoticeIsDueOneMonthBefore()
    {
        Assert.Equal(D("2027-01-15"), Active.ExpiresOn);
        Assert.Equal(D("2026-12-15"), DemandLifecycle.RenewalNoticeFrom(Active.ExpiresOn));
        Assert.False(DemandLifecycle.NeedsRenewalNotice(Active, D("2026-12-14")));
        Assert.True(DemandLifecycle.NeedsRenewalNotice(Active, D("2026-12-15")));
        Assert.False(DemandLifecycle.NeedsRenewalNotice(Active, D("2027-01-15"))); // expired: too late for a notice
    }

    // Each row: the transition, the date, allowed?, a fragment of the explanation.
    [Theory]
    [InlineData("modifier", "2026-06-01", true, "numéro et ancienneté conservés")]
    [InlineData("modifier", "2027-01-15", false, "expiré le 15/01/2027")]
    [InlineData("renouveler", "2026-12-20", true, "valable jusqu'au 19/12/2027")]
    [InlineData("renouveler", "2027-01-16", false, "doit être radiée (non-renouvellement)")]
    [InlineData("avis", "2026-12-01", false, "dû à partir du 15/12/2026")]
    [InlineData("avis", "2026-12-16", true, "échéance le 15/01/2027")]
    [InlineData("renonciation", "2026-03-01", true, "radiée le 01/03/2026")]
    [InlineData("non-renouvellement", "2027-01-14", false, "valable jusqu'au 14/01/2027")]
    [InlineData("non-renouvellement", "2027-02-01", true, "à l'échéance du 15/01/2027")]
    [InlineData("irrecevabilite", "2026-03-01", false, "un préavis doit d'abord être envoyé")]
    [InlineData("contact", "2026-03-01", false, "un préavis doit d'abord être envoyé")]
    [InlineData("attribution", "2026-09-30", true, "signature du bail le 30/09/2026")]
    [InlineData("attribution", "2027-01-20", false, "a expiré le 15/01/2027")]
    [InlineData("deradier", "2026-03-01", false, "n'est pas radiée")]
    public void Transitions_OfAnActiveDemand(string what, string on, bool allowed, string fragment)
    {
        var today = D(on);
        var result = what switch
        {
            "modifier" => DemandLifecycle.Modify(Active, today),
            "renouveler" => DemandLifecycle.Renew(Active, today),
            "avis" => DemandLifecycle.RecordRenewalNotice(Active, today),
            "renonciation" => DemandLifecycle.Radiate(Active, RadiationReason.Renunciation, today),
            "non-renouvellement" => DemandLifecycle.Radiate(Active, RadiationReason.NonRenewal, today),
            "irrecevabilite" => DemandLifecycle.Radiate(Active, RadiationReason.Inadmissibility, today),
            "contact" => DemandLifecycle.Radiate(Active, RadiationReason.NoContact, today),
            "attribution" => DemandLifecycle.Radiate(Active, RadiationReason.Allocation, today),
            "deradier" => DemandLifecycle.Unradiate(Active, today),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        Assert.Equal(allowed, result.Allowed);
        Assert.Contains(fragment, result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void NonRenewal_IsEffectiveAtExpiry_NotOnTheDayTheBatchRuns()
    {
        var radiated = DemandLifecycle.Radiate(Active, RadiationReason.NonRenewal, D("2027-03-01")).State!;
        Assert.Equal(DemandStatus.Radiated, radiated.Status);
        Assert.Equal(D("2027-01-15"), radiated.RadiatedOn);
    }

    [Theory]
    [InlineData(RadiationReason.Inadmissibility, "IRRRES")]
    [InlineData(RadiationReason.NoContact, null)]
    public void Inadmissibility_And_NoContact_OneMonthAfterTheWarning(RadiationReason reason, string? subCode)
    {
        var warned = DemandLifecycle.SendRadiationNotice(Active, reason, subCode, D("2026-04-10"));
        Assert.True(warned.Allowed);
        Assert.Contains("à partir du 10/05/2026", warned.Explanation, StringComparison.Ordinal);
        Assert.False(DemandLifecycle.Radiate(warned.State!, reason, D("2026-05-09")).Allowed);
        var done = DemandLifecycle.Radiate(warned.State!, reason, D("2026-05-10"));
        Assert.True(done.Allowed);
        Assert.Equal(D("2026-05-10"), done.State!.RadiatedOn);
        Assert.Null(done.State.PendingNotice);
    }

    [Fact]
    public void Warning_ForInadmissibility_NeedsItsSubCode_AndNotForRenunciation()
    {
        Assert.Contains("IRRSEJ", DemandLifecycle.SendRadiationNotice(Active, RadiationReason.Inadmissibility, null, D("2026-04-10")).Explanation, StringComparison.Ordinal);
        Assert.False(DemandLifecycle.SendRadiationNotice(Active, RadiationReason.Renunciation, null, D("2026-04-10")).Allowed);
    }

    [Fact]
    public void ARadiatedDemand_CannotChange_AndTheRadiationCannotBeRepeated()
    {
        var radiated = DemandLifecycle.Radiate(Active, RadiationReason.Renunciation, D("2026-03-01")).State!;
        Assert.Contains("déradiez-la", DemandLifecycle.Modify(radiated, D("2026-03-02")).Explanation, StringComparison.Ordinal);
        Assert.False(DemandLifecycle.Renew(radiated, D("2026-03-02")).Allowed);
        Assert.Contains("déjà radiée depuis le 01/03/2026", DemandLifecycle.Radiate(radiated, RadiationReason.Allocation, D("2026-03-02")).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Unradiation_KeepsSeniority_RenewsWhenExpired_AndNeverUndoesALease()
    {
        var renounced = DemandLifecycle.Radiate(Active, RadiationReason.Renunciation, D("2026-03-01")).State!;
        var back = DemandLifecycle.Unradiate(renounced, D("2026-03-05")).State!;
        Assert.Equal(DemandStatus.Active, back.Status);
        Assert.Equal(Registered, back.RegisteredOn);
        Assert.Equal(Active.ExpiresOn, back.ExpiresOn);

        var lapsed = DemandLifecycle.Radiate(Active, RadiationReason.NonRenewal, D("2027-01-20")).State!;
        var revived = DemandLifecycle.Unradiate(lapsed, D("2027-02-01"));
        Assert.Contains("vaut renouvellement", revived.Explanation, StringComparison.Ordinal);
        Assert.Equal(D("2028-02-01"), revived.State!.ExpiresOn);

        var housed = DemandLifecycle.Radiate(Active, RadiationReason.Allocation, D("2026-09-30")).State!;
        Assert.False(DemandLifecycle.Unradiate(housed, D("2026-10-01")).Allowed);
    }

    [Fact]
    public void Seniority_IsInDays_FromTheRegistration() =>
        Assert.Equal(365, DemandLifecycle.Seniority(Registered, D("2027-01-15")));

    [Theory]
    [InlineData(RadiationReason.Allocation, "RADATT")]
    [InlineData(RadiationReason.Renunciation, "RADABA")]
    [InlineData(RadiationReason.NonRenewal, "RADREN")]
    [InlineData(RadiationReason.Inadmissibility, "RADIRR")]
    [InlineData(RadiationReason.NoContact, "RADCON")]
    public void RadiationCodes_AreThoseOfTheSne(RadiationReason reason, string code)
    {
        Assert.Equal(code, DemandLifecycle.Code(reason));
        Assert.Equal(reason, DemandLifecycle.ParseCode(code.ToLowerInvariant()));
    }
}

/// <summary>Numéro unique, domain.md §2.3: opaque 18 characters [0-9A-Z].</summary>
public sealed class NumeroUniqueTests
{
    [Theory]
    [InlineData("1110318016982G1104", true)]  // real example (beta.gouv test data)
    [InlineData("1111023517879GDPUB", true)]  // real attestation, online counter
    [InlineData("1110318016982G110", false)]  // 17 characters
    [InlineData("1110318016982g1104", false)] // lower case
    [InlineData("111-318016982G1104", false)]
    [InlineData(null, false)]
    public void IsValid_EighteenDigitsOrCapitals(string? value, bool valid) => Assert.Equal(valid, NumeroUnique.IsValid(value));

    [Fact]
    public void Generate_FollowsTheObservedPattern()
    {
        var numero = NumeroUnique.Generate("51", new DateOnly(2026, 11, 28), 42, NumeroUnique.GuichetCode(7));
        Assert.Equal("0511126000042E0007", numero);
        Assert.True(NumeroUnique.IsValid(numero));
        Assert.True(NumeroUnique.IsValid(NumeroUnique.Generate("2A", new DateOnly(2026, 1, 1), 999_999, "GDPUB")));
        Assert.StartsWith(NumeroUnique.Prefix("51", new DateOnly(2026, 11, 28)), numero, StringComparison.Ordinal);
    }
}
