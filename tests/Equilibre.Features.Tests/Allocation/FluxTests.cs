using Equilibre.Domain.Allocation;
using Equilibre.Features.Allocation;
using Equilibre.Features.Tests.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Allocation;

/// <summary>
/// Gestion en flux end to end on <see cref="FluxWorld"/> (issue 6 items 1, 2 and 7; domain.md §9, §17.2): conventions
/// and their validation, the préfet's share (R441-5-2), the declaration of a vacancy and the proposal read from the
/// ledger, the orientation with its motive and concurrency, the return of a dwelling whose deadline passed, and the
/// ledger figures on a worked example.
/// </summary>
public sealed class FluxTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeclareVacancy_CopiesThePlaceFactsAndStartsDeclared(Provider provider)
    {
        var w = await FluxWorld.CreateAsync(provider);
        await using var database = w.Database;
        var reims = await w.VacancyAsync(await w.DeclaredAsync(FluxWorld.ReimsT3));
        var tinqueux = await w.VacancyAsync(await w.DeclaredAsync(FluxWorld.TinqueuxT4));

        Assert.Equal(VacancyState.Declared, reims.State);
        Assert.Equal(("51454", StockWorld.ReimsEpci, "51", "44", 3, 2026), (reims.CommuneCode, reims.EpciSiren, reims.DepartementCode, reims.RegionCode, reims.Rooms, reims.FluxYear));
        Assert.True(reims.InQpv); // QP051019, valid since 2024 (dated rule, domain.md §5.3)
        Assert.False(tinqueux.InQpv);
        Assert.Equal(new DateOnly(2026, 11, 28), reims.DeclaredOn);

        // No convention: the bailleur keeps it, and says why.
        Assert.Null(reims.ProposedConventionId);
        Assert.Contains("aucune convention", reims.ProposalReason, StringComparison.Ordinal);
        await using var db = w.Database.NewContext();
        Assert.Equal(2, await db.AllocationEvents.CountAsync(e => e.EntityKind == AllocationJournal.Vacancy));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeclareVacancy_RefusesAnotherBailleursDwellingAnOpenVacancyAndALeasedDwelling(Provider provider)
    {
        var w = await FluxWorld.CreateAsync(provider);
        await using var database = w.Database;

        // Bailleur B's dwelling is not in A's stock: 404, never a hint that it exists.
        Assert.Equal(AllocationOutcome.NotFound, (await w.DeclareAsync(FluxWorld.OfB)).Outcome);

        // Nor by its RPLS identifier, looked up in A's stock only: the same refusal as an identifier that exists nowhere.
        var ofB = await w.DeclareAsync(FluxWorld.OfB, byRpls: true);
        Assert.Equal((AllocationOutcome.NotFound, $"Logement {FluxWorld.OfB} introuvable dans votre périmètre"), (ofB.Outcome, ofB.Message));
        Assert.Equal("Logement 5199999999 introuvable dans votre périmètre", (await w.DeclareAsync("5199999999", byRpls: true)).Message);

        // The EPCI reads, it does not declare.
        Assert.Equal(AllocationOutcome.Forbidden, (await w.DeclareAsync(FluxWorld.ReimsT3, w.Stock.EpciUser)).Outcome);

        // Its own dwelling by RPLS identifier is found.
        var own = await w.DeclareAsync(FluxWorld.ReimsT3, byRpls: true);
        Assert.True(own.Succeeded, own.Message);
        var twice = await w.DeclareAsync(FluxWorld.ReimsT3);
        Assert.Equal(AllocationOutcome.Invalid, twice.Outcome);
        Assert.Contains("une vacance est déjà ouverte pour ce logement", twice.Message, StringComparison.Ordinal);

        await w.LeaseAsync(FluxWorld.TinqueuxT4);
        var leased = await w.DeclareAsync(FluxWorld.TinqueuxT4);
        Assert.Equal(AllocationOutcome.Invalid, leased.Outcome);
        Assert.Contains("un bail est en cours", leased.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Proposal_GoesToTheMostBehindReservataire_AndAWithdrawnDwellingStaysWithTheBailleur(Provider provider)
    {
        var w = await FluxWorld.CreateAsync(provider);
        await using var database = w.Database;

        // Préfet owed 3 dwellings from the previous years, Action Logement 1: on a flux of 1 both are due 0 this year,
        // so the préfet is the most behind relative to its due (3 against 1).
        var prefet = await w.SaveAsync(w.Convention(w.Prefet, ReservataireKind.Prefet, 30m, agents: 5m, carried: -3));
        var als = await w.SaveAsync(w.Convention(w.ActionLogement, ReservataireKind.ActionLogement, 25m, carried: -1));

        var first = await w.VacancyAsync(await w.DeclaredAsync(FluxWorld.TinqueuxT4));
        Assert.Equal(prefet, first.ProposedConventionId);
        Assert.StartsWith("Préfet de la Marne (test) a le plus fort déficit rapporté à son dû : 3 sur 0", first.ProposalReason, StringComparison.Ordinal);
        Assert.Contains("Action Logement (test) : dû 0, solde -1", first.ProposalReason, StringComparison.Ordinal);

        await using (var db = w.Database.NewContext())
        {
            var withdrawn = await new WithdrawFromFlux(db, w.Clock, FluxWorld.Settings)
                .HandleAsync(new(w.Dwelling(FluxWorld.ReimsT1), "MUTATION", new DateOnly(2026, 11, 1), null, "mutation interne"), w.BailleurA);
            Assert.True(withdrawn.Succeeded, withdrawn.Message);
            var unknown = await new WithdrawFromFlux(db, w.Clock, FluxWorld.Settings)
                .HandleAsync(new(w.Dwelling(FluxWorld.ReimsT3), "VACANCES", new DateOnly(2026, 11, 1), null, null), w.BailleurA);
            Assert.Equal("Motif", Assert.Single(unknown.Errors).Field);
        }

        var kept = await w.VacancyAsync(await w.DeclaredAsync(FluxWorld.ReimsT1));
        Assert.Equal("MUTATION", kept.WithdrawnReason);
        Assert.Null(kept.ProposedConventionId);
        Assert.StartsWith("logement soustrait du flux (mutation d'un locataire du bailleur, R441-5 1°", kept.ProposalReason, StringComparison.Ordinal);
        Assert.NotEqual(0, als);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Orientation_OverrideNeedsAMotive_StaleRevisionIsAConflict_ReservataireCannotOrient(Provider provider)
    {
        var w = await FluxWorld.CreateAsync(provider);
        await using var database = w.Database;
        var prefet = await w.SaveAsync(w.Convention(w.Prefet, ReservataireKind.Prefet, 30m, carried: -3));
        var als = await w.SaveAsync(w.Convention(w.ActionLogement, ReservataireKind.ActionLogement, 25m, delay: 15));
        var id = await w.DeclaredAsync(FluxWorld.TinqueuxT4);

        var noMotive = await w.OrientAsync(id, als, null);
        Assert.Equal("Motif", Assert.Single(noMotive.Errors).Field);
        Assert.StartsWith("Motif : obligatoire quand l'orientation diffère de la proposition", noMotive.Message, StringComparison.Ordinal);

        // The préfet does not see a vacancy not oriented to it; the EPCI sees it and may not orient it.
        Assert.Equal(AllocationOutcome.NotFound, (await w.OrientAsync(id, prefet, null, w.PrefetUser)).Outcome);
        Assert.Equal(AllocationOutcome.Forbidden, (await w.OrientAsync(id, prefet, null, w.Stock.EpciUser)).Outcome);

        var stale = await w.OrientAsync(id, prefet, null, revision: 7);
        Assert.Equal(AllocationOutcome.Conflict, stale.Outcome);
        Assert.Contains("a changé depuis votre lecture : elle est déclarée", stale.Message, StringComparison.Ordinal);

        var done = await w.OrientAsync(id, als, "engagement de relogement d'un salarié muté");
        Assert.True(done.Succeeded, done.Message);
        var v = await w.VacancyAsync(id);
        Assert.Equal((VacancyState.Oriented, als, w.ActionLogement, new DateOnly(2026, 12, 13)), (v.State, v.ConventionId, v.ReservataireOrganisationId, v.DesignationDeadline));
        Assert.Equal("engagement de relogement d'un salarié muté", v.OverrideMotive);

        // A second bailleur acting on the page read before the first orientation: refused, saying what changed.
        var late = await w.OrientAsync(id, prefet, null, revision: 0);
        Assert.Equal(AllocationOutcome.Conflict, late.Outcome);
        Assert.Contains("orientée vers un réservataire (modifiée par test", late.Message, StringComparison.Ordinal);

        // Oriented already: the workflow refuses another orientation.
        var again = await w.OrientAsync(id, prefet, "x");
        Assert.Equal("impossible d'orienter la vacance vers un réservataire : la vacance est déjà orientée vers un réservataire", again.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExpireDesignations_ReturnsMissedDeadlines_CountsThemInTheFlux_AndIsIdempotent(Provider provider)
    {
        var w = await FluxWorld.CreateAsync(provider);
        await using var database = w.Database;
        var prefet = await w.SaveAsync(w.Convention(w.Prefet, ReservataireKind.Prefet, 30m, carried: -3));
        var id = await w.DeclaredAsync(FluxWorld.TinqueuxT4);
        Assert.True((await w.OrientAsync(id, prefet, null)).Succeeded); // deadline 28/12/2026

        async Task<ExpireDesignations.Result> Run()
        {
            await using var db = w.Database.NewContext();
            return await new ExpireDesignations(db, w.Clock).HandleAsync(StockWorld.Administrator);
        }

        w.Clock.Advance(TimeSpan.FromDays(30)); // 28/12: the deadline day itself is still open
        Assert.Equal(0, (await Run()).Returned);
        w.Clock.Advance(TimeSpan.FromDays(1));
        var run = await Run();
        Assert.Equal(1, run.Returned);
        Assert.Equal(0, (await Run()).Returned);

        var v = await w.VacancyAsync(id);
        Assert.Equal((VacancyState.ReturnedToBailleur, true, new DateOnly(2026, 12, 29), null), (v.State, v.Returned, v.ReturnedOn, v.ReservataireOrganisationId));
        Assert.StartsWith("délai de désignation dépassé : Préfet de la Marne (test) devait désigner ses candidats au plus tard le 28/12/2026", v.ReturnReason, StringComparison.Ordinal);
        Assert.Equal(prefet, v.ConventionId);

        var line = Assert.Single((await w.LedgerAsync()).Lines).Ledger;
        Assert.Equal((1, 1, 1), (line.Oriented, line.Returned, line.Delivered));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ledger_WorkedExample(Provider provider)
    {
        // Bailleur A in the Marne, 2026: three vacancies (Reims T3, Reims T1 withdrawn for a mutation, Tinqueux T4) → flux 2.
        // Préfet 30 %: due round(0.6) = 1, oriented the Tinqueux T4 → balance 0.
        // Action Logement 25 %: due round(0.5) = 1 (half away from zero), nothing oriented → deficit 1.
        // Ville de Reims, 2 dwellings a year on Reims with a T3 commitment: its flux is Reims only (2 − 1 withdrawn = 1);
        // due 2, oriented the Reims T3 → deficit 1, T3 commitment 1 of 1.
        var w = await FluxWorld.CreateAsync(provider);
        await using var database = w.Database;
        var prefet = await w.SaveAsync(w.Convention(w.Prefet, ReservataireKind.Prefet, 30m, agents: 5m));
        await w.SaveAsync(w.Convention(w.ActionLogement, ReservataireKind.ActionLogement, 25m));
        var ville = await w.SaveAsync(w.Convention(w.VilleDeReims, ReservataireKind.Collectivite, null, volume: 2, communes: "51454", typologies: "3:1"));
        await using (var db = w.Database.NewContext())
        {
            Assert.True((await new WithdrawFromFlux(db, w.Clock, FluxWorld.Settings)
                .HandleAsync(new(w.Dwelling(FluxWorld.ReimsT1), "MUTATION", new DateOnly(2026, 1, 1), null, null), w.BailleurA)).Succeeded);
        }

        var t3 = await w.DeclaredAsync(FluxWorld.ReimsT3);
        var t1 = await w.DeclaredAsync(FluxWorld.ReimsT1);
        var t4 = await w.DeclaredAsync(FluxWorld.TinqueuxT4);
        Assert.True((await w.OrientAsync(t3, ville, "engagement T3 de la Ville")).Succeeded);
        Assert.True((await w.OrientAsync(t1, null, "mutation")).Succeeded);
        Assert.True((await w.OrientAsync(t4, prefet, "contingent préfectoral")).Succeeded);

        var ledger = await w.LedgerAsync();
        var rows = ledger.Lines.ToDictionary(l => l.ReservataireName);
        Assert.Equal(3, rows.Count);
        var p = rows["Préfet de la Marne (test)"];
        Assert.Equal((3, 1, 2), (p.Base.Vacancies, p.Base.Withdrawn, p.Base.Flux));
        Assert.Equal((1, 1, 0, 0), (p.Ledger.Due, p.Ledger.Oriented, p.Ledger.Balance, p.Ledger.Deficit));
        var a = rows["Action Logement (test)"];
        Assert.Equal((1, 0, -1, 1), (a.Ledger.Due, a.Ledger.Oriented, a.Ledger.Balance, a.Ledger.Deficit));
        Assert.Contains("dû : 25 % × flux de 2 logement(s) = 0,5, arrondi à 1", a.Ledger.Explanation);
        var v = rows["Ville de Reims (test)"];
        Assert.Equal((2, 1, 1), (v.Base.Vacancies, v.Base.Withdrawn, v.Base.Flux));
        Assert.Equal((2, 1, -1, 1), (v.Ledger.Due, v.Ledger.Oriented, v.Ledger.Balance, v.Ledger.Deficit));
        Assert.Equal(new GetFluxLedger.TypologyProgress(3, 1, 1), Assert.Single(v.Typologies));

        var check = Assert.Single(ledger.Prefect);
        Assert.True(check.Share.WithinLimits);
        Assert.True(check.OutsideQpvMet); // the Tinqueux T4 is outside QPV: 1 of 1 = 100 % ≥ 30 %

        // The préfet sees its own line only; Action Logement its own.
        Assert.Equal(["Préfet de la Marne (test)"], (await w.LedgerAsync(user: w.PrefetUser)).Lines.Select(l => l.ReservataireName));
        Assert.Equal(["Action Logement (test)"], (await w.LedgerAsync(user: w.ActionLogementUser)).Lines.Select(l => l.ReservataireName));
    }

    public static TheoryData<Provider, string, string, string> InvalidConventions()
    {
        var data = new TheoryData<Provider, string, string, string>();
        foreach (var provider in new[] { Provider.Sqlite, Provider.Postgres })
        {
            data.Add(provider, "taux et volume", "Taux", "Taux ou volume : indiquez soit un pourcentage du flux annuel, soit un nombre de logements par an");
            data.Add(provider, "ni taux ni volume", "Taux", "Taux ou volume : indiquez soit un pourcentage");
            data.Add(provider, "taux 120", "Taux", "Taux : 120 % hors de l'intervalle 0 à 100 %");
            data.Add(provider, "délai 0", "Delai", "Délai de désignation : 0 jour(s) ; au moins 1 jour attendu");
            data.Add(provider, "commune de l'Aube", "Communes", "Périmètre : commune(s) 10387 absente(s) du département 51");
            data.Add(provider, "typologie T3:2", "Typologies", "Engagements de typologie : « T3:2 » mal formé(s)");
            data.Add(provider, "préfet 35 %", "Taux", "Part du préfet refusée : part du préfet de 35 % supérieure au maximum de 30 % du flux");
            data.Add(provider, "agents 6 %", "Taux", "Part du préfet refusée : part des agents de l'État de 6 % supérieure au maximum de 5 % du flux");
            data.Add(provider, "préfet en volume trop haut", "Volume", "Part du préfet refusée : part du préfet de 50 % supérieure au maximum de 30 % du flux");
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(InvalidConventions))]
    public async Task SaveConvention_RefusesWithTheFieldAndTheRule(Provider provider, string example, string field, string message)
    {
        var w = await FluxWorld.CreateAsync(provider);
        await using var database = w.Database;
        if (example == "préfet en volume trop haut")
        {
            // Flux 2 (two vacancies declared in 2026): 1 dwelling = 50 %.
            await w.DeclaredAsync(FluxWorld.ReimsT3);
            await w.DeclaredAsync(FluxWorld.TinqueuxT4);
        }

        var good = w.Convention(w.ActionLogement, ReservataireKind.ActionLogement, 25m);
        var request = example switch
        {
            "taux et volume" => good with { Volume = 3 },
            "ni taux ni volume" => good with { RatePercent = null },
            "taux 120" => good with { RatePercent = 120m },
            "délai 0" => good with { DesignationDelayDays = 0 },
            "commune de l'Aube" => good with { Communes = "51454,10387" },
            "typologie T3:2" => good with { Typologies = "T3:2" },
            "préfet 35 %" => w.Convention(w.Prefet, ReservataireKind.Prefet, 35m),
            "agents 6 %" => w.Convention(w.Prefet, ReservataireKind.Prefet, 30m, agents: 6m),
            _ => w.Convention(w.Prefet, ReservataireKind.Prefet, null, volume: 1),
        };
        await using var db = w.Database.NewContext();
        var r = await new SaveConvention(db, w.Clock, FluxWorld.Settings).HandleAsync(request, w.BailleurA);
        Assert.Equal(AllocationOutcome.Invalid, r.Outcome);
        var error = Assert.Single(r.Errors);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.ReservationConventions.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveConvention_OnlyTheBailleurWrites_OneConventionPerPair_StaleRevisionIsAConflict(Provider provider)
    {
        var w = await FluxWorld.CreateAsync(provider);
        await using var database = w.Database;
        var request = w.Convention(w.ActionLogement, ReservataireKind.ActionLogement, 25m);
        await using var db = w.Database.NewContext();
        var handler = new SaveConvention(db, w.Clock, FluxWorld.Settings);

        Assert.Equal(AllocationOutcome.Forbidden, (await handler.HandleAsync(request, w.ActionLogementUser)).Outcome);
        Assert.Equal(AllocationOutcome.Forbidden, (await handler.HandleAsync(request, w.Stock.BailleurBUser)).Outcome);

        var created = await handler.HandleAsync(request, w.BailleurA);
        Assert.True(created.Succeeded, created.Message);
        var twice = await handler.HandleAsync(request with { Reference = "autre" }, w.BailleurA);
        Assert.Contains("une seule convention par bailleur et par réservataire à l'échelle du département (R441-5)", Assert.Single(twice.Errors).Message, StringComparison.Ordinal);

        var updated = await handler.HandleAsync(request with { Id = created.Id, ExpectedRevision = 0, RatePercent = 20m }, w.BailleurA);
        Assert.True(updated.Succeeded, updated.Message);
        var stale = await handler.HandleAsync(request with { Id = created.Id, ExpectedRevision = 0, RatePercent = 22m }, w.BailleurA);
        Assert.Equal(AllocationOutcome.Conflict, stale.Outcome);
        Assert.Contains("a été modifiée par test", stale.Message, StringComparison.Ordinal);

        // The réservataire reads its convention, without the right to edit it.
        var list = await new ListConventions(db).HandleAsync(new(), w.ActionLogementUser);
        var row = Assert.Single(list.Items);
        Assert.False(row.CanEdit);
        Assert.False(list.CanWrite);
        Assert.Equal("20 % du flux annuel", row.Share);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ListAndGetVacancy_ScopeAndPermissions(Provider provider)
    {
        var w = await FluxWorld.CreateAsync(provider);
        await using var database = w.Database;
        var prefet = await w.SaveAsync(w.Convention(w.Prefet, ReservataireKind.Prefet, 30m, carried: -3));
        var oriented = await w.DeclaredAsync(FluxWorld.TinqueuxT4);
        Assert.True((await w.OrientAsync(oriented, prefet, null)).Succeeded);
        var declared = await w.DeclaredAsync(FluxWorld.ReimsT3);

        await using var db = w.Database.NewContext();
        var list = new ListVacancies(db);
        var mine = await list.HandleAsync(new(), w.BailleurA);
        Assert.Equal(2, mine.Total);
        Assert.True(mine.CanDeclare);
        Assert.Equal(1, mine.Counts[VacancyState.Declared]);
        Assert.Equal([declared], (await list.HandleAsync(new(State: VacancyState.Declared), w.BailleurA)).Items.Select(i => i.Id));
        Assert.Equal([oriented], (await list.HandleAsync(new(), w.PrefetUser)).Items.Select(i => i.Id));
        Assert.Empty((await list.HandleAsync(new(), w.ActionLogementUser)).Items);
        Assert.Empty((await list.HandleAsync(new(), w.Stock.BailleurBUser)).Items);
        Assert.Equal(2, (await list.HandleAsync(new(), w.Stock.EpciUser)).Total);
        Assert.False((await list.HandleAsync(new(), w.Stock.EpciUser)).CanDeclare);

        var get = new GetVacancy(db, w.Clock, FluxWorld.Settings);
        var asBailleur = (await get.HandleAsync(new(declared), w.BailleurA))!;
        Assert.True(asBailleur.May.CanOrient);
        Assert.Equal("déclarée", asBailleur.StateLabel);
        var asPrefet = (await get.HandleAsync(new(oriented), w.PrefetUser))!;
        Assert.Equal((false, true), (asPrefet.May.CanOrient, asPrefet.May.CanDesignate));
        Assert.Equal(2, asPrefet.Timeline.Count);
        Assert.Null(await get.HandleAsync(new(declared), w.PrefetUser));
        var asEpci = (await get.HandleAsync(new(oriented), w.Stock.EpciUser))!;
        Assert.Equal((false, false, false), (asEpci.May.CanOrient, asEpci.May.CanDesignate, asEpci.May.CanDecide));
    }
}
