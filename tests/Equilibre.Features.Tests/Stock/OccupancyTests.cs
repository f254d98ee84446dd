using System.Text;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Organisations;
using Equilibre.Domain.Stock;
using Equilibre.Features.Eligibility;
using Equilibre.Features.Imports;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Stock;

/// <summary>
/// The OPS survey (domain.md §10.2, §16.6): import, résidence aggregates under the 11-household rule (§10.3) and the
/// examen d'occupation (§7.3, §7.4). The stock is <c>rpls_2025_parc_ops.csv</c> ("version loi", test SIRETs): 14
/// dwellings at 12 rue des Peupliers in Reims and 3 in Tinqueux owned by the Office (SIREN 900000001), one dwelling
/// in Reims owned by the Foyer (900000002). <c>ops_2025_bailleur.csv</c> answers for the 14 + the Foyer's dwelling;
/// <c>ops_2025_windows1252.csv</c> for the 3 Tinqueux dwellings.
/// </summary>
public sealed class OccupancyTests
{
    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Stock", "Files", name);

    private static readonly HashSet<string> BailleurRole = [Roles.Bailleur];

    private sealed record Users(CurrentUser Office, CurrentUser Foyer, CurrentUser ReimsEpci, CurrentUser TroyesEpci);

    private static async Task<(TestDatabase Database, Users Users)> StockAsync(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var office = new Organisation { Name = "Office de l'habitat rémois (test)", Kind = OrganisationKind.Bailleur, Siren = "900000001" };
        var foyer = new Organisation { Name = "Foyer rémois (test)", Kind = OrganisationKind.Bailleur, Siren = "900000002" };
        var reims = new Organisation { Name = "CU du Grand Reims", Kind = OrganisationKind.Epci, Siren = "200067213", RegionCode = "44", EpciSiren = "200067213" };
        var troyes = new Organisation { Name = "Troyes Champagne Métropole", Kind = OrganisationKind.Epci, Siren = "200069250", RegionCode = "44", EpciSiren = "200069250" };
        db.Organisations.AddRange(office, foyer, reims, troyes);
        await db.SaveChangesAsync();
        Assert.True((await new ImportResourceCeilings(db, Make.Clock()).HandleAsync(new(Make.RealReferenceFiles().CeilingsFile))).Succeeded);
        var rpls = await new ImportRpls(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportRpls.Request(Golden("rpls_2025_parc_ops.csv")));
        Assert.True(rpls.Succeeded, rpls.Failure);
        var users = new Users(
            new CurrentUser(1, "Agent de l'Office", office.Id, office.Name, TerritoryScope.Nationwide, BailleurRole),
            new CurrentUser(2, "Agent du Foyer", foyer.Id, foyer.Name, TerritoryScope.Nationwide, BailleurRole),
            new CurrentUser(3, "Chargée de mission Reims", reims.Id, reims.Name, reims.Scope, new HashSet<string> { Roles.ChargeMissionEpci }),
            new CurrentUser(4, "Chargé de mission Troyes", troyes.Id, troyes.Name, troyes.Scope, new HashSet<string> { Roles.ChargeMissionEpci }));
        return (database, users);
    }

    private static async Task<ImportRun> ImportAsync(TestDatabase database, string file, CurrentUser? user = null)
    {
        await using var db = database.NewContext();
        return await new ImportOccupancy(db, Make.Clock()).HandleAsync(new ImportOccupancy.Request(file, user ?? CurrentUser.CommandLine));
    }

