using Equilibre.Features.Cotation;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Eligibility;
using Equilibre.Features.Applications;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Applications;

/// <summary>The registry's use cases on both providers: registration, facts, scope, lifecycle, history, concurrency.</summary>
public sealed class RegistryTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_registered_demand_gets_a_unique_number_its_facts_and_a_history(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var first = await f.RegisterAsync(DemandFixture.Couple());
        var second = await f.RegisterAsync(DemandFixture.Couple());

        Assert.True(NumeroUnique.IsValid(first));
        Assert.NotEqual(first, second);
        Assert.StartsWith("0511126000001", first, StringComparison.Ordinal);
        await using var db = f.Database.NewContext();
        var demand = await f.Get(db).HandleAsync(first, f.Guichet);
        Assert.NotNull(demand);
        Assert.Equal(4, demand.Facts.Persons);
        Assert.Equal(2.1m, demand.Facts.ConsumptionUnits.Units);

        // 12 × (1,800 + 140 + 900) / 2.1 = 16,228.57 € per UC ≥ the Grand Reims 2026 threshold of 10,154 €.
        Assert.Equal(16228.57m, demand.Facts.FirstQuartile.AnnualResourcesPerUc);
        Assert.False(demand.Facts.FirstQuartile.IsFirstQuartile);
        Assert.Equal(10154m, demand.Facts.ThresholdUsed!.AmountPerUcPerYear);
        Assert.Equal(2026, demand.Facts.ThresholdUsed.Year);

        // RFR 30,000 € for category 4 "autres régions" in 2026: PLUS 45,374 and PLS 58,986 → eligible; PLAI 25,093 (a
        // derived value, said so) → not eligible.
        Assert.True(demand.Facts.Eligibility[Financing.Plus].Eligible);
        Assert.True(demand.Facts.Eligibility[Financing.Pls].Eligible);
        Assert.False(demand.Facts.Eligibility[Financing.Plai].Eligible);
        Assert.Equal(25093m, demand.Facts.Eligibility[Financing.Plai].Ceiling);
        Assert.Contains(demand.Facts.Eligibility[Financing.Plai].Reasons, r => r.Contains("derive: PLAI 2022", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2027, 11, 27), demand.Attestation.ValidUntil);
        Assert.Contains(demand.History, h => h.Kind == DemandEventKind.Registered && h.OrganisationName == "Guichet test Reims");
        Assert.Equal(["Reims", "Tinqueux"], demand.Wishes.Select(w => w.CommuneName));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invalid_content_is_refused_field_by_field_and_nothing_is_written(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var bad = DemandFixture.Couple("99999") with { Reasons = ["42"], Applicant = DemandFixture.Couple().Applicant with { BirthDate = null } };
        await using var db = f.Database.NewContext();
        var result = await f.Register(db).HandleAsync(new(bad, null), f.Guichet);

        Assert.Equal(DemandOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Errors, e => e.Field == "demandeur.dateNaissance");
        Assert.Contains(result.Errors, e => e.Field == "motifs" && e.Message.Contains("42", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Field == "logementRecherche.localisationSouhaitee[1]" && e.Message.Contains("99999", StringComparison.Ordinal));
        Assert.Equal(0, await db.Demands.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Partners_see_demands_wishing_their_territory_only(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var reims = await f.RegisterAsync(DemandFixture.Couple("51454"));
        var troyes = await f.RegisterAsync(DemandFixture.Couple("10387"));
        await using var db = f.Database.NewContext();

        Assert.Null(await f.Get(db).HandleAsync(reims, f.BailleurAube));
        Assert.NotNull(await f.Get(db).HandleAsync(troyes, f.BailleurAube));
        Assert.NotNull(await f.Get(db).HandleAsync(reims, f.EpciReims));
        Assert.Null(await f.Get(db).HandleAsync(troyes, f.EpciReims));

        // The guichet that registered a demand sees it even outside its territory.
        Assert.NotNull(await f.Get(db).HandleAsync(troyes, f.Guichet));
        var list = await new SearchDemands(db, f.Clock).HandleAsync(new(), f.BailleurAube);
        Assert.Equal([troyes], list.Items.Select(i => i.Numero));

        // The count reads the same rule as a set of ids (DemandAccess.VisibleAsSet): it agrees with the rows for every scope.
        foreach (var (user, expected) in new[] { (f.BailleurAube, new[] { troyes }), (f.EpciReims, [reims]), (f.Guichet, [reims, troyes]), (DemandFixture.Administrator, [reims, troyes]) })
        {
            var page = await new SearchDemands(db, f.Clock).HandleAsync(new(), user);
            Assert.Equal(expected.Order(StringComparer.Ordinal), page.Items.Select(i => i.Numero).Order(StringComparer.Ordinal));
            Assert.Equal((expected.Length, false), (page.Total, page.TotalIsMinimum));
        }

        // Read-only partners cannot change a demand.
        var file = DemandFixture.Couple("10387") with { Reasons = ["13"] };
        var refused = await f.Modify(db).HandleAsync(new(troyes, file, null, null), f.BailleurAube);
        Assert.Equal(DemandOutcome.Forbidden, refused.Outcome);
    }

    /// <summary>
    /// Inserts <paramref name="count"/> active demands of the EPCI of Reims in bulk (numbered 1 to count), each wishing
    /// Reims, shaped by <paramref name="shape"/> before they are written.
    /// </summary>
    private static async Task InsertReimsDemandsAsync(DemandFixture f, int count, Action<Demand, int> shape)
    {
        await using var db = f.Database.NewContext();
        var rows = Enumerable.Range(1, count).Select(i =>
        {
            var demand = Demand.New($"051112600{i:D7}", null, null, f.Clock.GetUtcNow());
            (demand.Status, demand.EpciSiren) = (DemandStatus.Active, "200067213");
            shape(demand, i);
            demand.Wishes.Add(new DemandWish { CommuneCode = "51454", EpciSiren = "200067213", DepartementCode = "51", RegionCode = "44", Rank = 1, Since = demand.RegisteredOn });
            return (demand, (IReadOnlyList<DemandEvent>)[]);
        }).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await new DemandBulkWriter(f.Database.BulkLoader).InsertAsync(db, rows);
        await transaction.CommitAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_large_territory_is_counted_up_to_the_limit_and_says_so(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        await InsertReimsDemandsAsync(f, SearchDemands.CountLimit + 1, (demand, _) =>
            (demand.RegisteredOn, demand.ExpiresOn) = (new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)));

        await using (var db = f.Database.NewContext())
        {
            var many = await new SearchDemands(db, f.Clock).HandleAsync(new(), f.EpciReims);
            Assert.Equal((SearchDemands.CountLimit, true, 50, 200), (many.Total, many.TotalIsMinimum, many.Items.Count, many.Pages));

            // A narrower search is counted exactly again.
            var one = await new SearchDemands(db, f.Clock).HandleAsync(new(Text: "0511126000000042"), f.EpciReims);
            Assert.Equal((1, false), (one.Total, one.TotalIsMinimum));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_renewal_lists_are_paged_and_counted_in_full(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var today = FrenchTime.Today(f.Clock);
        var content = DemandJson.Write(DemandFixture.Couple());
        // 250 demands due within the month (every tenth with its notice recorded), 3 expired, 5 due later.
        await InsertReimsDemandsAsync(f, 258, (demand, i) =>
        {
            var expiry = i <= 250 ? today.AddDays(1 + (i % 25)) : i <= 253 ? today.AddDays(-i + 250) : today.AddMonths(3);
            (demand.RegisteredOn, demand.ExpiresOn, demand.Content) = (today.AddYears(-1), expiry, content);
            demand.RenewalNoticeSentOn = i <= 250 && i % 10 == 0 ? today : null;
        });

        await using (var db = f.Database.NewContext())
        {
            var first = await new ListRenewalsDue(db, f.Clock).HandleAsync(f.EpciReims);
            Assert.Equal((250, 3, 1, ListRenewalsDue.PageSize, 225), (first.Due.Total, first.Due.Pages, first.Due.Page, first.Due.Items.Count, first.NoticesToSend));
            Assert.Equal((3, 1, 3), (first.Expired.Total, first.Expired.Pages, first.Expired.Items.Count));
            Assert.Equal(first.Due.Items.OrderBy(i => i.ExpiresOn).ThenBy(i => i.Numero, StringComparer.Ordinal), first.Due.Items);
            Assert.All(first.Due.Items, i => Assert.Equal("paul.martin@example.org", i.Email));
            Assert.All(first.Expired.Items, i => Assert.False(i.NoticeDue));

            var last = await new ListRenewalsDue(db, f.Clock).HandleAsync(new ListRenewalsDue.Request(DuePage: 3), f.EpciReims);
            Assert.Equal((3, 50), (last.Due.Page, last.Due.Items.Count));
            Assert.True(first.Due.Items[^1].ExpiresOn <= last.Due.Items[0].ExpiresOn);
            var pages = new List<ListRenewalsDue.Item>();
            for (var page = 1; page <= 3; page++)
            {
                pages.AddRange((await new ListRenewalsDue(db, f.Clock).HandleAsync(new ListRenewalsDue.Request(DuePage: page), f.EpciReims)).Due.Items);
            }

            Assert.Equal(250, pages.Select(i => i.Numero).Distinct().Count());
            Assert.Equal(225, pages.Count(i => i.NoticeDue));

            // A page beyond the last shows the last one.
            Assert.Equal(3, (await new ListRenewalsDue(db, f.Clock).HandleAsync(new ListRenewalsDue.Request(DuePage: 9), f.EpciReims)).Due.Page);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_modification_keeps_number_and_seniority_and_an_older_version_is_refused(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var numero = await f.RegisterAsync(DemandFixture.Couple());
        f.Clock.Advance(TimeSpan.FromDays(40));
        await using (var db = f.Database.NewContext())
        {
            var changed = DemandFixture.Couple("51573", "51454") with { Dalo = DaloStatus.Active };
            var result = await f.Modify(db).HandleAsync(new(numero, changed, 1, "changement de souhaits"), f.Guichet);
            Assert.Equal(DemandOutcome.Done, result.Outcome);
            Assert.Contains("logement recherché", result.Message, StringComparison.Ordinal);
            Assert.Contains("statut DALO", result.Message, StringComparison.Ordinal);
        }

        await using (var db = f.Database.NewContext())
        {
            var stale = await f.Modify(db).HandleAsync(new(numero, DemandFixture.Couple(), 1, null), f.Guichet);
            Assert.Equal(DemandOutcome.Conflict, stale.Outcome);
            var demand = await f.Get(db).HandleAsync(numero, f.Guichet);
            Assert.Equal(new DateOnly(2026, 11, 28), demand!.Wishes.Single(w => w.CommuneCode == "51454").Since);
            Assert.Equal(40, demand.SeniorityDays);
            Assert.Equal(2, demand.Version);
            Assert.Equal(DaloStatus.Active, demand.File.Dalo);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Renewal_notices_are_listed_one_month_before_expiry_and_recorded_once(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var numero = await f.RegisterAsync(DemandFixture.Couple());
        f.Clock.Advance(TimeSpan.FromDays(330));
        await using var db = f.Database.NewContext();
        Assert.Empty((await new ListRenewalsDue(db, f.Clock).HandleAsync(f.Guichet)).Due.Items);

        f.Clock.Advance(TimeSpan.FromDays(5));
        var due = await new ListRenewalsDue(db, f.Clock).HandleAsync(f.Guichet);
        Assert.Equal(numero, Assert.Single(due.Due.Items).Numero);
        Assert.True(due.Due.Items[0].NoticeDue);
        Assert.Equal((1, 1, "paul.martin@example.org"), (due.Due.Total, due.NoticesToSend, due.Due.Items[0].Email));
        Assert.Equal(1, await new RecordRenewalNotices(db, f.Clock).HandleAsync(null, f.Guichet));
        Assert.Equal(0, await new RecordRenewalNotices(db, f.Clock).HandleAsync(null, f.Guichet));
        var after = await new ListRenewalsDue(db, f.Clock).HandleAsync(f.Guichet);
        Assert.False(after.Due.Items[0].NoticeDue);
        Assert.Equal(0, after.NoticesToSend);

        var renewed = await f.Renew(db).HandleAsync(new(numero, DemandFixture.Couple(), null, null), f.Guichet);
        Assert.Equal(DemandOutcome.Done, renewed.Outcome);
        var demand = await f.Get(db).HandleAsync(numero, f.Guichet);
        Assert.Equal(new DateOnly(2028, 10, 29), demand!.State.ExpiresOn);
        Assert.Contains(demand.History, h => h.Kind == DemandEventKind.RenewalNotice && h.Summary.Contains("paul.martin@example.org", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Radiations_respect_their_legal_delays(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var numero = await f.RegisterAsync(DemandFixture.Couple());
        await using var db = f.Database.NewContext();

        var early = await new RadiateDemand(db, f.Clock, CotationSettings.Default).HandleAsync(new(numero, RadiationReason.NoContact, null, null), f.Guichet);
        Assert.Equal(DemandOutcome.Invalid, early.Outcome);
        Assert.Contains("préavis", early.Message, StringComparison.Ordinal);

        var notice = await new SendRadiationNotice(db, f.Clock, CotationSettings.Default).HandleAsync(new(numero, RadiationReason.NoContact, null, "courrier revenu", null), f.Guichet);
        Assert.Equal(DemandOutcome.Done, notice.Outcome);
        f.Clock.Advance(TimeSpan.FromDays(20));
        var tooSoon = await new RadiateDemand(db, f.Clock, CotationSettings.Default).HandleAsync(new(numero, RadiationReason.NoContact, null, null), f.Guichet);
        Assert.Contains("28/12/2026", tooSoon.Message, StringComparison.Ordinal);

        f.Clock.Advance(TimeSpan.FromDays(11));
        var done = await new RadiateDemand(db, f.Clock, CotationSettings.Default).HandleAsync(new(numero, RadiationReason.NoContact, null, null), f.Guichet);
        Assert.Equal(DemandOutcome.Done, done.Outcome);
        var lease = await new RadiateDemand(db, f.Clock, CotationSettings.Default).HandleAsync(new(numero, RadiationReason.Allocation, null, null), f.Guichet);
        Assert.Equal(DemandOutcome.Invalid, lease.Outcome);

        var undo = await new UnradiateDemand(db, f.Clock, CotationSettings.Default).HandleAsync(new(numero, "le demandeur a répondu", null), f.Guichet);
        Assert.Equal(DemandOutcome.Done, undo.Outcome);
        var demand = await f.Get(db).HandleAsync(numero, f.Guichet);
        Assert.Equal(DemandStatus.Active, demand!.Status);
        Assert.Equal(
            [DemandEventKind.Registered, DemandEventKind.RadiationNotice, DemandEventKind.Radiated, DemandEventKind.Unradiated],
            demand.History.Select(h => h.Kind));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Expired_demands_are_radiated_at_their_expiry_and_a_lease_radiates_only_once(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var expiring = await f.RegisterAsync(DemandFixture.Couple());
        f.Clock.Advance(TimeSpan.FromDays(100));
        var housed = await f.RegisterAsync(DemandFixture.Couple());
        await using var db = f.Database.NewContext();
        var id = await db.Demands.Where(d => d.Numero == housed).Select(d => d.Id).SingleAsync();
        var first = await new RadiateForLease(db, f.Clock, CotationSettings.Default).HandleAsync(id, new DateOnly(2027, 3, 10), "Bailleur test", f.Guichet);
        Assert.Equal(DemandOutcome.Done, first.Outcome);
        var second = await new RadiateForLease(db, f.Clock, CotationSettings.Default).HandleAsync(id, new DateOnly(2027, 3, 11), "Bailleur test", f.Guichet);
        Assert.Equal(DemandOutcome.Invalid, second.Outcome);

        f.Clock.Advance(TimeSpan.FromDays(300));
        Assert.Equal(1, await new RadiateExpiredDemands(db, f.Clock).HandleAsync(f.Guichet));
        var demand = await f.Get(db).HandleAsync(expiring, f.Guichet);
        Assert.Equal(RadiationReason.NonRenewal, demand!.State.Radiation);
        Assert.Equal(new DateOnly(2027, 11, 28), demand.State.RadiatedOn);
        var unrenewable = await f.Renew(db).HandleAsync(new(expiring, DemandFixture.Couple(), null, null), f.Guichet);
        Assert.Equal(DemandOutcome.Invalid, unrenewable.Outcome);
    }
}
