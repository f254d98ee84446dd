using System.Text;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Organisations;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Imports;
using Equilibre.Features.Organisations;
using Equilibre.Features.Tests.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Allocation;

/// <summary>
/// Import of historical allocations (issue 6 §8; docs/guide/attributions-format.md) on the <see cref="StockWorld"/>
/// stock: a Reims QPV (QP051019, valid since 2024), the 2026 Q1 thresholds (Grand Reims 10,154 €, Troyes 8,123 €).
/// The golden file <c>attributions_2026.csv</c> has four leases: a known radiated demand with 9,000 € per UC (Q1 by the
/// 2026 threshold, domain.md §4.2) in the QPV on the préfet's flux; an external household (no numéro) with 12,000 € per
/// UC relocated ANRU outside QPV; a numéro absent from the registry with its Q1 verdict given and an end date; a
/// household of Tinqueux with 8,000 € per UC, DALO and SANS_LOGEMENT on the EPCI's reservation.
/// </summary>
public sealed class ImportAttributionsTests
{
    private const string Header = "identifiant;date_signature;date_effet;date_fin;rpls_logement;numero_demande;siren_bailleur;reservataire;flux;relogement;mutation;ressources_par_uc;q1;epci;dalo;priorite";
    private const string KnownDemand = "0512600000000000A1";
    private const string ActiveDemand = "0512600000000000B2";

    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Allocation", "Files", name);

    private static async Task<StockWorld> WorldAsync(Provider provider)
    {
        var world = await StockWorld.CreateAsync(provider);
        await using var db = world.Database.NewContext();
        db.Demands.Add(NewDemand(KnownDemand, DemandStatus.Radiated, 9000m, DaloStatus.Active));
        db.Demands.Add(NewDemand(ActiveDemand, DemandStatus.Active, 15000m, DaloStatus.None));
        await db.SaveChangesAsync();
        return world;
    }

    private static Demand NewDemand(string numero, DemandStatus status, decimal resourcesPerUc, DaloStatus dalo)
    {
        var demand = global::Equilibre.Features.Applications.Demand.New(numero, null, null, Make.Clock().GetUtcNow());
        demand.Status = status;
        demand.Radiation = status == DemandStatus.Radiated ? RadiationReason.Allocation : null;
        demand.RegisteredOn = new DateOnly(2025, 1, 10);
        demand.ExpiresOn = new DateOnly(2027, 1, 10);
        demand.AnnualResourcesPerUc = resourcesPerUc;
        demand.Dalo = dalo;
        return demand;
    }

    private static async Task<ImportRun> ImportAsync(StockWorld world, string file, CurrentUser? user = null)
    {
        await using var db = world.Database.NewContext();
        return await new ImportAttributions(db, Make.Clock(), world.Database.BulkLoader, new QpvRuleSettings(null, "test"))
            .HandleAsync(new ImportAttributions.Request(file, user ?? CurrentUser.CommandLine));
    }