    private static async Task<long> ResidenceIdAsync(TestDatabase database, string communeCode, string street)
    {
        await using var db = database.NewContext();
        return await db.Residences.Where(r => r.CommuneCode == communeCode && r.StreetName == street).Select(r => r.Id).SingleAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_GoldenFile_StoresOneAnswerPerDwellingAndSurvey(Provider provider)
    {
        var (database, _) = await StockAsync(provider);
        await using var _d = database;

        var run = await ImportAsync(database, Golden("ops_2025_bailleur.csv"));

        Assert.True(run.Succeeded, run.Failure);
        Assert.Equal((15, 15, 0, 0, 0), (run.Read, run.Created, run.Updated, run.Unchanged, run.Rejected));
        Assert.Equal("ops", run.Kind);
        await using var db = database.NewContext();
        var answers = await (from o in db.Occupancies join d in db.Dwellings on o.DwellingId equals d.Id select new { d.RplsId, o }).ToDictionaryAsync(x => x.RplsId, x => x.o);
        var a12 = answers["5100030012"];
        Assert.Equal((2025, 5, 2, 3, HouseholdType.CoupleWithChildren, 3, 35000m, true), (a12.SurveyYear, a12.Persons, a12.Adults, a12.Children, a12.Type, a12.Dependants, a12.ReferenceIncome, a12.ReceivesApl));
        Assert.Null(answers["5100030010"].ReferenceIncome); // empty: the household did not answer
        Assert.Equal((1, 1), (answers["5100030002"].Persons60Plus, answers["5100030002"].Persons75Plus));
        Assert.True(answers["5100030014"].IsYoungCouple);
        Assert.True(answers["5100030004"].NeedsAdaptedDwelling);
        Assert.Equal(new DateOnly(2020, 7, 1), answers["5100030002"].LeaseSignedOn);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_SameFileTwice_EverythingUnchanged_ThenACorrectedLineIsUpdated(Provider provider)
    {
        var (database, _) = await StockAsync(provider);
        await using var _d = database;
        Assert.True((await ImportAsync(database, Golden("ops_2025_bailleur.csv"))).Succeeded);

        var again = await ImportAsync(database, Golden("ops_2025_bailleur.csv"));
        var corrected = Make.TextFile(File.ReadLines(Golden("ops_2025_bailleur.csv")).First().TrimStart('\uFEFF'),
            File.ReadLines(Golden("ops_2025_bailleur.csv")).Skip(1).Select(l => l.StartsWith("5100030005;", StringComparison.Ordinal) ? l.Replace(";40000;", ";41000;", StringComparison.Ordinal) : l));
        var fix = await ImportAsync(database, corrected);

        Assert.Equal((true, 15, 0, 0), (again.Succeeded, again.Unchanged, again.Created, again.Updated));
        Assert.Equal((true, 14, 0, 1), (fix.Succeeded, fix.Unchanged, fix.Created, fix.Updated));
        await using var db = database.NewContext();
        Assert.Equal(15, await db.Occupancies.CountAsync());
        Assert.Equal(41000m, await (from o in db.Occupancies join d in db.Dwellings on o.DwellingId equals d.Id where d.RplsId == "5100030005" select o.ReferenceIncome).SingleAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_Windows1252WithCommasAndFrenchLabels_IsRead(Provider provider)
    {
        var (database, _) = await StockAsync(provider);
        await using var _d = database;

        var run = await ImportAsync(database, Golden("ops_2025_windows1252.csv"));

        Assert.True(run.Succeeded, run.Failure);
        Assert.Equal(3, run.Created);
        await using var db = database.NewContext();
        var answers = await (from o in db.Occupancies join d in db.Dwellings on o.DwellingId equals d.Id orderby d.RplsId select o).ToListAsync();
        Assert.Equal([HouseholdType.PersonAlone, HouseholdType.SingleParent, HouseholdType.CoupleWithoutChildren], answers.Select(a => a.Type)); // « Isolé »
        Assert.Equal([18500.50m, 9800m, 24000m], answers.Select(a => a.ReferenceIncome!.Value));
        Assert.Equal(new DateOnly(2024, 4, 15), answers[1].MovedInOn); // JJ/MM/AAAA
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_MalformedLines_RefusesTheFileNamingLineColumnValueAndRule(Provider provider)
    {
        var (database, _) = await StockAsync(provider);
        await using var _d = database;
        var file = Make.TextFile(string.Join(';', ImportOccupancy.RequiredColumns),
        [
            "5100030001;2025;3;1;1;famille_monoparentale;21000;oui;2023-06-15;2023-06-15;non",
            "5100030002;2025;1;1;0;famille;15000;non;2020-07-01;2020-07-01;non",
            "5100030003;2025;2;2;0;couple_sans_enfant;12k;non;2017-08-01;2017-08-01;non",
            "5100030004;2025;2;2;0;couple_sans_enfant;22000;oui;2023-13-01;2023-07-10;oui",
            "5100030005;2025;2;2;0;couple_sans_enfant;40000;peut-être;2023-06-20;2023-06-20;non",
            "5100030006;1999;2;1;1;famille_monoparentale;12000;oui;2023-06-01;2023-06-01;non",
            "5100030007;2025;1;1;0;couple_sans_enfant;8000;oui;2024-01-10;2024-01-10;non",
            "5100030008;2025;4;2;2;couple_avec_enfants;30000;oui;2019-01-15;2019-01-15;non",
        ]);

        var run = await ImportAsync(database, file);

        Assert.False(run.Succeeded);
        Assert.Contains("refusé en entier", run.Failure, StringComparison.Ordinal);
        var expected = new (int Line, string Column, string Value, string Rule)[]
        {
            (2, "nb_personnes", "3", "1 adulte(s) + 1 enfant(s) ≠ 3 personne(s)"),
            (3, "composition", "famille", "personne_seule, couple_sans_enfant"),
            (4, "revenu_fiscal_reference", "12k", "montant annuel en euros"),
            (5, "date_emmenagement", "2023-13-01", "date AAAA-MM-JJ ou JJ/MM/AAAA attendue"),
            (6, "beneficiaire_apl", "peut-être", "oui ou non attendu"),
            (7, "annee_enquete", "1999", "une année de 2011"),
            (8, "composition", "couple_sans_enfant", "couple sans enfant : au moins 2 adultes"),
        };
        Assert.Equal(expected.Length, run.Issues.Count);
        foreach (var (line, column, value, rule) in expected)
        {
            var issue = Assert.Single(run.Issues, i => i.Line == line);
            Assert.Equal((column, value, true), (issue.Field, issue.Value, issue.IsRejection));
            Assert.StartsWith($"ligne {line} : {column} : « {value} » : ", issue.Message, StringComparison.Ordinal);
            Assert.Contains(rule, issue.Message, StringComparison.Ordinal);
        }

        await using var db = database.NewContext();
        Assert.Equal(0, await db.Occupancies.CountAsync()); // line 9 was valid, nothing was written
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_UnknownDwellingOrDuplicate_IsRejected(Provider provider)
    {
        var (database, _) = await StockAsync(provider);
        await using var _d = database;
        var file = Make.TextFile(string.Join(';', ImportOccupancy.RequiredColumns),
        [
            "5100039999;2025;1;1;0;personne_seule;15000;non;2020-07-01;2020-07-01;non",
            "5100030002;2025;1;1;0;personne_seule;15000;non;2020-07-01;2020-07-01;non",
            "5100030002;2025;1;1;0;personne_seule;15000;non;2020-07-01;2020-07-01;non",
        ], Encoding.UTF8);

        var run = await ImportAsync(database, file);

        Assert.False(run.Succeeded);
        Assert.Equal(2, run.Rejected);
        Assert.Contains(run.Issues, i => i.Line == 2 && i.Field == "identifiant_rpls" && i.Message.Contains("« 5100039999 » : logement inconnu du parc", StringComparison.Ordinal));
        Assert.Contains(run.Issues, i => i.Line == 4 && i.Message.Contains("figure déjà ligne 3", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_ByABailleur_RefusesTheDwellingOfAnotherBailleur(Provider provider)
    {
        var (database, users) = await StockAsync(provider);
        await using var _d = database;

        var byOffice = await ImportAsync(database, Golden("ops_2025_bailleur.csv"), users.Office);
        var byEpci = await ImportAsync(database, Golden("ops_2025_windows1252.csv"), users.ReimsEpci);

        Assert.False(byOffice.Succeeded);
        var issue = Assert.Single(byOffice.Issues);
        Assert.Equal((16, "5100050001"), (issue.Line, issue.Value)); // the Foyer's dwelling
        Assert.Contains("n'appartient pas à votre organisme", issue.Message, StringComparison.Ordinal);
        Assert.False(byEpci.Succeeded);
        Assert.Contains("seuls un bailleur", byEpci.Failure, StringComparison.Ordinal);
        var ownLines = Make.TextFile(File.ReadLines(Golden("ops_2025_bailleur.csv")).First().TrimStart('\uFEFF'),
            File.ReadLines(Golden("ops_2025_bailleur.csv")).Skip(1).Where(l => !l.StartsWith("5100050001", StringComparison.Ordinal)));
        Assert.True((await ImportAsync(database, ownLines, users.Office)).Succeeded);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GetResidenceOccupancy_FourteenHouseholds_ShowsTheFiguresAndMasksTheSixRecentMovers(Provider provider)
    {
        var (database, users) = await StockAsync(provider);
        await using var _d = database;
        Assert.True((await ImportAsync(database, Golden("ops_2025_bailleur.csv"))).Succeeded);
        var id = await ResidenceIdAsync(database, "51454", "DES PEUPLIERS");
        await using var db = database.NewContext();

        var result = await new GetResidenceOccupancy(db, OccupancySettings.Default).HandleAsync(new(id), users.Office);

        Assert.NotNull(result);
        Assert.Equal(2025, result.SurveyYear);
        Assert.Equal([2025], result.Surveys);
        Assert.Equal("12 RUE DES PEUPLIERS, LES PEUPLIERS, Reims", result.Address);
        var all = result.Profile!.All;
        Assert.Equal((14, 33), (all.Households.Value, all.Persons.Value));
        // 3 personnes seules, 5 couples sans enfant, 3 couples avec enfants, 2 familles monoparentales, 1 autre
        Assert.Equal([21.4m, 35.7m, 21.4m, 14.3m, 7.1m], all.Composition.Select(c => c.Share.Percent));
        // PLUS 2025 "Autres régions" of each household's category (domain.md §3.5): <20 (8 000 / 44 982), 20–40 (2),
        // 40–60 (2), 60–100 (7), >100 (40 000 / 30 984), unknown (no income)
        Assert.Equal([7.1m, 14.3m, 14.3m, 50.0m, 7.1m, 7.1m], all.Resources.Select(r => r.Share.Percent));
        Assert.Equal(57.1m, all.AplRecipients.Percent); // 8 of 14
        Assert.True(all.Persons60Plus.Masked); // only 2 households gave their ages
        Assert.True(result.Profile.RecentMovers.Masked); // 6 moved in since 1 January 2022
        Assert.Contains("emménagés récents masqués", result.Summary, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GetResidenceOccupancy_ThreeHouseholds_ShowsNoFigure(Provider provider)
    {
        var (database, users) = await StockAsync(provider);
        await using var _d = database;
        Assert.True((await ImportAsync(database, Golden("ops_2025_windows1252.csv"))).Succeeded);
        var id = await ResidenceIdAsync(database, "51573", "DES TILLEULS");
        await using var db = database.NewContext();

        var result = await new GetResidenceOccupancy(db, OccupancySettings.Default).HandleAsync(new(id), users.ReimsEpci);

        Assert.NotNull(result);
        var all = result.Profile!.All;
        Assert.True(all.Masked);
        Assert.Equal(("moins de 11 ménages", (int?)null), (all.Households.Display, all.Persons.Value));
        Assert.All(all.Composition.Concat(all.Resources), s => Assert.Equal((null, "moins de 11 ménages"), (s.Share.Percent, s.Share.Display)));
        Assert.True(all.AplRecipients.Masked);
        Assert.Contains("aucun chiffre n'est affiché", result.Summary, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GetResidenceOccupancy_OnlyTheOwnerTheTerritoryAndAdministrators(Provider provider)
    {
        var (database, users) = await StockAsync(provider);
        await using var _d = database;
        Assert.True((await ImportAsync(database, Golden("ops_2025_bailleur.csv"))).Succeeded);
        var id = await ResidenceIdAsync(database, "51454", "DES PEUPLIERS");
        await using var db = database.NewContext();
        var handler = new GetResidenceOccupancy(db, OccupancySettings.Default);

        Assert.NotNull(await handler.HandleAsync(new(id), users.Office));
        Assert.NotNull(await handler.HandleAsync(new(id), users.ReimsEpci));
        Assert.NotNull(await handler.HandleAsync(new(id), CurrentUser.CommandLine));
        Assert.Null(await handler.HandleAsync(new(id), users.Foyer)); // another bailleur
        Assert.Null(await handler.HandleAsync(new(id), users.TroyesEpci)); // another territory
        Assert.Null(await handler.HandleAsync(new(999_999), users.Office));
    }

    private static readonly OccupancySettings ReimsInB1 = OccupancySettings.Default with { AbcZones = new Dictionary<string, AbcZone> { ["51454"] = AbcZone.B1 } };

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ListOccupancyReview_FindsOneDwellingPerSituation_SortedForTheCaleol(Provider provider)
    {
        var (database, users) = await StockAsync(provider);
        await using var _d = database;
        Assert.True((await ImportAsync(database, Golden("ops_2025_bailleur.csv"))).Succeeded);
        await using var db = database.NewContext();

        var result = await new ListOccupancyReview(db, Make.Clock(), ReimsInB1).HandleAsync(new("900000001", new DateOnly(2026, 6, 1)), users.Office);

        Assert.Equal(OccupancyReviewOutcome.Listed, result.Outcome);
        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 9, 1)), (result.From, result.Until));
        // Due between 1 June and 31 August 2026 (three-year anniversaries of the lease), files to send first, by date.
        Assert.Equal(["5100030001", "5100030005", "5100030002", "5100030004", "5100030003", "5100030006"], result.Entries.Select(e => e.RplsId));
        OccupancyReviewReason[][] reasons =
        [
            [OccupancyReviewReason.Overcrowding], // 3 persons in 20 m² < 25 m² (L822-10)
            [OccupancyReviewReason.ResourcesAboveCeiling], // 40 000 € > PLUS 2026 cat. 2 31 254 €
            [OccupancyReviewReason.UnderOccupation], // 1 person in 4 rooms (L621-2)
            [OccupancyReviewReason.AdaptationNeeded],
            [OccupancyReviewReason.AdaptedDwellingNotNeeded],
            [],
        ];
        Assert.Equal(reasons, result.Entries.Select(e => e.Findings.Select(f => f.Reason).ToArray()));
        Assert.Equal([true, true, true, true, true, false], result.Entries.Select(e => e.SendToCaleol));
        var first = result.Entries[0];
        Assert.Equal((new DateOnly(2026, 6, 15), (DateOnly?)null, true, AbcZone.B1, "PLUS"), (first.ReviewOn, first.LastReviewOn, first.InReviewZone, first.AbcZone, first.CeilingFamily));
        Assert.Equal(new DateOnly(2023, 8, 1), result.Entries[4].LastReviewOn);
        Assert.Contains(first.Explanation, l => l.Contains("enquête OPS 2025", StringComparison.Ordinal));
        Assert.Equal(5, result.ToSend);
        Assert.DoesNotContain(result.Entries, e => e.RplsId == "5100050001"); // the Foyer's overcrowded dwelling
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ListOccupancyReview_HouseholdGoneSinceTheSurvey_IsLeftOut(Provider provider)
    {
        var (database, users) = await StockAsync(provider);
        await using var _d = database;
        Assert.True((await ImportAsync(database, Golden("ops_2025_bailleur.csv"))).Succeeded);
        await using (var change = database.NewContext())
        {
            // RPLS 2025 says 5100030006 is vacant, and 5100030001 has a lease of March 2025 (after the one declared in 2023).
            var ids = await change.Dwellings.Where(d => d.RplsId == "5100030006" || d.RplsId == "5100030001").ToDictionaryAsync(d => d.RplsId, d => d.Id);
            await change.DwellingStates.Where(s => s.DwellingId == ids["5100030006"]).ExecuteUpdateAsync(u => u.SetProperty(s => s.OccupancyMode, OccupancyMode.VacantOffered));
            await change.DwellingStates.Where(s => s.DwellingId == ids["5100030001"]).ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseStart, new DateOnly(2025, 3, 1)));
        }

        await using var db = database.NewContext();
        var result = await new ListOccupancyReview(db, Make.Clock(), ReimsInB1).HandleAsync(new("900000001", new DateOnly(2026, 6, 1)), users.Office);

        Assert.Equal(["5100030005", "5100030002", "5100030004", "5100030003"], result.Entries.Select(e => e.RplsId));
        Assert.Contains(result.Explanation, l => l.StartsWith("2 logement(s) écarté(s)", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ListOccupancyReview_AnotherBailleurOrTheEpci_IsRefused(Provider provider)
    {
        var (database, users) = await StockAsync(provider);
        await using var _d = database;
        Assert.True((await ImportAsync(database, Golden("ops_2025_bailleur.csv"))).Succeeded);
        await using var db = database.NewContext();
        var handler = new ListOccupancyReview(db, Make.Clock(), ReimsInB1);

        var foyer = await handler.HandleAsync(new("900000001", new DateOnly(2026, 6, 1)), users.Foyer);
        var epci = await handler.HandleAsync(new("900000001", new DateOnly(2026, 6, 1)), users.ReimsEpci);
        var unknown = await handler.HandleAsync(new("123456789"), users.Office);
        var own = await handler.HandleAsync(new("900000002", new DateOnly(2026, 6, 1)), users.Foyer);

        Assert.Equal((OccupancyReviewOutcome.Forbidden, 0), (foyer.Outcome, foyer.Entries.Count));
        Assert.Equal(OccupancyReviewOutcome.Forbidden, epci.Outcome);
        Assert.Equal(OccupancyReviewOutcome.UnknownBailleur, unknown.Outcome);
        Assert.Equal([OccupancyReviewReason.Overcrowding], own.Entries.Single().Findings.Select(f => f.Reason)); // 3 persons in 15 m²
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExportOccupancyReview_WritesTheListWithFrenchHeaders(Provider provider)
    {
        var (database, users) = await StockAsync(provider);
        await using var _d = database;
        Assert.True((await ImportAsync(database, Golden("ops_2025_bailleur.csv"))).Succeeded);
        await using var db = database.NewContext();
        var export = new ExportOccupancyReview(new ListOccupancyReview(db, Make.Clock(), ReimsInB1));

        var result = await export.HandleAsync(new("900000001", new DateOnly(2026, 6, 1)), users.Office);
        var refused = await export.HandleAsync(new("900000001", new DateOnly(2026, 6, 1)), users.Foyer);

        Assert.Null(refused.Csv);
        var text = Encoding.UTF8.GetString(result.Csv!);
        Assert.StartsWith("\uFEFFidentifiant_rpls;reference_bailleur;adresse;", text, StringComparison.Ordinal);
        var lines = text.TrimEnd().Split("\r\n");
        Assert.Equal(7, lines.Length);
        var first = lines[1].Split(';');
        var column = (string name) => first[Array.IndexOf(ExportOccupancyReview.Header, name)];
        Assert.Equal(("5100030001", "PL-12-01", "20", "15/06/2026", "oui", "oui", "non"),
            (column("identifiant_rpls"), column("reference_bailleur"), column("surface_habitable"), column("echeance_examen"), column("a_transmettre_caleol"), column("sur_occupation"), column("sous_occupation")));
        Assert.Contains("sur-occupation", column("situations"), StringComparison.Ordinal);
    }
}
