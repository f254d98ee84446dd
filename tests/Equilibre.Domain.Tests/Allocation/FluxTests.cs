using Equilibre.Domain.Allocation;

namespace Equilibre.Domain.Tests.Allocation;

/// <summary>
/// Gestion en flux, domain.md §9 and §17.2: flux base (vacancies − dwellings withdrawn under R441-5), due = round(flux ×
/// rate), ledger with returns and carried-over balance, orientation proposal, préfet share (R441-5-2).
/// </summary>
public sealed class FluxTests
{
    private static readonly DateOnly Jan1 = new(2026, 1, 1);

    private static ReservationConvention Convention(string reservataire, FluxShare share, ReservataireKind kind = ReservataireKind.Collectivite,
        string bailleur = "Habitat 51", IReadOnlySet<string>? communes = null, ReturnRules? returns = null, DateOnly? validTo = null) =>
        new(reservataire, kind, bailleur, new FluxPerimeter("51", communes), share, [new TypologyCommitment(3, 4)], 30, returns ?? ReturnRules.Default,
            new DateOnly(2024, 1, 1), validTo, "convention de test");

    private static FluxBase Base175 => FluxBase.Compute(200, new Dictionary<string, int> { ["MUTATION"] = 20, ["RENOUVELLEMENT_URBAIN"] = 5, ["INCONNU"] = 3 }, FluxExclusions.Default);

    [Fact]
    public void FluxBase_SubtractsTheConfiguredReasonsOnly()
    {
        var flux = Base175;

        Assert.Equal((200, 25, 175), (flux.Vacancies, flux.Withdrawn, flux.Flux));
        Assert.Contains("3 logement(s) au motif « INCONNU » non reconnu : laissé(s) dans le flux", flux.Explanation);
        Assert.Equal("= flux annuel de 175 logement(s)", flux.Explanation[^1]);
    }

    [Fact]
    public void FluxExclusions_UnconfirmedReasonsAreFlagged()
    {
        Assert.True(FluxExclusions.Default.Find("mutation")!.Confirmed);   // R441-5 1°
        Assert.False(FluxExclusions.Default.Find("SANTE")!.Confirmed);     // domain.md §17.1 [U]
        Assert.Contains("non confirmé", FluxExclusions.Default.Find("SANTE")!.Source, StringComparison.Ordinal);
    }

