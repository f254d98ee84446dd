using Equilibre.Domain.Reform;

namespace Equilibre.Domain.Tests.Reform;

/// <summary>Rates at a date (source document: "56 % des CIL ont été créées…"; domain.md §1.1 for the denominator).</summary>
public sealed class ReformRatesTests
{
    private static readonly ReformEpci Reims = new("200067213", "CU du Grand Reims", "51", "44");
    private static readonly ReformEpci Troyes = new("200069250", "CA Troyes Champagne Métropole", "10", "44");
    private static readonly ReformEpci Chalons = new("200066744", "CA de Châlons-en-Champagne", "51", "44");
    private static readonly ReformEpci Rethel = new("200040657", "CC du Pays Rethélois", "08", "44");

    private static long LastId;

    private static InstrumentRecord Rec(ReformEpci epci, ReformInstrument i, string? date, string recordedAt = "2026-06-15", bool inPlace = true) =>
        new(epci.Siren, i, inPlace, date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), "acte",
            DateTimeOffset.Parse(recordedAt + "T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), ++LastId);

    private static readonly InstrumentRecord[] Records =
    [
        Rec(Reims, ReformInstrument.CilCreated, "2016-05-10"),
        Rec(Troyes, ReformInstrument.CilCreated, "2017-03-01"),
        Rec(Chalons, ReformInstrument.CilCreated, "2026-09-01"), // after the dates below
        Rec(Rethel, ReformInstrument.CilCreated, "2018-01-15"),  // Rethel is not in the 2025 list below
        Rec(Reims, ReformInstrument.CilMet, "2016-11-20"),
        // Troyes's CIL meeting was recorded, then withdrawn as a mistake: the latest record wins
        Rec(Troyes, ReformInstrument.CilMet, "2017-06-01", "2026-01-10"),
        Rec(Troyes, ReformInstrument.CilMet, null, "2026-02-01", inPlace: false),
        // a correction of the date: the latest record wins whatever its date
        Rec(Reims, ReformInstrument.CiaSigned, "2020-01-01", "2025-03-01"),
        Rec(Reims, ReformInstrument.CiaSigned, "2021-12-15", "2025-04-01"),
    ];

    public static TheoryData<string, ReformInstrument, int, int, decimal?> Rows => new()
    {
        // 3 EPCI subject in 2025 (Reims, Troyes, Châlons); Châlons's CIL is created after the date
        { "2025-06-15", ReformInstrument.CilCreated, 2, 3, 66.7m },
        { "2026-12-31", ReformInstrument.CilCreated, 3, 3, 100m },
        // on the very day of the act it counts
        { "2016-05-10", ReformInstrument.CilCreated, 1, 3, 33.3m },
        { "2016-05-09", ReformInstrument.CilCreated, 0, 3, 0m },
        // the withdrawn record no longer counts, even at a date after its original act
        { "2025-06-15", ReformInstrument.CilMet, 1, 3, 33.3m },
        // the corrected date applies: not yet signed at the end of 2020
        { "2020-12-31", ReformInstrument.CiaSigned, 0, 3, 0m },
        { "2021-12-15", ReformInstrument.CiaSigned, 1, 3, 33.3m },
        { "2025-06-15", ReformInstrument.PpgdAdopted, 0, 3, 0m },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Compute_AtADate_CountsInstrumentsInPlaceOverEpcisSubjectThatYear(string date, ReformInstrument instrument, int inPlace, int subject, decimal? percent)
    {
        var situation = ReformRates.Compute(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), [Reims, Troyes, Chalons], Records);

        var rate = situation.Rates.Single(r => r.Instrument == instrument);
        Assert.Equal((inPlace, subject, percent), (rate.InPlace, rate.SubjectToReform, rate.Percent));
        Assert.Equal(subject, rate.EpcisInPlace.Count + rate.EpcisNotInPlace.Count);
    }

    [Fact]
    public void Compute_EpciThatLeftTheList_IsOutOfTheDenominatorEvenWithItsCil()
    {
        var situation = ReformRates.Compute(new DateOnly(2025, 6, 15), [Reims, Troyes, Chalons], Records);

        var cil = situation.Rates.Single(r => r.Instrument == ReformInstrument.CilCreated);
        Assert.DoesNotContain(Rethel.Siren, cil.EpcisInPlace);
        Assert.DoesNotContain(Rethel.Siren, cil.EpcisNotInPlace);
        Assert.Equal(["200067213", "200069250"], cil.EpcisInPlace);
        Assert.Equal(["200066744"], cil.EpcisNotInPlace);
        Assert.Contains("les 3 EPCI cités dans l'arrêté du premier quartile de 2025", situation.Denominator, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_YearWithoutArrete_GivesNoRateAndSaysWhy()
    {
        var situation = ReformRates.Compute(new DateOnly(2019, 6, 15), null, Records);

        Assert.All(situation.Rates, r => Assert.Null(r.Percent));
        Assert.Null(situation.ListYear);
        Assert.StartsWith("aucun arrêté du premier quartile n'est chargé pour 2019", situation.Denominator, StringComparison.Ordinal);
    }

    [Fact]
    public void Percent_IsRoundedHalfAwayFromZero()
    {
        // 1/8 = 12.5 % exactly; 1/16 = 6.25 % → 6.3 % (not 6.2 as banker's rounding would give)
        Assert.Equal(6.3m, new InstrumentRate(ReformInstrument.CiaSigned, 1, 16, [], []).Percent);
        Assert.Equal(12.5m, new InstrumentRate(ReformInstrument.CiaSigned, 1, 8, [], []).Percent);
    }
}
