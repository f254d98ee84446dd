using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Demo;

/// <summary>
/// Demo demands for the two demo EPCIs, deterministic, flagged as demo, calibrated on published figures (product.md
/// "Demo data"): a stock of about 1.9 % of the population (Grand Est: 106,000 demands for 5.5 million inhabitants);
/// 43 % single persons; about 30 % mutations; seniority averaging about 600 days; resources per UC drawn so that
/// their first quartile falls on the official threshold of the EPCI (the recomputation lands within a few percent);
/// about 18 % labelled priority and 2 % DALO. Wished communes weighted by population. Every fact goes through the
/// same <see cref="DemandStore"/> as a guichet's registration. Skipped when demo demands exist.
/// </summary>
public sealed class SeedDemandDemo(EquilibreDb db, TimeProvider clock, DemandSettings settings, DemandBulkWriter writer)
{
    /// <summary>Demands per inhabitant (Grand Est 2021: 106,000 for ≈5.5 million).</summary>
    public const double DemandsPerInhabitant = 0.019;

    private static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre",
        "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
        "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier",
        "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Diallo", "Benali",
        "Haddad", "Nguyen", "Traoré", "Mendes", "Da Silva", "Yilmaz", "Kaya", "Ferreira",
    ];

    private static readonly string[] WomenFirstNames = ["Marie", "Nathalie", "Isabelle", "Sylvie", "Sandrine", "Céline", "Julie", "Aurélie", "Camille", "Léa", "Sarah", "Inès", "Fatima", "Amina", "Chloé", "Manon", "Emma", "Nadia", "Sofia", "Laura"];
    private static readonly string[] MenFirstNames = ["Jean", "Philippe", "Michel", "Alain", "Nicolas", "David", "Julien", "Thomas", "Kevin", "Mehdi", "Karim", "Lucas", "Hugo", "Mamadou", "Antoine", "Maxime", "Yanis", "Pierre", "Romain", "Sébastien"];

    public sealed record EpciPlan(string Siren, string GuichetName, string LabellingOrganisation);

    public static readonly IReadOnlyList<EpciPlan> Plans =
    [
        new(DemoTerritory.GrandReimsSiren, DemoTerritory.GuichetName, DemoTerritory.PrefetMarneName),
        new(DemoTerritory.TroyesSiren, DemoTerritory.GuichetTroyesName, "Préfet de l'Aube (DDETS 10)"),
    ];

    public async Task<int> HandleAsync(IProgress<string>? progress = null, CancellationToken ct = default)
    {
        // Demo demands are registered by the demo guichets: checked through the guichet index, not by scanning a
        // national registry for IsDemo.
        var demoGuichets = await db.Organisations.Where(o => o.IsDemo && o.Kind == OrganisationKind.GuichetEnregistreur).Select(o => (long?)o.Id).ToListAsync(ct);
        if (await db.Demands.AnyAsync(d => demoGuichets.Contains(d.GuichetOrganisationId), ct))
        {
            return 0;
        }

        var today = FrenchTime.Today(clock);
        var reference = await DemandReference.LoadAsync(db, ct);
        var organisations = await db.Organisations.Where(o => o.IsDemo).ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        var total = 0;
        foreach (var plan in Plans)
        {
            var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == plan.Siren && c.Population != null)
                .OrderBy(c => c.Code).Select(c => new { c.Code, Population = c.Population!.Value }).ToListAsync(ct);
            var threshold = reference.Thresholds.Where(t => t.EpciSiren == plan.Siren).MaxBy(t => t.Year);
            if (communes.Count == 0 || threshold is null || !organisations.TryGetValue(plan.GuichetName, out var guichetId))
            {
                continue;
            }

            var count = (int)Math.Round(communes.Sum(c => (double)c.Population) * DemandsPerInhabitant);
            progress?.Report(French.Format($"Demandes de démonstration : {count} pour l'EPCI {plan.Siren}"));
            var random = new Random(int.Parse(plan.Siren[^6..], System.Globalization.CultureInfo.InvariantCulture));
            var cumulative = new List<(string Code, long Upto)>();
            long sum = 0;
            foreach (var c in communes)
            {
                sum += c.Population;
                cumulative.Add((c.Code, sum));
            }

            string PickCommune()
            {
                var x = (long)(random.NextDouble() * sum);
                return cumulative.First(c => c.Upto > x).Code;
            }

            var guichetCode = NumeroUnique.GuichetCode(guichetId);
            var sequences = new Dictionary<string, int>();
            var batch = new List<(Demand Demand, IReadOnlyList<DemandEvent> Events)>();
            for (var i = 0; i < count; i++)
            {
                var generated = Generate(random, today, threshold.AmountPerUcPerYear, PickCommune, plan.LabellingOrganisation);
                var first = reference.Commune(generated.File.Wishes.Communes[0])!;
                var prefix = NumeroUnique.Prefix(first.DepartementCode, generated.RegisteredOn);
                sequences[prefix] = sequences.GetValueOrDefault(prefix) + 1;
                var demand = Demand.New(NumeroUnique.Generate(first.DepartementCode, generated.RegisteredOn, sequences[prefix], guichetCode), guichetId, guichetCode, clock.GetUtcNow());
                demand.IsDemo = true;
                DemandStore.Apply(demand, generated.State);
                demand.LastRenewedOn = generated.LastRenewedOn;
                DemandStore.Apply(demand, generated.File, reference.Facts(generated.File, today, settings.Household), reference, today);
                var events = History(generated, plan.GuichetName);
                batch.Add((demand, events));
                if (batch.Count == 1000 || i == count - 1)
                {
                    await SaveAsync(batch, ct);
                    batch.Clear();
                }
            }

            total += count;
        }

        return total;
    }

    private async Task SaveAsync(List<(Demand Demand, IReadOnlyList<DemandEvent> Events)> batch, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await writer.InsertAsync(db, batch, ct);
        await transaction.CommitAsync(ct);
    }

    private sealed record Generated(DemandFile File, DemandState State, DateOnly RegisteredOn, DateOnly? LastRenewedOn, IReadOnlyList<DateOnly> Renewals);

    private static Generated Generate(Random random, DateOnly today, decimal threshold, Func<string> pickCommune, string labelling)
    {
        // Seniority: exponential with a mean of 600 days, capped at 8 years (published mean wait ≈ 520 days for housed households).
        var seniority = Math.Min(2900, (int)(-600 * Math.Log(1 - random.NextDouble())));
        var registered = today.AddDays(-seniority);
        var renewals = new List<DateOnly>();
        for (var anniversary = registered.AddYears(1); anniversary <= today; anniversary = anniversary.AddYears(1))
        {
            renewals.Add(anniversary.AddDays(-random.Next(0, 25)));
        }

        // About 1 % missed their last renewal (expired, waiting for the radiation batch), about 8 % were radiated.
        var state = new DemandState(DemandStatus.Active, registered, DemandLifecycle.Expiry(renewals.Count > 0 ? renewals[^1] : registered), null, null, null, null);
        var roll = random.NextDouble();
        if (renewals.Count > 0 && roll < 0.01)
        {
            renewals.RemoveAt(renewals.Count - 1);
            state = state with { ExpiresOn = DemandLifecycle.Expiry(renewals.Count > 0 ? renewals[^1] : registered) };
        }
        else if (roll < 0.05 && seniority > 60)
        {
            state = state with { Status = DemandStatus.Radiated, Radiation = RadiationReason.Renunciation, RadiatedOn = today.AddDays(-random.Next(1, Math.Min(seniority, 300))) };
        }
        else if (roll < 0.09 && renewals.Count > 0)
        {
            renewals.RemoveAt(renewals.Count - 1);
            var expiry = DemandLifecycle.Expiry(renewals.Count > 0 ? renewals[^1] : registered);
            state = state with { ExpiresOn = expiry, Status = DemandStatus.Radiated, Radiation = RadiationReason.NonRenewal, RadiatedOn = expiry };
        }

        if (state.Status == DemandStatus.Active && DemandLifecycle.NeedsRenewalNotice(state, today) && random.NextDouble() < 0.5)
        {
            state = state with { RenewalNoticeSentOn = DemandLifecycle.RenewalNoticeFrom(state.ExpiresOn) };
        }

        var file = Household(random, today, threshold, pickCommune, labelling, registered);
        return new Generated(file, state, registered, renewals.Count > 0 ? renewals[^1] : null, renewals);
    }

    private static DemandFile Household(Random random, DateOnly today, decimal threshold, Func<string> pickCommune, string labelling, DateOnly registered)
    {
        string Pick(string[] list) => list[random.Next(list.Length)];
        var last = Pick(LastNames);
        var woman = random.NextDouble() < 0.58;
        var applicantAge = 19 + (int)Math.Min(66, -14 * Math.Log(1 - random.NextDouble())) + random.Next(0, 12);
        var kind = random.NextDouble();

        // 43 % single persons; 22 % single parents; 15 % couples without child; 17 % couples with children; 3 % others with a dependant adult.
        var couple = kind is >= 0.65 and < 0.97;
        var children = kind switch
        {
            < 0.43 => 0,
            < 0.65 => 1 + random.Next(0, 3),
            < 0.80 => 0,
            < 0.97 => 1 + random.Next(0, 4),
            _ => 0,
        };
        var adultDependant = kind >= 0.97;
        var uc = 1m + (couple ? 0.5m : 0) + (adultDependant ? 0.5m : 0);
        var dependants = new List<Dependant>();
        for (var c = 0; c < children; c++)
        {
            var age = random.Next(0, Math.Max(1, Math.Min(18, applicantAge - 17)));
            dependants.Add(new Dependant(last, Pick(random.NextDouble() < 0.5 ? WomenFirstNames : MenFirstNames), today.AddYears(-age).AddDays(-random.Next(0, 365)), random.NextDouble() < 0.5 ? "F" : "M", "E"));
            uc += age >= 14 ? 0.5m : 0.3m;
        }

        if (adultDependant)
        {
            dependants.Add(new Dependant(last, Pick(WomenFirstNames), today.AddYears(-applicantAge - 25), "F", "P"));
        }

        // Resources per UC: log-normal whose first quartile is the official threshold (z of the 25th percentile = −0.674).
        var z = Normal(random);
        var perUc = (double)threshold * Math.Exp(0.5 * (z + 0.674));
        var monthly = Math.Round((decimal)perUc * uc / 12m, 0);
        var (applicantLines, partnerLines, rfrApplicant, rfrPartner) = Split(random, monthly, couple, children);
        var applicant = new Person
        {
            Civility = woman ? "2" : "1",
            LastName = last,
            FirstName = Pick(woman ? WomenFirstNames : MenFirstNames),
            BirthDate = today.AddYears(-applicantAge).AddDays(-random.Next(0, 365)),
            Nationality = random.NextDouble() < 0.82 ? "1" : random.NextDouble() < 0.3 ? "2" : "3",
            FamilySituation = couple ? (random.NextDouble() < 0.5 ? "M" : "U") : Pick(["C", "D", "S", "V"]),
            Email = random.NextDouble() < 0.7 ? $"{SearchMail(last)}.{random.Next(100, 999)}@exemple-demo.fr" : null,
            TaxIncome = new TaxIncome(today.Year - 1, rfrApplicant, today.Year - 2, rfrApplicant * 0.97m),
            ResourcesReceived = applicantLines,
            Disabled = random.NextDouble() < 0.04,
            Work = new ProfessionalSituation(null, applicantLines.Any(l => l.Code == "SAL") ? Pick(["CDI", "CDI", "CDD"]) : applicantLines.Any(l => l.Code == "RET") ? "RET" : Pick(["CHO", "AUT"]), null, false, null, null),
        };
        var coApplicants = new List<Person>();
        if (couple)
        {
            coApplicants.Add(new Person
            {
                Civility = woman ? "1" : "2",
                LastName = last,
                FirstName = Pick(woman ? MenFirstNames : WomenFirstNames),
                BirthDate = today.AddYears(-applicantAge - random.Next(-4, 5)).AddDays(-random.Next(0, 365)),
                Nationality = applicant.Nationality,
                FamilySituation = applicant.FamilySituation,
                LinkToApplicant = applicant.FamilySituation == "M" ? "M" : "C",
                TaxIncome = new TaxIncome(today.Year - 1, rfrPartner, today.Year - 2, rfrPartner * 0.97m),
                ResourcesReceived = partnerLines,
            });
        }

        var persons = 1 + coApplicants.Count + dependants.Count;
        var mutation = random.NextDouble() < 0.30;
        var model = mutation ? "HLM" : Weighted(random, [("LP", 45), ("CPE", 22), ("CP", 8), ("SH", 5), ("RS", 5), ("LTG", 5), ("SLHT", 4), ("HOT", 2), ("SD", 2), ("POCC", 2)]);
        var currentRooms = Math.Clamp(persons - 1 + random.Next(-1, 2), 1, 5);
        var housing = new CurrentHousing([model], model is "HLM" or "LP" ? Math.Round((decimal)(300 + (currentRooms * 110) + random.Next(0, 150)), 0) : null,
            persons + (model is "CPE" or "CP" ? random.Next(1, 4) : 0), random.NextDouble() < 0.8 ? "A" : "M", "T" + currentRooms.ToString(System.Globalization.CultureInfo.InvariantCulture),
            25 + (currentRooms * 17) + random.Next(0, 15), model == "POCC");
        var reasons = Reasons(random, model, persons, currentRooms, mutation);
        var wished = new List<string> { pickCommune() };
        for (var extra = random.Next(0, 3); extra > 0; extra--)
        {
            var next = pickCommune();
            if (!wished.Contains(next))
            {
                wished.Add(next);
            }
        }

        var typologies = persons switch
        {
            1 => random.NextDouble() < 0.5 ? new[] { "T1", "T2" } : ["T2"],
            2 => ["T2", "T3"],
            3 => ["T3"],
            4 => ["T3", "T4"],
            5 => ["T4", "T5"],
            _ => ["T5", "T6P"],
        };
        var priorities = new List<PriorityLabel>();
        if (random.NextDouble() < 0.18)
        {
            var code = model switch
            {
                "SD" or "HOT" or "CPE" or "CP" => "SANS_LOGEMENT",
                "SH" or "RS" or "SLHT" => "HEBERGE_TRANSITION",
                _ when reasons.Contains("05") => "MENACE_EXPULSION",
                _ when reasons.Contains("06") => "VIOLENCES_COUPLE",
                _ when applicant.Disabled => "HANDICAP",
                _ => "MAL_LOGE",
            };
            var labelledOn = registered.AddDays(random.Next(0, Math.Max(1, today.DayNumber - registered.DayNumber)));
            priorities.Add(new PriorityLabel(code, labelling, labelledOn, "pièces vérifiées par le service instructeur", labelledOn.AddYears(2)));
        }

        var dalo = random.NextDouble() switch
        {
            < 0.02 => DaloStatus.Active,
            < 0.025 => DaloStatus.Lapsed,
            _ => DaloStatus.None,
        };
        return new DemandFile
        {
            Applicant = applicant,
            CoApplicants = coApplicants,
            Dependants = dependants,
            CurrentHousing = housing,
            Reasons = reasons,
            Wishes = new HousingWishes(typologies, random.NextDouble() < 0.6 ? "A" : "I", wished, random.NextDouble() < 0.3),
            Dalo = dalo,
            Priorities = priorities,
            Handicap = applicant.Disabled ? new HandicapComplement("STA", Pick(["2", "3", "4"]), ["MI"], [], [Pick(["2", "3", "4"])], ["3", "4"]) : null,
        };
    }

    private static (List<MonthlyResource>, List<MonthlyResource>, decimal, decimal) Split(Random random, decimal monthly, bool couple, int children)
    {
        var applicant = new List<MonthlyResource>();
        var partner = new List<MonthlyResource>();
        var family = children >= 2 ? Math.Min(monthly, children == 2 ? 148m : 338m) : 0m;
        if (family > 0)
        {
            applicant.Add(new MonthlyResource("AF", family));
        }

        var rest = monthly - family;
        var low = rest < 700;
        var first = couple ? Math.Round(rest * (decimal)(0.5 + (random.NextDouble() * 0.3)), 0) : rest;
        var second = rest - first;
        void Income(List<MonthlyResource> lines, decimal amount)
        {
            if (amount <= 0)
            {
                return;
            }

            var code = low ? (random.NextDouble() < 0.6 ? "RSA" : "AAH") : random.NextDouble() switch
            {
                < 0.70 => "SAL",
                < 0.82 => "RET",
                < 0.92 => "CHO",
                _ => "PINV",
            };
            lines.Add(new MonthlyResource(code, amount));
        }

        Income(applicant, first);
        Income(partner, second);
        decimal Taxable(List<MonthlyResource> lines) => Math.Round(lines.Where(l => l.Code is "SAL" or "RET" or "CHO" or "PINV").Sum(l => l.Amount) * 12m * 0.9m, 0);
        return (applicant, partner, Taxable(applicant), Taxable(partner));
    }

    private static List<string> Reasons(Random random, string model, int persons, int rooms, bool mutation)
    {
        var reasons = new List<string>();
        if (model is "SD" or "HOT" or "CPE" or "CP" or "SH" or "RS" or "SLHT" or "LTG")
        {
            reasons.Add("01");
        }
        else if (persons > rooms + 1)
        {
            reasons.Add("13");
        }
        else if (mutation && persons <= rooms - 2)
        {
            reasons.Add("10");
        }

        var extra = Weighted(random, [("09", 25), ("12", 12), ("11", 10), ("17", 9), ("08", 6), ("19", 8), ("03", 5), ("04", 4), ("05", 3), ("06", 3), ("21", 5), ("07", 3), ("23", 7)]);
        if (!reasons.Contains(extra))
        {
            reasons.Add(extra);
        }

        return reasons;
    }

    private static List<DemandEvent> History(Generated g, string guichet)
    {
        DateTimeOffset At(DateOnly d, int hour) => new(d.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(1));
        DemandEvent E(DateOnly d, DemandEventKind kind, string summary) =>
            new() { At = At(d, 10).ToUniversalTime(), Kind = kind, Summary = summary, By = "agent d'accueil (démo)", OrganisationName = guichet };
        var events = new List<DemandEvent> { E(g.RegisteredOn, DemandEventKind.Registered, French.Format($"enregistrement de la demande (données de démonstration), valable jusqu'au {DemandLifecycle.Expiry(g.RegisteredOn).AddDays(-1):dd/MM/yyyy}")) };
        events.AddRange(g.Renewals.Select(r => E(r, DemandEventKind.Renewed, French.Format($"renouvelée le {r:dd/MM/yyyy} : valable jusqu'au {DemandLifecycle.Expiry(r).AddDays(-1):dd/MM/yyyy}, numéro et ancienneté conservés"))));
        foreach (var p in g.File.Priorities)
        {
            events.Add(E(p.LabelledOn, DemandEventKind.PriorityLabelled, DemandHistoryText.Priority(p, PriorityLetters.None)));
        }

        if (g.State.RenewalNoticeSentOn is { } notice)
        {
            events.Add(E(notice, DemandEventKind.RenewalNotice, French.Format($"avis de renouvellement envoyé le {notice:dd/MM/yyyy}, échéance le {g.State.ExpiresOn:dd/MM/yyyy}")));
        }

        if (g.State is { Status: DemandStatus.Radiated, Radiation: { } reason, RadiatedOn: { } on })
        {
            events.Add(E(on, DemandEventKind.Radiated, French.Format($"radiée le {on:dd/MM/yyyy} : {DemandLifecycle.Label(reason)}")));
        }

        return [.. events.OrderBy(e => e.At)];
    }

    private static string Weighted(Random random, (string Value, int Weight)[] choices)
    {
        var x = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (x < weight)
            {
                return value;
            }

            x -= weight;
        }

        return choices[^1].Value;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string SearchMail(string name) => SearchText.Fold(name).Replace(" ", "", StringComparison.Ordinal);
}