    // Each row: rate (or volume when rate is null), oriented, returned, attributed, carried over, returned counted?,
    // surplus carried?, expected due, delivered, balance.
    [Theory]
    [InlineData(25.0, 0, 40, 3, 30, -2, true, true, 44, 40, -6)]   // 175 × 25 % = 43.75 → 44; returns count (default)
    [InlineData(25.0, 0, 40, 3, 30, -2, false, true, 44, 37, -9)]  // returns not counted
    [InlineData(30.0, 0, 50, 0, 41, 0, true, true, 53, 50, -3)]    // 175 × 30 % = 52.5 → 53 (half away from zero)
    [InlineData(10.0, 0, 20, 2, 15, 3, true, true, 18, 20, 5)]     // 17.5 → 18; surplus of 3 carried
    [InlineData(10.0, 0, 20, 2, 15, 3, true, false, 18, 20, 2)]    // surplus not carried
    [InlineData(null, 12, 10, 1, 8, -1, true, true, 12, 10, -3)]   // volume convention: 12 a year
    [InlineData(0.0, 0, 0, 0, 0, 0, true, true, 0, 0, 0)]
    public void Ledger_Arithmetic(double? rate, int volume, int oriented, int returned, int attributed, int carried,
        bool returnedCounts, bool carrySurplus, int due, int delivered, int balance)
    {
        var share = rate is { } r ? FluxShare.Rate((decimal)r) : FluxShare.Dwellings(volume);
        var convention = Convention("Ville de Reims", share, returns: ReturnRules.Default with { ReturnedCountsAsDelivered = returnedCounts });
        var settings = FluxLedgerSettings.Default with { CarrySurplus = carrySurplus };

        var line = FluxLedger.Compute(new FluxLedgerInput(convention, 2026, oriented, returned, attributed, carried), Base175, settings);

        Assert.Equal((due, delivered, balance), (line.Due, line.Delivered, line.Balance));
        Assert.Equal(Math.Max(0, -balance), line.Deficit);
        Assert.Equal(attributed, line.Attributed);
        Assert.StartsWith("solde : ", line.Explanation[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_ExplainsTheDue()
    {
        var line = FluxLedger.Compute(new FluxLedgerInput(Convention("Action Logement", FluxShare.Rate(25m), ReservataireKind.ActionLogement), 2026, 40, 3, 30, -2), Base175, FluxLedgerSettings.Default);

        Assert.Equal("dû : 25 % × flux de 175 logement(s) = 43,75, arrondi à 44", line.Explanation[1]);
        Assert.Contains("déficit de 6 logement(s) à orienter vers ce réservataire", line.Explanation[^1], StringComparison.Ordinal);
    }

    private static FluxLedgerLine Line(string reservataire, int due, int delivered, string bailleur = "Habitat 51", IReadOnlySet<string>? communes = null, DateOnly? validTo = null) =>
        FluxLedger.Compute(new FluxLedgerInput(Convention(reservataire, FluxShare.Dwellings(due), bailleur: bailleur, communes: communes, validTo: validTo), 2026, delivered, 0, 0, 0),
            Base175, FluxLedgerSettings.Default);

    private static FluxVacancy Vacancy(string? withdrawn = null) => new("Habitat 51", "51", "51454", 3, new DateOnly(2026, 6, 1), withdrawn);

    // Largest deficit relative to the due; ties by deficit in dwellings, then réservataire name (ordinal).
    [Theory]
    [InlineData("A:44:38|B:10:7|C:20:21", "B")]          // A 6/44 = 14 %, B 3/10 = 30 %, C surplus
    [InlineData("D:10:7|E:20:14", "E")]                  // both 30 %: E has 6 against 3
    [InlineData("Zeta:10:7|Alpha:10:7", "Alpha")]        // same everything: alphabetical
    [InlineData("A:10:10|B:5:6", null)]                  // nobody in deficit: the bailleur keeps it
    public void Orientation_ProposesTheLargestRelativeDeficit(string ledgers, string? expected)
    {
        var lines = ledgers.Split('|').Select(l => l.Split(':')).Select(p => Line(p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)));

        var proposal = FluxOrientation.Propose(Vacancy(), lines, FluxExclusions.Default);

        Assert.Equal(expected, proposal.Convention?.Reservataire);
        Assert.Equal(expected is null, proposal.KeptByBailleur);
        Assert.False(string.IsNullOrEmpty(proposal.Reason));
    }

    [Fact]
    public void Orientation_TieIsExplained()
    {
        var proposal = FluxOrientation.Propose(Vacancy(), [Line("D", 10, 7), Line("E", 20, 14)], FluxExclusions.Default);

        Assert.Equal("E a le plus fort déficit rapporté à son dû : 6 sur 20 (30 %) ; ex aequo avec D en proportion, départagé par le déficit en nombre (6 contre 3)", proposal.Reason);
        Assert.Contains(proposal.Ranking, l => l.Contains("engagement de 4 T3 par an", StringComparison.Ordinal));
    }

    [Fact]
    public void Orientation_IgnoresOtherBailleursPerimetersAndExpiredConventions()
    {
        var lines = new[]
        {
            Line("Autre bailleur", 10, 0, bailleur: "Plurial"),
            Line("Hors périmètre", 10, 0, communes: new HashSet<string> { "51108" }),
            Line("Expirée", 10, 0, validTo: new DateOnly(2025, 12, 31)),
            Line("Retenue", 10, 9, communes: new HashSet<string> { "51454" }),
        };

        Assert.Equal("Retenue", FluxOrientation.Propose(Vacancy(), lines, FluxExclusions.Default).Convention?.Reservataire);
    }

    [Fact]
    public void Orientation_WithdrawnDwelling_StaysWithTheBailleur()
    {
        var proposal = FluxOrientation.Propose(Vacancy("MUTATION"), [Line("A", 10, 0)], FluxExclusions.Default);

        Assert.True(proposal.KeptByBailleur);
        Assert.StartsWith("logement soustrait du flux (mutation d'un locataire du bailleur, R441-5 1°", proposal.Reason, StringComparison.Ordinal);
    }

    // R441-5-2: ≤ 30 % of the flux, of which ≤ 5 % for State agents (domain.md §17.2).
    [Theory]
    [InlineData(30.0, 0, 5.0, true, 30.0)]
    [InlineData(31.0, 0, 5.0, false, 31.0)]
    [InlineData(25.0, 0, 6.0, false, 25.0)]
    [InlineData(null, 50, 5.0, true, 28.6)]    // 50 / 175 = 28.6 %
    [InlineData(null, 60, 0.0, false, 34.3)]   // 60 / 175 = 34.3 %
    [InlineData(4.0, 0, 5.0, false, 4.0)]      // agents' part above the whole share
    public void PrefectShare_Limits(double? rate, int volume, double agents, bool ok, double share)
    {
        var convention = Convention("Préfet de la Marne", rate is { } r ? FluxShare.Rate((decimal)r) : FluxShare.Dwellings(volume), ReservataireKind.Prefet);
        var prefet = convention with { StateAgentsRatePercent = (decimal)agents };

        var result = PrefectShare.Check(prefet, Base175, PrefectShareLimits.Default);

        Assert.Equal((ok, (decimal)share), (result.WithinLimits, result.SharePercent));
        Assert.Equal(ok, result.Problems.Count == 0);
        Assert.EndsWith("(R441-5-2 CCH : 30 % au plus du flux annuel, dont 5 % au plus pour les agents civils et militaires de l'État (domain.md §17.2))", result.Explanation[^1], StringComparison.Ordinal);
    }

    // R441-5-2 (domain.md §17.2, §17.9): at least 30 % of the préfet's dwellings outside QPV unless the convention says otherwise.
    [Theory]
    [InlineData(20, 6, true)]    // 30,0 %
    [InlineData(20, 5, false)]   // 25,0 %
    [InlineData(0, 0, null)]     // nothing oriented yet
    public void PrefectShare_OutsideQpv(int oriented, int outside, bool? met)
    {
        var (result, explanation) = PrefectShare.CheckOutsideQpv(oriented, outside, PrefectShareLimits.Default);

        Assert.Equal(met, result);
        Assert.False(string.IsNullOrEmpty(explanation));
    }

    [Fact]
    public void PrefectShare_OutsideQpv_NotCheckedWhenTheConventionStipulatesOtherwise() =>
        Assert.Null(PrefectShare.CheckOutsideQpv(20, 0, PrefectShareLimits.Default with { MinOutsideQpvPercent = null }).Met);

    [Fact]
    public void Convention_DesignationDeadline_CountsItsDelay() =>
        Assert.Equal(new DateOnly(2026, 1, 31), Convention("A", FluxShare.Rate(10m)).DesignationDeadline(Jan1));
}
