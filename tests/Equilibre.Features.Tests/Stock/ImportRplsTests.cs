using System.Text;
using Equilibre.Domain.Organisations;
using Equilibre.Domain.Stock;
using Equilibre.Features.Imports;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Stock;

/// <summary>
/// The RPLS import (domain.md §10.1, §16.2–16.3) on golden files written for these tests with realistic values of
/// Grand Est communes: the open file with the headers up to 2022 (<c>;</c>, UTF-8), the 2023 DiDo generation
/// (<c>,</c>, quoted, UTF-8 with BOM, codes that lost their leading zero), and the "version loi" in Windows-1252
/// (2024) then UTF-8 (2025). SIRET and identifiers are test values.
/// </summary>
public sealed class ImportRplsTests
{
    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Stock", "Files", name);

    private static async Task<Equilibre.Features.Imports.ImportRun> ImportAsync(TestDatabase database, string file, int? millesime = null)
    {
        await using var db = database.NewContext();
        return await new ImportRpls(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportRpls.Request(file, millesime));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_OpenFileUpTo2022_CreatesResidencesDwellingsAndStates(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var run = await ImportAsync(database, Golden("rpls_2021_donnees_detaillees.csv"));

        Assert.True(run.Succeeded, run.Failure);
        Assert.Equal((6, 6, 0, 0, 0), (run.Read, run.Created, run.Updated, run.Unchanged, run.Rejected));
        await using var db = database.NewContext();
        var residences = await db.Residences.OrderBy(r => r.CommuneCode).ToListAsync();
        Assert.Equal(["10387", "51454", "51573"], residences.Select(r => r.CommuneCode));
        var reims = residences[1];
        Assert.Equal(("514540603", true, "200067213", "DU DOCTEUR SCHWEITZER", 2021), (reims.IrisCode, reims.InQpv, reims.EpciSiren, reims.StreetName, reims.Millesime));
        Assert.Null(reims.ExZus); // the files up to 2022 do not say
        Assert.False(residences[2].InQpv);

        var dwellings = await db.Dwellings.OrderBy(d => d.Id).ToListAsync();
        Assert.All(dwellings, d => Assert.Equal(DwellingIdentifierKind.Derived, d.IdentifierKind));
        Assert.Equal(6, dwellings.Select(d => d.RplsId).Distinct().Count()); // two identical lines: ranks 1 and 2
        Assert.EndsWith("-2", dwellings[3].RplsId, StringComparison.Ordinal);

        var first = await db.DwellingStates.SingleAsync(s => s.DwellingId == dwellings[0].Id);
        Assert.Equal((2021, 3, 67.5m, 1968, 1969, EntryMode.Construction), (first.Millesime, first.Rooms, first.HabitableSurface, first.ConstructionYear, first.FirstLettingYear, first.EntryMode));
        Assert.Equal(("52", FinancingFamily.Plus, true, new DateOnly(1978, 12, 1), "PLUS"), (first.FinancingCode, first.Financing, first.AplConvention, first.ConventionDate, first.CusCeiling));
        Assert.Equal((new DateOnly(2019, 3, 1), "D", "E", ConstructionType.Collective), (first.DpeDate, first.DpeEnergyClass, first.DpeGhgClass, first.ConstructionType));
        Assert.Null(first.BailleurId); // the open file has no landlord identity
        Assert.Null(first.MonthlyRent);

        var troyes = await db.DwellingStates.SingleAsync(s => s.Financing == FinancingFamily.Plai);
        Assert.Null(troyes.DpeDate); // 01/1900 = no DPE
        Assert.Equal(EntryMode.AcquisitionWithWorks, troyes.EntryMode);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_DidoFileFrom2023_ReadsTheNewHeaderNamesAndRestoresLeadingZeros(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var run = await ImportAsync(database, Golden("rpls_2023_dido.csv"));

        Assert.True(run.Succeeded, run.Failure);
        Assert.Equal((4, 4), (run.Read, run.Created));
        await using var db = database.NewContext();
        var residences = await db.Residences.OrderBy(r => r.CommuneCode).ThenBy(r => r.StreetName).ToListAsync();
        Assert.Equal(["08105", "08105", "52448"], residences.Select(r => r.CommuneCode));
        var ronde = residences[0];
        Assert.Equal(("08000", "08", "081050701", "QP008003", true, true, false), (ronde.PostalCode, ronde.DepartementCode, ronde.IrisCode, ronde.QpvCode, ronde.InQpv, ronde.ExZus, ronde.Qva));
        Assert.Equal((false, false, false), (residences[1].InQpv!.Value, residences[1].ExZus!.Value, residences[1].Qva!.Value));
        Assert.Equal((false, true), (residences[2].InQpv!.Value, residences[2].Qva!.Value));

        var families = await db.DwellingStates.OrderBy(s => s.FinancingCode).Select(s => s.Financing).ToListAsync();
        Assert.Equal([FinancingFamily.Pls, FinancingFamily.Pli, FinancingFamily.Plus, FinancingFamily.Plus], families);
        var pli = await db.DwellingStates.SingleAsync(s => s.FinancingCode == "16");
        Assert.Equal((false, "E", "F"), (pli.AplConvention, pli.DpeEnergyClass, pli.DpeGhgClass));
        Assert.Contains("accessible", await db.DwellingStates.Where(s => s.Accessibility != null).Select(s => s.Accessibility!).ToListAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_VersionLoiInWindows1252_KeepsRentOccupancyLeaseAndBailleur(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var setup = database.NewContext())
        {
            setup.Organisations.Add(new Organisation { Name = "Office de l'habitat rémois (test)", Kind = OrganisationKind.Bailleur, Siren = "900000001" });
            await setup.SaveChangesAsync();
        }

        var run = await ImportAsync(database, Golden("rpls_2024_version_loi.csv"));

        Assert.True(run.Succeeded, run.Failure);
        Assert.Equal((4, 4), (run.Read, run.Created));
        await using var db = database.NewContext();
        var bailleur = await db.Bailleurs.SingleAsync();
        var organisation = await db.Organisations.SingleAsync();
        Assert.Equal(("900000001", "Office de l'habitat rémois (test)", organisation.Id), (bailleur.Siren, bailleur.Name, bailleur.OrganisationId));
        var residence = await db.Residences.SingleAsync(r => r.CommuneCode == "51454");
        Assert.Equal(("D'ÉPERNAY", "LES CHÂTAIGNIERS"), (residence.StreetName, residence.BuildingName));

        var states = await (from s in db.DwellingStates
                            join d in db.Dwellings on s.DwellingId equals d.Id
                            orderby d.RplsId
                            select new { d.RplsId, d.IdentifierKind, d.Floor, s.MonthlyRent, s.OccupancyMode, s.LeaseStart, s.BailleurId, s.LandlordReference }).ToListAsync();
        Assert.Equal(["5100012345", "5100012346", "5100012347", "5100020001"], states.Select(s => s.RplsId));
        Assert.All(states, s => Assert.Equal((DwellingIdentifierKind.Repertoire, bailleur.Id), (s.IdentifierKind, s.BailleurId)));
        Assert.Equal([285.40m, null, 402.15m, 344.80m], states.Select(s => s.MonthlyRent)); // 9999 = sans objet
        Assert.Equal([OccupancyMode.Let, OccupancyMode.VacantOffered, OccupancyMode.EmptyNotOffered, OccupancyMode.Let], states.Select(s => s.OccupancyMode));
        Assert.Equal(new DateOnly(2021, 9, 1), states[0].LeaseStart);
        Assert.Equal(("01", "RE-147-011"), (states[0].Floor, states[0].LandlordReference));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_ByABailleur_TakesItsLinesWithoutSiretAndRefusesAnotherBailleursLines(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        long own, other, epci;
        await using (var setup = database.NewContext())
        {
            var ownOrganisation = new Organisation { Name = "Bailleur importateur (test)", Kind = OrganisationKind.Bailleur, Siren = "900000002" };
            var otherOrganisation = new Organisation { Name = "Bailleur sans SIREN (test)", Kind = OrganisationKind.Bailleur };
            var epciOrganisation = new Organisation { Name = "EPCI (test)", Kind = OrganisationKind.Epci, Siren = "200067213" };
            setup.Organisations.AddRange(ownOrganisation, otherOrganisation, epciOrganisation);
            await setup.SaveChangesAsync();
            (own, other, epci) = (ownOrganisation.Id, otherOrganisation.Id, epciOrganisation.Id);
        }

        async Task<Equilibre.Features.Imports.ImportRun> AsAsync(string file, long organisation)
        {
            await using var db = database.NewContext();
            return await new ImportRpls(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportRpls.Request(Golden(file), ForOrganisationId: organisation));
        }

        var foreign = await AsAsync("rpls_2024_version_loi.csv", own);
        Assert.False(foreign.Succeeded);
        Assert.Contains(foreign.Issues, i => i.Message == "ligne 2 : SIRET : « 900000001 » : un bailleur n'importe que ses propres logements (SIREN 900000002, Bailleur importateur (test))");
        Assert.Contains("n'a pas de SIREN", (await AsAsync("rpls_2021_donnees_detaillees.csv", other)).Failure, StringComparison.Ordinal);
        Assert.Contains("n'est pas un bailleur", (await AsAsync("rpls_2021_donnees_detaillees.csv", epci)).Failure, StringComparison.Ordinal);

        var mine = await AsAsync("rpls_2021_donnees_detaillees.csv", own);

        Assert.True(mine.Succeeded, mine.Failure);
        await using var check = database.NewContext();
        var bailleur = await check.Bailleurs.SingleAsync();
        Assert.Equal(("900000002", own), (bailleur.Siren, bailleur.OrganisationId));
        Assert.All(await check.DwellingStates.ToListAsync(), s => Assert.Equal(bailleur.Id, s.BailleurId));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_SameFileTwice_ChangesNothingAndSaysSo(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var file = Golden("rpls_2021_donnees_detaillees.csv");
        await ImportAsync(database, file);

        var again = await ImportAsync(database, file);

        Assert.True(again.Succeeded, again.Failure);
        Assert.Equal((6, 0, 0, 6), (again.Read, again.Created, again.Updated, again.Unchanged));
        await using var db = database.NewContext();
        Assert.Equal((3, 6, 6), (await db.Residences.CountAsync(), await db.Dwellings.CountAsync(), await db.DwellingStates.CountAsync()));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_NewMillesime_AddsStatesToTheSameDwellings(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await ImportAsync(database, Golden("rpls_2024_version_loi.csv"));

        var run = await ImportAsync(database, Golden("rpls_2025_version_loi.csv"));

        Assert.True(run.Succeeded, run.Failure);
        Assert.Equal((4, 4, 0, 0), (run.Read, run.Created, run.Updated, run.Unchanged));
        await using var db = database.NewContext();
        Assert.Equal((5, 8, 1), (await db.Dwellings.CountAsync(), await db.DwellingStates.CountAsync(), await db.Bailleurs.CountAsync()));
        var history = await (from s in db.DwellingStates
                             join d in db.Dwellings on s.DwellingId equals d.Id
                             where d.RplsId == "5100012346"
                             orderby s.Millesime
                             select new { s.Millesime, s.OccupancyMode, s.MonthlyRent, d.FirstMillesime }).ToListAsync();
        Assert.Equal([(2024, OccupancyMode.VacantOffered, (decimal?)null), (2025, OccupancyMode.Let, 371.00m)],
            history.Select(h => (h.Millesime, h.OccupancyMode!.Value, h.MonthlyRent)));
        Assert.All(history, h => Assert.Equal(2024, h.FirstMillesime));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_CorrectedFileOfTheSameMillesime_RewritesOnlyTheChangedStates(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var original = Golden("rpls_2024_version_loi.csv");
        await ImportAsync(database, original);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = Encoding.GetEncoding(1252);
        var corrected = Path.Combine(Make.TempFolder(), "rpls_2024_corrige.csv");
        await File.WriteAllTextAsync(corrected, (await File.ReadAllTextAsync(original, encoding)).Replace("285,40", "288,00", StringComparison.Ordinal), encoding);

        var run = await ImportAsync(database, corrected);

        Assert.True(run.Succeeded, run.Failure);
        Assert.Equal((0, 1, 3), (run.Created, run.Updated, run.Unchanged));
        await using var db = database.NewContext();
        Assert.Equal(4, await db.DwellingStates.CountAsync());
        Assert.Equal(288.00m, await db.DwellingStates.Where(s => s.LandlordReference == "RE-147-011").Select(s => s.MonthlyRent).SingleAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_MalformedLines_RefuseTheFileNamingLineFieldAndRule(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var file = Make.TextFile("DEPCOM;LIBCOM;NOMVOIE;NBPIECE;SURFHAB;CONSTRUCT;FINAN;QPV;DPEDATE",
        [
            "51454;Reims;RUE DU DOCTEUR SCHWEITZER;3;67,5;1968;52;1;03/2019",
            "51454;Reims;RUE DU DOCTEUR SCHWEITZER;0;67,5;1968;52;1;03/2019",
            "5145X;Reims;RUE DU DOCTEUR SCHWEITZER;3;67,5;1968;18;1;03/2019",
            "51454;Reims;RUE DU DOCTEUR SCHWEITZER;3;soixante;2031;52;3;2019",
        ]);

        var run = await ImportAsync(database, file, millesime: 2021);

        Assert.False(run.Succeeded);
        Assert.Equal(
            [(3, "NBPIECE"), (4, "DEPCOM"), (4, "FINAN"), (5, "QPV"), (5, "SURFHAB"), (5, "CONSTRUCT"), (5, "DPEDATE")],
            run.Issues.Select(i => (i.Line, i.Field)));
        Assert.Equal("ligne 3 : NBPIECE : « 0 » : nombre de pièces principales, entier de 1 à 20", run.Issues[0].Message);
        Assert.Equal("ligne 5 : CONSTRUCT : « 2031 » : année (AAAA) entre 1500 et le millésime", run.Issues[5].Message);
        Assert.Contains("rien n'a été enregistré", run.Failure, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.False(await db.Dwellings.AnyAsync());
        Assert.False(await db.Residences.AnyAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_SameRepertoireIdentifierTwice_RejectsTheSecondLine(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var file = Make.TextFile("IDENT_REP;DEPCOM;NBPIECE;FINAN",
        [
            "5100012345;51454;3;52",
            "5100012345;51454;2;52",
        ]);

        var run = await ImportAsync(database, file, millesime: 2024);

        Assert.False(run.Succeeded);
        Assert.Equal("ligne 3 : IDENT_REP : « 5100012345 » : le logement figure déjà ligne 2 (un logement par ligne)", Assert.Single(run.Issues).Message);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_NotAnRplsFile_IsRefusedNamingTheMissingColumns(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var file = Make.TextFile("code_quartier;nom_quartier", ["QP051001;Croix Rouge"]);

        var run = await ImportAsync(database, file, millesime: 2024);

        Assert.False(run.Succeeded);
        Assert.StartsWith("ligne 1 (en-tête) : colonne(s) obligatoire(s) absente(s) : commune (DEPCOM ou DEPCOM_CODE), nombre de pièces (NBPIECE), financement initial (FINAN ou FINAN_CODE)", run.Failure, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_NoMillesimeGivenNorInTheFileName_IsRefused(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var file = Make.TextFile("DEPCOM;NBPIECE;FINAN", ["51454;3;52"]);

        var run = await ImportAsync(database, file);

        Assert.False(run.Succeeded);
        Assert.StartsWith("millésime inconnu", run.Failure, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_AddressAtEveryMaximumLength_IsStored(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var line = string.Join(';', "51454", new string('1', 10), new string('B', 10), new string('T', 40), new string('N', 200), new string('I', 100), new string('L', 100), "3", "52");
        var file = Make.TextFile("DEPCOM;NUMVOIE;INDREP;TYPVOIE;NOMVOIE;IMMEU;LIEUDIT;NBPIECE;FINAN", [line]);

        var run = await ImportAsync(database, file, millesime: 2024);

        Assert.True(run.Succeeded, run.Failure);
        await using var db = database.NewContext();
        Assert.Equal(471, (await db.Residences.SingleAsync()).AddressKey.Length);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_ManyBatches_WritesEveryLineOnce(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var lines = Enumerable.Range(1, ImportRpls.BatchSize + 7)
            .Select(i => $"{5200000000 + i};51454;{i % 97};RUE DE TEST;{1 + (i % 5)};{40 + (i % 60)};52");
        var file = Make.TextFile("IDENT_REP;DEPCOM;NUMVOIE;NOMVOIE;NBPIECE;SURFHAB;FINAN", lines);

        var first = await ImportAsync(database, file, millesime: 2025);
        var second = await ImportAsync(database, file, millesime: 2025);

        Assert.True(first.Succeeded, first.Failure);
        Assert.Equal((ImportRpls.BatchSize + 7, ImportRpls.BatchSize + 7), (first.Created, second.Unchanged));
        await using var db = database.NewContext();
        Assert.Equal((97, ImportRpls.BatchSize + 7), (await db.Residences.CountAsync(), await db.Dwellings.CountAsync()));
    }

    /// <summary>
    /// A large file (threshold set to 0 here): PostgreSQL checks the foreign keys once at the end; they are there
    /// after a success and after a refusal, and a rejection in the last batch still refuses the batches already
    /// written while the next ones were being parsed.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_LargeFile_ChecksForeignKeysOnceAndStaysAtomic(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        List<string> Lines(long first) => [.. Enumerable.Range(1, (2 * ImportRpls.BatchSize) + 7)
            .Select(i => $"{first + i};51454;{i % 97};RUE DE TEST;{1 + (i % 5)};{40 + (i % 60)};52")];
        var lines = Lines(5200000000);
        var file = Make.TextFile("IDENT_REP;DEPCOM;NUMVOIE;NOMVOIE;NBPIECE;SURFHAB;FINAN", lines);
        var broken = Make.TextFile("IDENT_REP;DEPCOM;NUMVOIE;NOMVOIE;NBPIECE;SURFHAB;FINAN", [.. Lines(5300000000), "5399999999;51454;1;RUE DE TEST;0;40;52"]);
        async Task<Equilibre.Features.Imports.ImportRun> Large(string f)
        {
            await using var db = database.NewContext();
            return await new ImportRpls(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportRpls.Request(f, 2025) { ForeignKeysCheckedOnceFrom = 0 });
        }

        var first = await Large(file);
        var refused = await Large(broken);
        var second = await Large(file);

        Assert.True(first.Succeeded, first.Failure);
        Assert.False(refused.Succeeded);
        Assert.Equal((lines.Count, lines.Count), (first.Created, second.Unchanged));
        Assert.Equal(lines.Count + 1, refused.Read);
        Assert.All(refused.Issues, i => Assert.Equal((lines.Count + 2, "NBPIECE"), (i.Line, i.Field))); // line 1 is the header
        await using var check = database.NewContext();
        Assert.Equal((lines.Count, lines.Count), (await check.Dwellings.CountAsync(), await check.DwellingStates.CountAsync()));
        if (provider == Provider.Postgres)
        {
            var keys = await check.Database.SqlQueryRaw<string>(
                "SELECT conname::text AS \"Value\" FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('\"Dwellings\"'::regclass, '\"DwellingStates\"'::regclass) ORDER BY 1").ToListAsync();
            Assert.Equal(["FK_DwellingStates_Bailleurs_BailleurId", "FK_DwellingStates_Dwellings_DwellingId", "FK_Dwellings_Residences_ResidenceId"], keys);
        }
    }

    /// <summary>
    /// PostgreSQL writes into an empty stock batch by batch, and stages the checked lines into a stock that already holds
    /// dwellings, then writes it set-based (ImportRpls.Staging.cs); SQLite keeps the batch path. On a staged import, a
    /// file of three batches whose last line is refused leaves the stock as it was (no résidence, dwelling or state of
    /// the earlier batches, no state changed), and a later file mixing unchanged, changed and new lines is counted line
    /// by line as before.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_PostgresStagesIntoAnExistingStock_RefusedLastLineRollsBackEverything(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        const string header = "IDENT_REP;SIRET;DEPCOM;NUMVOIE;NOMVOIE;NBPIECE;SURFHAB;FINAN";
        string Line(int i, int rooms) => $"{5500000000 + i};77567079600017;51454;{i % 89};RUE DE TEST;{rooms};{40 + (i % 60)};52";
        bool Staged(SqlLog log) => log.Texts.Any(t => t.Contains($"CREATE TEMP TABLE {ImportRpls.StagingTable}", StringComparison.Ordinal));
        var count = (2 * ImportRpls.BatchSize) + 11;

        // Into an empty stock: batch by batch on both providers.
        var good = Make.TextFile(header, Enumerable.Range(1, count).Select(i => Line(i, 1 + (i % 5))));
        var commands = new SqlLog();
        ImportRun first;
        await using (var db = database.NewContext(commands))
        {
            first = await new ImportRpls(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportRpls.Request(good, 2025));
        }

        Assert.True(first.Succeeded, first.Failure);
        Assert.Equal((count, 0, 0), (first.Created, first.Updated, first.Unchanged));
        Assert.False(Staged(commands));

        // Lines 1–100 get one more room (updated), 101–200 are dropped, 201.. are the same, and 10 new lines.
        var mixedLines = Enumerable.Range(1, count + 10).Where(i => i is <= 100 or > 200).Select(i => Line(i, i <= 100 ? 2 + (i % 5) : 1 + (i % 5))).ToList();
        var broken = Make.TextFile(header, [.. mixedLines, Line(count + 11, 0)]);
        commands = new SqlLog();
        ImportRun refused;
        await using (var db = database.NewContext(commands))
        {
            refused = await new ImportRpls(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportRpls.Request(broken, 2025));
        }

        Assert.False(refused.Succeeded);
        Assert.Equal(mixedLines.Count + 1, refused.Read);
        Assert.Equal((mixedLines.Count + 2, "NBPIECE"), (refused.Issues.Single().Line, refused.Issues.Single().Field)); // line 1 is the header
        await using (var check = database.NewContext())
        {
            Assert.Equal((1, count, count), (await check.Bailleurs.CountAsync(), await check.Dwellings.CountAsync(), await check.DwellingStates.CountAsync()));
            Assert.Equal(3, (await check.DwellingStates.Join(check.Dwellings, s => s.DwellingId, d => d.Id, (s, d) => new { d.RplsId, s.Rooms }).SingleAsync(x => x.RplsId == "5500000007")).Rooms); // unchanged
        }

        // Every batch was staged (PostgreSQL) before the last line was read; the set-based writes never ran.
        Assert.Equal(provider == Provider.Postgres, Staged(commands));
        Assert.DoesNotContain(commands.Texts, t => t.Contains($"FROM {ImportRpls.StagingTable}", StringComparison.Ordinal));

        var mixed = Make.TextFile(header, mixedLines);
        commands = new SqlLog();
        ImportRun second;
        await using (var db = database.NewContext(commands))
        {
            second = await new ImportRpls(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportRpls.Request(mixed, 2025));
        }

        Assert.True(second.Succeeded, second.Failure);
        Assert.Equal((10, 100, count - 200), (second.Created, second.Updated, second.Unchanged));
        Assert.Equal(provider == Provider.Postgres, commands.Texts.Any(t => t.StartsWith("INSERT INTO \"DwellingStates\"", StringComparison.Ordinal) && t.Contains($"FROM {ImportRpls.StagingTable}", StringComparison.Ordinal)));
        await using var db2 = database.NewContext();
        Assert.Equal((count + 10, count + 10), (await db2.Dwellings.CountAsync(), await db2.DwellingStates.CountAsync()));
        var dwellings = await db2.Dwellings.OrderBy(d => d.Id).Select(d => d.RplsId).ToListAsync();
        Assert.Equal(Enumerable.Range(1, count + 10).Select(i => (5500000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)), dwellings); // keys follow the file
        var updated = await db2.DwellingStates.Join(db2.Dwellings, s => s.DwellingId, d => d.Id, (s, d) => new { d.RplsId, s.Rooms }).SingleAsync(x => x.RplsId == "5500000007");
        Assert.Equal(4, updated.Rooms);
        Assert.Single(await db2.Bailleurs.ToListAsync());
    }

    /// <summary>Records the text of every command EF runs.</summary>
    private sealed class SqlLog : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
