using System.Diagnostics;
using System.Text;
using Equilibre.Domain.Applications;
using Equilibre.Features.Applications;
using Equilibre.Features.Applications.Sne;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Equilibre.Features.Tests.Applications;

/// <summary>Import and export of demands (SNE interfaceNuu XML and CSV) on both providers.</summary>
public sealed class DemandImportTests(ITestOutputHelper output)
{
    private static readonly DateOnly Created = new(2026, 3, 1);

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_real_SNE_example_imports_with_every_field_mapped(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var run = await f.ImportAsync(DemandFixture.SneExample(), "51454", "T3");

        Assert.True(run.Succeeded, run.Failure + string.Join(" ; ", run.Issues.Select(i => i.Message)));
        Assert.Equal((1, 1, 0, 0), (run.Read, run.Created, run.Updated, run.Unchanged));
        Assert.DoesNotContain(run.Issues, i => i.Message.Contains("élément inconnu", StringComparison.Ordinal));
        var warning = Assert.Single(run.Issues);
        Assert.False(warning.IsRejection);
        Assert.Equal("logementRecherche", warning.Field);
        Assert.Contains("commune souhaitée 51454, typologie T3", warning.Message, StringComparison.Ordinal);

        await using var db = f.Database.NewContext();
        var demand = await db.Demands.Include(d => d.Wishes).SingleAsync();
        Assert.Equal("1110318016982G1104", demand.Numero);
        Assert.Equal(DemandStatus.Active, demand.Status);
        Assert.Equal(new DateOnly(2018, 3, 15), demand.RegisteredOn);
        Assert.Equal(new DateOnly(2019, 3, 15), demand.ExpiresOn);
        Assert.Equal("DUPONT Jean", demand.ApplicantName);
        Assert.Equal(new DateOnly(2018, 3, 15), Assert.Single(demand.Wishes).Since);
        Assert.Equal(1, demand.Version);

        var file = DemandJson.Read(demand.Content);
        var a = file.Applicant;
        Assert.Equal(("1", "Dupont", "Jean", new DateOnly(1970, 1, 1), "1", "M"), (a.Civility, a.LastName, a.FirstName, a.BirthDate, a.Nationality, a.FamilySituation));
        Assert.Equal(("0606060606", "jean.dupont@yyyy.fr"), (a.Phone, a.Email));
        Assert.Equal(new PostalAddress(false, "103", "avenue de france", "75013", "75113"), a.Address);
        Assert.Equal(new ProfessionalSituation("Agent de sécurité", "CDI", "AAAA", false, "75000", "75056"), a.Work);
        Assert.Equal(new TaxIncome(2017, 21000, 2016, 20000), a.TaxIncome);
        Assert.Equal(
            ["PAR:100", "AEEH:140", "PINV:100", "AF:400", "CHO:150", "PAJE:400", "BE:300", "AAH:100", "RET:100", "SAL:1500", "AJPP:150", "AMV:150", "RSA:130", "AUT:290"],
            a.ResourcesReceived.Select(r => $"{r.Code}:{r.Amount}"));
        Assert.Equal(14, a.ResourcesReceived.Select(r => r.Code).Distinct().Count());
        Assert.Equal([new MonthlyResource("PAV", 120)], a.ResourcesPaid);
        Assert.Empty(file.DependantResourcesReceived);
        Assert.Empty(file.DependantResourcesPaid);

        var dependant = Assert.Single(file.Dependants);
        Assert.Equal(new Dependant("DUPONT", "LEA", new DateOnly(2010, 1, 1), "F", "E"), dependant);
        Assert.Equal(new UnbornChildren(1, new DateOnly(2018, 8, 1)), file.Unborn);
        Assert.Equal(
            [new CustodyChild(new DateOnly(2012, 1, 1), "M", "G"), new CustodyChild(new DateOnly(2014, 1, 1), "M", "D")],
            file.ChildrenInCustody);

        var c = Assert.Single(file.CoApplicants);
        Assert.Equal(("2", "DUPONT", "MARTIN", "MARIE", new DateOnly(1975, 2, 1)), (c.Civility, c.LastName, c.BirthName, c.FirstName, c.BirthDate));
        Assert.Equal(("2", "M", "M"), (c.Nationality, c.FamilySituation, c.LinkToApplicant));
        Assert.Equal(new ProfessionalSituation("Assistante maternelle", "CDI", "Département", false, "75020", "75120"), c.Work);
        Assert.Equal(new TaxIncome(2017, null, 2016, null), c.TaxIncome);
        Assert.Equal(
            ["PAJE:100", "BE:140", "AAH:20", "SAL:1000", "AJPP:50", "AMV:600", "RSA:75", "RET:150", "PAR:200", "AEEH:120", "PINV:50", "CHO:100", "AF:200", "AUT:360"],
            c.ResourcesReceived.Select(r => $"{r.Code}:{r.Amount}"));
        Assert.Equal([new MonthlyResource("PAV", 30)], c.ResourcesPaid);

        var h = file.CurrentHousing!;
        Assert.Equal((1000m, 5, "A", "T3", 50m, false), (h.MonthlyRent!.Value, h.Occupants!.Value, h.Category, h.Typology, h.Surface!.Value, h.Owner!.Value));
        Assert.Equal(["LP"], h.Models);
        Assert.Equal(["51454"], file.Wishes.Communes);
        Assert.Equal(["T3"], file.Wishes.Typologies);

        var history = await db.DemandEvents.Where(e => e.DemandId == demand.Id).ToListAsync();
        var imported = Assert.Single(history);
        Assert.Equal(DemandEventKind.Imported, imported.Kind);
        Assert.Contains("enregistrée le 15/03/2018", imported.Summary, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_SNE_example_without_default_wishes_is_refused_and_says_how_to_import_it(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var run = await f.ImportAsync(DemandFixture.SneExample());

        Assert.False(run.Succeeded);
        Assert.Contains(run.Issues, i => i.IsRejection && i.Field == "logementRecherche.localisationSouhaitee" && i.Message.Contains("commune et une typologie par défaut", StringComparison.Ordinal));
        Assert.Contains(run.Issues, i => i.IsRejection && i.Field == "logementRecherche.typeLogement");
        Assert.Equal((0, 0, 0), await f.CountsAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Importing_the_same_file_again_changes_nothing(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var csv = WriteCsv(Rich(1), Rich(2, "10387"), Radiated(3));
        Assert.True((await f.ImportAsync(SneExampleCopy(), "51454", "T3")).Succeeded);
        var first = await f.ImportAsync(csv);
        Assert.True(first.Succeeded, string.Join(" ; ", first.Issues.Select(i => i.Message)));
        Assert.Equal(3, first.Created);
        var counts = await f.CountsAsync();

        var again = await f.ImportAsync(csv);
        var example = await f.ImportAsync(SneExampleCopy(), "51454", "T3");

        Assert.True(again.Succeeded);
        Assert.Equal((0, 0, 3), (again.Created, again.Updated, again.Unchanged));
        Assert.Equal((0, 0, 1), (example.Created, example.Updated, example.Unchanged));
        Assert.Equal(counts, await f.CountsAsync());
        await using var db = f.Database.NewContext();
        Assert.All(await db.Demands.ToListAsync(), d => Assert.Equal(1, d.Version));
    }

    /// <summary>After a committed import, the demands of the territories it touched are scored under their grid in force (ADR 0008).</summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_import_scores_the_active_demands_of_the_territories_it_touched(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        await using (var db = f.Database.NewContext())
        {
            var grid = Domain.Cotation.SampleGrids.Cumulative("200067213", new DateOnly(2026, 1, 1)) with { PublishedOn = new DateOnly(2025, 12, 15) };
            var record = new Features.Cotation.CotationGridRecord { Territory = grid.Territory, Label = "", Content = "", UpdatedBy = "test" };
            Features.Cotation.CotationGridJson.Apply(record, grid);
            db.CotationGrids.Add(record);
            await db.SaveChangesAsync();
        }

        var run = await f.ImportAsync(WriteCsv(Rich(1), Rich(2, "10387"), Radiated(3)));
        Assert.True(run.Succeeded);
        await using var check = f.Database.NewContext();
        var scored = await check.DemandScores.Select(s => s.Territory).ToListAsync();
        Assert.Equal(["200067213"], scored); // the active Reims demand; Troyes has no grid, the radiated one is not scored

        // Re-imported with another e-mail: its wishes are written again, its score does not move, and the new wishes
        // still carry it (the shortlist ranks by that copy; the batch only rewrites the scores that moved).
        var rich = Rich(1);
        var again = await f.ImportAsync(WriteCsv(rich with { File = rich.File with { Applicant = rich.File.Applicant with { Email = "autre.adresse@example.org" } } }));
        Assert.Equal(1, again.Updated);
        await using var after = f.Database.NewContext();
        var stored = await after.DemandScores.SingleAsync();
        var wishes = await after.DemandWishes.Where(w => w.DemandId == stored.DemandId).Select(w => w.Score).ToListAsync();
        Assert.NotEmpty(wishes);
        Assert.All(wishes, w => Assert.Equal(stored.Score, w));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_modified_file_updates_the_demand_in_place(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        Assert.True((await f.ImportAsync(DemandFixture.SneExample(), "51454", "T3")).Succeeded);
        await using var before = f.Database.NewContext();
        var original = await before.Demands.SingleAsync();

        var read = ReadXml(DemandFixture.SneExample()).Single();
        var changed = read with
        {
            File = read.File with
            {
                Applicant = read.File.Applicant with { Email = "jean.dupont@example.org" },
                Wishes = new HousingWishes(["T4"], "A", ["51573", "51454"], false),
            },
        };
        var path = TempFile(".xml");
        await using (var stream = File.Create(path))
        {
            SneXmlWriter.Write(stream, [changed], f.Clock.GetUtcNow());
        }

        f.Clock.Advance(TimeSpan.FromDays(1));
        var run = await f.ImportAsync(path);

        Assert.True(run.Succeeded, string.Join(" ; ", run.Issues.Select(i => i.Message)));
        Assert.Equal((0, 1, 0), (run.Created, run.Updated, run.Unchanged));
        await using var db = f.Database.NewContext();
        var demand = await db.Demands.Include(d => d.Wishes).SingleAsync();
        Assert.Equal(original.Id, demand.Id);
        Assert.Equal(2, demand.Version);
        Assert.Equal("jean.dupont@example.org", DemandJson.Read(demand.Content).Applicant.Email);

        // Reims keeps its seniority from the first registration; Tinqueux, new, takes the demand's.
        Assert.Equal(["51573", "51454"], demand.Wishes.OrderBy(w => w.Rank).Select(w => w.CommuneCode));
        Assert.All(demand.Wishes, w => Assert.Equal(new DateOnly(2018, 3, 15), w.Since));
        var events = await db.DemandEvents.Where(e => e.DemandId == demand.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(2, events.Count);
        Assert.Equal(DemandEventKind.Imported, events[1].Kind);
        Assert.Contains("demandeur", events[1].Summary, StringComparison.Ordinal);
        Assert.Contains("logement recherché", events[1].Summary, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_malformed_file_is_refused_whole_with_line_field_and_rule(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        Assert.True((await f.ImportAsync(WriteCsv(Rich(1)))).Succeeded);
        var counts = await f.CountsAsync();

        // A code outside its list, on the third line (second demand): the first, valid, is not written either.
        var badCode = Rich(3) with { File = Rich(3).File with { Applicant = Rich(3).File.Applicant with { Civility = "9" } } };
        var run = await f.ImportAsync(WriteCsv(Rich(2), badCode));
        var issue = Assert.Single(run.Issues, i => i.IsRejection);
        Assert.False(run.Succeeded);
        Assert.Equal((3, "demandeur.civilite"), (issue.Line, issue.Field));
        Assert.Contains("ligne 3", issue.Message, StringComparison.Ordinal);
        Assert.Contains("civilité", issue.Message, StringComparison.Ordinal);
        Assert.Contains("rien n'a été enregistré", run.Failure, StringComparison.Ordinal);

        // A date that does not exist.
        var badDate = WriteCsv(Rich(2), Rich(3), text: t => t.Replace("1990-07-14", "1990-02-31", StringComparison.Ordinal));
        run = await f.ImportAsync(badDate);
        Assert.False(run.Succeeded);
        Assert.Contains(run.Issues, i => i.IsRejection && i.Line == 2 && i.Field == "cotitulaires_date_naissance" && i.Message.Contains("AAAA-MM-JJ", StringComparison.Ordinal));

        // No numéro: it is the key of the import.
        run = await f.ImportAsync(WriteCsv(Rich(2), Rich(3) with { Numero = null }));
        Assert.False(run.Succeeded);
        Assert.Contains(run.Issues, i => i.IsRejection && i.Line == 3 && i.Field == "numUnique" && i.Message.Contains("obligatoire", StringComparison.Ordinal));

        // The same numéro twice, and a bad code in XML with its line.
        run = await f.ImportAsync(WriteXml(Rich(2), Rich(2)));
        Assert.False(run.Succeeded);
        Assert.Contains(run.Issues, i => i.IsRejection && i.Message.Contains("figure deux fois", StringComparison.Ordinal));
        var xml = File.ReadAllText(DemandFixture.SneExample()).Replace("<ns1:typeContratTravail code=\"CDI\"/>\n                        <ns1:nomEmployeurPrincipal>AAAA", "<ns1:typeContratTravail code=\"XXX\"/>\n                        <ns1:nomEmployeurPrincipal>AAAA", StringComparison.Ordinal)
            .Replace("<ns1:dateNaissance>2010-01-01</ns1:dateNaissance>", "<ns1:dateNaissance>01/01/2010</ns1:dateNaissance>", StringComparison.Ordinal);
        var badXml = TempFile(".xml");
        await File.WriteAllTextAsync(badXml, xml);
        run = await f.ImportAsync(badXml, "51454", "T3");
        Assert.False(run.Succeeded);
        Assert.Contains(run.Issues, i => i.IsRejection && i.Field == "demandeur.typeContratTravail" && i.Message.Contains("XXX", StringComparison.Ordinal));
        Assert.Contains(run.Issues, i => i.IsRejection && i.Line == 112 && i.Field == "personneACharge[1].dateNaissance");

        // Broken XML: refused with the line of the fault.
        var broken = TempFile(".xml");
        await File.WriteAllTextAsync(broken, File.ReadAllText(DemandFixture.SneExample()).Replace("<ns1:prenom>Jean</ns1:prenom>", "<ns1:prenom>Jean</ns1:nom>", StringComparison.Ordinal));
        run = await f.ImportAsync(broken, "51454", "T3");
        Assert.False(run.Succeeded);
        Assert.Contains("ligne 14,", run.Failure, StringComparison.Ordinal);
        Assert.Contains("XML mal formé", run.Failure, StringComparison.Ordinal);

        Assert.Equal(counts, await f.CountsAsync());
        await using var db = f.Database.NewContext();
        Assert.Equal(6, await db.ImportRuns.CountAsync(r => r.Kind == ImportDemands.Kind && !r.Succeeded));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_elements_are_reported_not_refused_and_radiated_demands_stay_radiated(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var path = WriteXml(Radiated(5), Rich(6));
        var text = File.ReadAllText(path).Replace("<ns1:numGuichet>", "<ns1:drapeauQuartile>oui</ns1:drapeauQuartile><ns1:numGuichet>", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text);

        var run = await f.ImportAsync(path);

        Assert.True(run.Succeeded, string.Join(" ; ", run.Issues.Select(i => i.Message)));
        Assert.Equal(2, run.Issues.Count(i => !i.IsRejection && i.Message.Contains("élément inconnu « drapeauQuartile »", StringComparison.Ordinal)));
        await using var db = f.Database.NewContext();
        var radiated = await db.Demands.SingleAsync(d => d.Numero == Radiated(5).Numero);
        Assert.Equal((DemandStatus.Radiated, RadiationReason.Inadmissibility, "IRRRES"), (radiated.Status, radiated.Radiation!.Value, radiated.RadiationSubCode));
        Assert.Equal(new DateOnly(2026, 9, 1), radiated.RadiatedOn);
        var rich = await db.Demands.SingleAsync(d => d.Numero == Rich(6).Numero);
        Assert.True(rich.HasPriority);
        Assert.Equal(DaloStatus.Active, rich.Dalo);
        Assert.Equal(2, await db.DemandEvents.CountAsync(e => e.DemandId == rich.Id));
    }

    [Fact]
    public void The_real_example_round_trips_through_the_XML_writer()
    {
        var first = ReadXml(DemandFixture.SneExample()).Single();
        var path = TempFile(".xml");
        using (var stream = File.Create(path))
        {
            SneXmlWriter.Write(stream, [first], new DateTimeOffset(2018, 3, 15, 16, 54, 6, TimeSpan.FromHours(1)));
        }

        var second = ReadXml(path).Single();
        Assert.Equal(DemandJson.Write(first.File), DemandJson.Write(second.File));
        Assert.Equal(first with { File = second.File, Line = second.Line }, second);

        // Same elements, in the same order, with the same values and codes as the example.
        var written = System.Xml.Linq.XDocument.Load(path).Root!.Element(System.Xml.Linq.XName.Get("demande", SneXml.Namespace));
        var example = System.Xml.Linq.XDocument.Load(DemandFixture.SneExample()).Root!.Element(System.Xml.Linq.XName.Get("demande", SneXml.Namespace));
        Assert.True(System.Xml.Linq.XNode.DeepEquals(example, written), written!.ToString());
    }

    [Fact]
    public void Every_field_round_trips_through_XML_and_CSV()
    {
        var demands = new[] { Rich(1), Radiated(2), Rich(3) with { File = Rich(3).File with { CoApplicants = [.. Rich(3).File.CoApplicants, Rich(3).File.CoApplicants[0] with { FirstName = "Zoé", LinkToApplicant = "L", Disabled = true }] } } };
        var xml = ReadXml(WriteXml(demands)).ToList();
        var run = new ImportRun { Kind = "test", Source = "test" };
        using var reader = DelimitedText.Open(WriteCsv(demands));
        var csv = DemandCsv.Read(reader, run).ToList();

        Assert.Empty(run.Issues);
        foreach (var copy in new[] { xml, csv })
        {
            Assert.Equal(demands.Length, copy.Count);
            for (var i = 0; i < demands.Length; i++)
            {
                Assert.Equal(DemandJson.Write(demands[i].File), DemandJson.Write(copy[i].File));
                Assert.Equal(demands[i] with { File = copy[i].File, Line = copy[i].Line }, copy[i]);
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_export_reimports_unchanged_and_shows_only_the_users_demands(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        Assert.True((await f.ImportAsync(DemandFixture.SneExample(), "51454", "T3")).Succeeded);
        Assert.True((await f.ImportAsync(WriteCsv(Rich(1), Rich(2, "10387"), Radiated(3)))).Succeeded);

        foreach (var format in new[] { DemandExportFormat.Xml, DemandExportFormat.Csv })
        {
            var path = TempFile(format == DemandExportFormat.Xml ? ".xml" : ".csv");
            await using (var db = f.Database.NewContext())
            await using (var stream = File.Create(path))
            {
                Assert.Equal(4, await f.Export(db).HandleAsync(new(format), stream, DemandFixture.Administrator));
            }

            var again = await f.ImportAsync(path);
            Assert.True(again.Succeeded, string.Join(" ; ", again.Issues.Select(i => i.Message)));
            Assert.Equal((4, 0, 0, 4), (again.Read, again.Created, again.Updated, again.Unchanged));
        }

        Assert.Equal([Rich(2).Numero!], await ExportedNumerosAsync(f, f.BailleurAube));
        Assert.Equal(new[] { "1110318016982G1104", Rich(1).Numero!, Radiated(3).Numero! }.Order(), await ExportedNumerosAsync(f, f.EpciReims));
        var bom = TempFile(".csv");
        await using (var db = f.Database.NewContext())
        await using (var stream = File.Create(bom))
        {
            await f.Export(db).HandleAsync(new(DemandExportFormat.Csv), stream, f.BailleurAube);
        }

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, File.ReadAllBytes(bom)[..3]);
        Assert.StartsWith("numero_unique;numero_guichet;", File.ReadAllText(bom), StringComparison.Ordinal);
    }

    [Fact]
    public void The_format_guide_documents_every_column_and_element()
    {
        var guide = File.ReadAllText(Guide());
        foreach (var column in DemandCsv.Columns)
        {
            var documented = column.StartsWith("cotitulaires_", StringComparison.Ordinal) && column != "cotitulaires_lien"
                ? "demandeur_" + column["cotitulaires_".Length..]
                : column;
            Assert.Contains($"| `{documented}` |", guide, StringComparison.Ordinal);
        }

        foreach (var element in SneXml.Mapping)
        {
            Assert.Contains($"| `{element.Parent}` | `{element.Element}` |", guide, StringComparison.Ordinal);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_large_file_imports_in_batches(Provider provider)
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("EQUILIBRE_IMPORT_N"), out var wanted) ? wanted : 2500;
        await using var f = await DemandFixture.CreateAsync(provider);
        var communes = new[] { "51454", "51573", "10387", "10333", "52448" };
        var path = WriteCsv([.. Enumerable.Range(1, n).Select(i => Rich(i, communes[i % communes.Length]))]);

        var watch = Stopwatch.StartNew();
        var run = await f.ImportAsync(path);
        var first = watch.Elapsed;
        watch.Restart();
        var again = await f.ImportAsync(path);
        var second = watch.Elapsed;
        output.WriteLine($"{provider} : {n} demandes importées en {first.TotalSeconds:F1} s, réimport inchangé en {second.TotalSeconds:F1} s");

        Assert.True(run.Succeeded, run.Failure);
        Assert.Equal(n, run.Created);
        Assert.Equal(n, again.Unchanged);
        // One history entry for the import and one for the priority label of each demand.
        Assert.Equal((n, n, 2 * n), await f.CountsAsync());
    }

    private static async Task<List<string>> ExportedNumerosAsync(DemandFixture f, Features.Organisations.CurrentUser user)
    {
        var path = TempFile(".csv");
        await using (var db = f.Database.NewContext())
        await using (var stream = File.Create(path))
        {
            await f.Export(db).HandleAsync(new(DemandExportFormat.Csv), stream, user);
        }

        using var reader = DelimitedText.Open(path);
        return [.. DemandCsv.Read(reader, new ImportRun { Kind = "test", Source = "test" }).Select(d => d.Numero!)];
    }

    /// <summary>A demand using every block: household, work, address, resources, handicap, DALO, priority.</summary>
    private static SneDemand Rich(int sequence, string commune = "51454")
    {
        var couple = DemandFixture.Couple(commune);
        var file = couple with
        {
            Applicant = couple.Applicant with
            {
                BirthName = "Durand",
                Phone = "0612345678",
                Disabled = true,
                Address = new PostalAddress(false, "12 bis", "rue de Vesle", "51100", "51454"),
                Work = new ProfessionalSituation("Aide-soignant", "CDD", "CHU de Reims", false, "51100", "51454"),
                ResourcesPaid = [new MonthlyResource("PAV", 150.5m)],
            },
            Dependants = [couple.Dependants[0] with { Disabled = true }, couple.Dependants[1]],
            DependantResourcesReceived = [new MonthlyResource("AAH", 300)],
            DependantResourcesPaid = [new MonthlyResource("PAV", 20)],
            Unborn = new UnbornChildren(1, new DateOnly(2027, 1, 10)),
            ChildrenInCustody = [new CustodyChild(new DateOnly(2015, 6, 1), "F", "G")],
            Handicap = new HandicapComplement("STA", "2", ["MI"], ["DV"], ["3"], ["3", "4"]),
            Dalo = DaloStatus.Active,
            Priorities = [new PriorityLabel("HANDICAP", "DDETS de la Marne", new DateOnly(2026, 4, 1), "décision CDAPH", new DateOnly(2027, 4, 1))],
            Wishes = couple.Wishes with { Category = "A", Extended = true },
        };
        return new SneDemand(0, NumeroUnique.Generate("51", Created, sequence, "E0001"), "E0001", Created, new DateOnly(2026, 10, 1), null, file);
    }

    private static SneDemand Radiated(int sequence) => Rich(sequence) with
    {
        LastRenewedOn = null,
        Radiation = new SneRadiation("RADIRR", "IRRRES", new DateOnly(2026, 9, 1)),
        File = DemandFixture.Couple(),
    };

    private static List<SneDemand> ReadXml(string path)
    {
        var run = new ImportRun { Kind = "test", Source = "test" };
        using var stream = File.OpenRead(path);
        var demands = SneXml.Read(stream, run).ToList();
        Assert.Empty(run.Issues);
        return demands;
    }

    private static string WriteXml(params SneDemand[] demands)
    {
        var path = TempFile(".xml");
        using var stream = File.Create(path);
        SneXmlWriter.Write(stream, demands, new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(1)), "CRE");
        return path;
    }

    private static string WriteCsv(SneDemand first, params SneDemand[] others) => WriteCsv([first, .. others], null);

    private static string WriteCsv(SneDemand first, SneDemand second, Func<string, string> text) => WriteCsv([first, second], text);

    private static string WriteCsv(SneDemand[] demands, Func<string, string>? text = null)
    {
        var path = TempFile(".csv");
        using (var stream = File.Create(path))
        {
            DemandCsv.Write(stream, demands);
        }

        if (text is not null)
        {
            File.WriteAllText(path, text(File.ReadAllText(path)), new UTF8Encoding(true));
        }

        return path;
    }

    private static string SneExampleCopy()
    {
        var path = TempFile(".xml");
        File.Copy(DemandFixture.SneExample(), path, overwrite: true);
        return path;
    }

    private static string Guide()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "guide", "demandes-format.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail("docs/guide/demandes-format.md introuvable en remontant depuis " + AppContext.BaseDirectory);
        return "";
    }

    private static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), $"eq-demandes-{Guid.NewGuid():N}{extension}");
}