    private static string Messages(ImportRun run) => run.Failure + " | " + string.Join(" | ", run.Issues.Select(i => i.Message));

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_GoldenFile_CreatesLeasesWithTheSignatureSnapshot(Provider provider)
    {
        var world = await WorldAsync(provider);
        await using var _d = world.Database;

        var run = await ImportAsync(world, Golden("attributions_2026.csv"));

        Assert.True(run.Succeeded, Messages(run));
        Assert.Equal((4, 4, 0, 0, 0), (run.Read, run.Created, run.Updated, run.Unchanged, run.Rejected));
        var warning = Assert.Single(run.Issues);
        Assert.Equal((4, "numero_demande", false), (warning.Line, warning.Field, warning.IsRejection));
        Assert.Contains("absent du registre : ménage extérieur", warning.Message, StringComparison.Ordinal);

        await using var db = world.Database.NewContext();
        var leases = await db.Leases.ToDictionaryAsync(l => l.ImportKey!);
        var demandId = await db.Demands.Where(d => d.Numero == KnownDemand).Select(d => d.Id).SingleAsync();
        var prefecture = await db.Organisations.Where(o => o.Name == "Préfecture de l'Aube (test)").Select(o => o.Id).SingleAsync();

        // Known demand: its resources (9,000 € < 10,154 €) and DALO; the QPV of the résidence valid on 02/03/2026.
        var known = leases["HAB-2026-001"];
        Assert.Equal((world.Dwellings["5100090001"], demandId, FluxOrigin.Prefet, prefecture), (known.DwellingId, known.DemandId, known.Flux, known.ReservataireOrganisationId));
        Assert.Equal((true, 2026, 10154m, 9000m, true), (known.IsQ1, known.Q1Year, known.Q1Threshold, known.AnnualResourcesPerUc, known.Dalo));
        Assert.Equal((QpvBasis.Qpv, StockWorld.ReimsEpci, "51454", "51", 3), (known.Qpv, known.EpciSiren, known.CommuneCode, known.DepartementCode, known.Rooms));
        Assert.Contains("QP051019", known.QpvExplanation, StringComparison.Ordinal);
        Assert.True(known.Imported);
        Assert.Null(known.EndedOn);

        // External household: no demand, the file's resources (12,000 € ≥ 10,154 €), ANRU, outside QPV.
        var external = leases["HAB-2026-002"];
        Assert.Equal((null, false, 12000m, Relocation.Anru, QpvBasis.NotInQpv, FluxOrigin.BailleurNonReserved), (external.DemandId, external.IsQ1, external.AnnualResourcesPerUc, external.Relocation, external.Qpv, external.Flux));
        Assert.Equal(new DateOnly(2026, 4, 15), external.SignedOn);

        // Numéro unknown to the registry: Q1 as the file says, the lease ended, a mutation.
        var ended = leases["HAB-2026-003"];
        Assert.Equal((null, true, new DateOnly(2026, 10, 31), true, FluxOrigin.Unknown), (ended.DemandId, ended.IsQ1, ended.EndedOn, ended.Mutation, ended.Flux));

        // EPCI of the résidence (Tinqueux, Grand Reims) for the threshold; DALO and priority from the file.
        var tinqueux = leases["HAB-2026-004"];
        Assert.Equal((true, true, "SANS_LOGEMENT", world.Epci), (tinqueux.IsQ1, tinqueux.Dalo, tinqueux.PriorityCategory, tinqueux.ReservataireOrganisationId));

        // One audit line per lease; the known demand's shared history says so.
        Assert.Equal(4, await db.AllocationEvents.CountAsync(e => e.EntityKind == AllocationJournal.Lease));
        var history = await db.DemandEvents.SingleAsync(e => e.DemandId == demandId);
        Assert.Equal(DemandEventKind.Lease, history.Kind);
        Assert.Contains("HAB-2026-001", history.Summary, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_Again_SameContentUnchanged_ChangedLineUpdatedWithWhatChanged(Provider provider)
    {
        var world = await WorldAsync(provider);
        await using var _d = world.Database;
        Assert.True((await ImportAsync(world, Golden("attributions_2026.csv"))).Succeeded);

        var again = await ImportAsync(world, Golden("attributions_2026.csv"));
        Assert.True(again.Succeeded, Messages(again));
        Assert.Equal((4, 0, 0, 4), (again.Read, again.Created, again.Updated, again.Unchanged));

        // The external household's resources corrected to 9,500 €: now below the 2026 threshold → Q1.
        var lines = File.ReadAllLines(Golden("attributions_2026.csv"));
        lines[2] = lines[2].Replace("12000,00", "9500", StringComparison.Ordinal);
        var changed = await ImportAsync(world, Make.TextFile(lines[0], lines[1..]));
        Assert.True(changed.Succeeded, Messages(changed));
        Assert.Equal((0, 1, 3), (changed.Created, changed.Updated, changed.Unchanged));

        await using var db = world.Database.NewContext();
        var lease = await db.Leases.SingleAsync(l => l.ImportKey == "HAB-2026-002");
        Assert.Equal((true, 9500m, 2), (lease.IsQ1, lease.AnnualResourcesPerUc, lease.Revision));
        Assert.Equal(4, await db.Leases.CountAsync());
        var audit = await db.AllocationEvents.Where(e => e.EntityId == lease.Id).OrderBy(e => e.Id).Select(e => e.Summary).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.Contains("mis à jour", audit[1], StringComparison.Ordinal);
        Assert.Contains("ressources par UC, Q1", audit[1], StringComparison.Ordinal);
    }

    /// <summary>Every malformed line is reported with its column and rule; the valid line of the same file is not written.</summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_MalformedLines_EachReportedAndNothingWritten(Provider provider)
    {
        var world = await WorldAsync(provider);
        await using var _d = world.Database;
        string[] lines =
        [
            "OK-1;2026-03-02;2026-03-15;;5100090001;;900000011;;bailleur;;non;9000;;;;",
            "KO-2;2026-02-30;2026-03-15;;5100090002;;900000011;;bailleur;;non;;;;;",
            "KO-3;2026-03-02;2026-03-15;;5100090002;;90000001;;bailleur;;non;;;;;",
            "KO-4;2026-03-02;2026-03-15;;5100090002;;900000011;;prefet;;non;;;;;",
            "KO-5;2026-03-02;2026-03-15;;5100090002;;900000011;;collectivite;;non;;;;;",
            "KO-6;2026-03-02;2026-03-15;;9999999999;;900000011;;bailleur;;non;;;;;",
            "KO-7;2026-03-02;2026-03-15;;5100090002;;900000011;Mairie inconnue;reservataire;;non;;;;;",
            "OK-1;2026-03-02;2026-03-15;;5100090003;;900000011;;bailleur;;non;;;;;",
            "KO-9;2027-01-05;2027-01-05;;5100090003;;900000011;;bailleur;;non;;;;;",
            "KO-10;2026-03-02;2026-03-15;;5100090003;;900000011;;bailleur;PNRQAD;peut-être;;;;;",
            "KO-11;2026-03-02;2026-03-15;;5100090003;;900000011;;bailleur;;non;;;;;PRIORITAIRE",
            "KO-12;2026-03-02;2026-03-15;;5100090003;;900000033;;bailleur;;non;;;;;",
        ];

        var run = await ImportAsync(world, Make.TextFile(Header, lines));

        Assert.False(run.Succeeded);
        Assert.Contains("rien n'a été enregistré", run.Failure, StringComparison.Ordinal);
        (int Line, string Field, string Fragment)[] expected =
        [
            (3, "date_signature", "date invalide"),
            (4, "siren_bailleur", "SIREN de 9 chiffres"),
            (5, "reservataire", "obligatoire quand le flux est « prefet »"),
            (6, "flux", "valeur inconnue"),
            (9, "identifiant", "« OK-1 » figure déjà ligne 2"),
            (10, "date_signature", "dans le futur"),
            (11, "relogement", "vide, ANRU ou ORCOD"),
            (11, "mutation", "oui ou non"),
            (12, "priorite", "code de priorité inconnu"),
            (7, "rpls_logement", "logement inconnu du parc"),
            (8, "reservataire", "aucune organisation de ce nom"),
            (13, "siren_bailleur", "aucun bailleur de ce SIREN"),
        ];
        foreach (var (line, field, fragment) in expected)
        {
            Assert.Contains(run.Issues, i => i.IsRejection && i.Line == line && i.Field == field && i.Message.Contains(fragment, StringComparison.Ordinal)
                && i.Message.StartsWith($"ligne {line} : {field}", StringComparison.Ordinal));
        }

        Assert.Equal(expected.Length, run.Rejected);
        await using var db = world.Database.NewContext();
        Assert.Equal(0, await db.Leases.CountAsync());
        Assert.Equal(0, await db.AllocationEvents.CountAsync());
    }

    /// <summary>One active lease per dwelling and per household (issue 6 §7): against the database and within the file.</summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_SecondActiveLease_OnDwellingOrHousehold_RefusesTheFile(Provider provider)
    {
        var world = await WorldAsync(provider);
        await using var _d = world.Database;
        Assert.True((await ImportAsync(world, Golden("attributions_2026.csv"))).Succeeded);

        string[] lines =
        [
            "NEW-1;2026-09-01;2026-09-01;;5100090001;;900000011;;bailleur;;non;9000;;;;",
            "NEW-2;2026-09-01;2026-09-01;;5100090002;;900000011;;bailleur;;non;9000;;;;",
            "NEW-3;2026-09-02;2026-09-02;;5100090002;;900000011;;bailleur;;non;9000;;;;",
            $"NEW-4;2026-09-03;2026-09-03;;1000080002;{KnownDemand};900000022;;bailleur;;non;;;;;",
            "NEW-5;2025-01-02;2025-01-02;2025-12-31;5100090001;;900000011;;bailleur;;non;9000;;;;",
        ];
        var run = await ImportAsync(world, Make.TextFile(Header, lines));

        Assert.False(run.Succeeded);
        Assert.Contains(run.Issues, i => i.Line == 2 && i.Message.Contains("a déjà un bail actif signé le 02/03/2026 (identifiant HAB-2026-001)", StringComparison.Ordinal));
        Assert.Contains(run.Issues, i => i.Line == 4 && i.Message.Contains("la ligne 3 donne déjà un bail actif", StringComparison.Ordinal));
        Assert.Contains(run.Issues, i => i.Line == 5 && i.Field == "numero_demande" && i.Message.Contains("un seul bail actif par ménage", StringComparison.Ordinal));
        Assert.Equal(3, run.Rejected); // NEW-2 and the ended NEW-5 are valid but not written
        await using var db = world.Database.NewContext();
        Assert.Equal(4, await db.Leases.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_Windows1252WithCommas_ReadsAccentedNames(Provider provider)
    {
        var world = await WorldAsync(provider);
        await using var _d = world.Database;
        var file = Make.TextFile(Header.Replace(';', ','), ["W-1,2026-03-02,2026-03-15,,5100090002,,900000011,Préfecture de l'Aube (test),préfet,,non,9000,,,,"], Encoding.GetEncoding(1252));

        var run = await ImportAsync(world, file);

        Assert.True(run.Succeeded, Messages(run));
        await using var db = world.Database.NewContext();
        var lease = await db.Leases.SingleAsync();
        Assert.Equal((FluxOrigin.Prefet, world.Reservataire), (lease.Flux, lease.ReservataireOrganisationId));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_ByABailleur_IsRefused(Provider provider)
    {
        var world = await WorldAsync(provider);
        await using var _d = world.Database;

        var run = await ImportAsync(world, Golden("attributions_2026.csv"), world.BailleurAUser);

        Assert.False(run.Succeeded);
        Assert.Contains("seul un administrateur", run.Failure, StringComparison.Ordinal);
        Assert.NotEqual(Roles.Administrateur, world.BailleurAUser.Roles.Single());
    }

    /// <summary>
    /// Keys of imported leases come from the identity sequence a signature uses (issue 8): on PostgreSQL a lease signed
    /// in a transaction still open while the file is imported keeps its key, the import neither waits for it nor
    /// collides with it, and a lease signed afterwards gets a key of its own (the sequence is never moved back).
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_BesideAConcurrentSignature_LeasesGetDistinctKeys(Provider provider)
    {
        var world = await WorldAsync(provider);
        await using var _d = world.Database;
        Assert.True((await ImportAsync(world, Golden("attributions_2026.csv"))).Succeeded);
        var file = Make.TextFile(Header,
        [
            "OLD-1;2024-01-02;2024-01-02;2024-12-31;5100090001;;900000011;;bailleur;;non;9000;;;;",
            "OLD-2;2025-01-02;2025-01-02;2025-12-31;5100090001;;900000011;;bailleur;;non;9000;;;;",
        ]);

        async Task<Lease> SignedAsync(Equilibre.Features.Data.EquilibreDb db)
        {
            var dwelling = await db.Dwellings.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
            var bailleur = await db.Bailleurs.OrderBy(b => b.Id).Select(b => b.Id).FirstAsync();
            var lease = new Lease
            {
                DwellingId = dwelling,
                BailleurId = bailleur,
                SignedOn = new DateOnly(2023, 5, 2),
                StartsOn = new DateOnly(2023, 5, 2),
                EndedOn = new DateOnly(2023, 12, 31),
                EpciSiren = "200067213",
                CommuneCode = "51454",
                DepartementCode = "51",
                SignedBy = "signature (test)",
                At = Make.Clock().GetUtcNow(),
                Revision = 1,
            };
            db.Leases.Add(lease);
            await db.SaveChangesAsync();
            return lease;
        }

        Lease during;
        ImportRun run;
        await using (var signing = world.Database.NewContext())
        {
            if (provider == Provider.Postgres)
            {
                await using var transaction = await signing.Database.BeginTransactionAsync();
                during = await SignedAsync(signing);
                var import = ImportAsync(world, file);
                var first = await Task.WhenAny(import, Task.Delay(TimeSpan.FromSeconds(30)));
                await transaction.CommitAsync();
                run = await import;
                Assert.Same(import, first); // the import did not wait for the open signature
            }
            else
            {
                // SQLite has one writer at a time: the signature commits first.
                during = await SignedAsync(signing);
                run = await ImportAsync(world, file);
            }
        }

        Assert.True(run.Succeeded, Messages(run));
        Assert.Equal(2, run.Created);
        Lease after;
        await using (var signing = world.Database.NewContext())
        {
            after = await SignedAsync(signing);
        }

        await using var db = world.Database.NewContext();
        var ids = await db.Leases.Select(l => l.Id).ToListAsync();
        Assert.Equal(8, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var imported = await db.Leases.Where(l => l.ImportKey == "OLD-1" || l.ImportKey == "OLD-2").Select(l => l.Id).ToListAsync();
        Assert.DoesNotContain(during.Id, imported);
        Assert.DoesNotContain(after.Id, imported);
        Assert.True(after.Id > imported.Max());
    }
}
