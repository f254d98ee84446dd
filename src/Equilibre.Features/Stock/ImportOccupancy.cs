using System.Globalization;
using Equilibre.Domain;
using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>
/// Imports a bailleur's answers to the OPS survey (domain.md §10.2, §16.6; format in docs/guide/parc.md): one line per
/// occupied dwelling, named by its RPLS identifier, which must already be in the stock (import the RPLS first).
/// Atomic (one rejected line refuses the file) and idempotent by dwelling and survey year: the same answers are
/// unchanged, other answers rewrite the row, rows absent from the file are kept (a survey is answered once; a
/// bailleur may send its stock in several files). A bailleur user may only import answers for the dwellings its
/// organisation owns at their latest millésime; the command line acts as administrator.
/// </summary>
public sealed class ImportOccupancy(EquilibreDb db, TimeProvider clock)
{
    public const string Kind = "ops";

    /// <summary>The columns every file must have (a value may be empty only for <c>revenu_fiscal_reference</c>).</summary>
    public static readonly string[] RequiredColumns =
    [
        "identifiant_rpls", "annee_enquete", "nb_personnes", "nb_adultes", "nb_enfants", "composition", "revenu_fiscal_reference",
        "beneficiaire_apl", "date_emmenagement", "date_signature_bail", "besoin_logement_adapte",
    ];

    /// <summary>Columns that may be absent or empty.</summary>
    public static readonly string[] OptionalColumns = ["personnes_a_charge", "jeune_menage", "titulaire_carte_invalidite", "nb_60_ans_et_plus", "nb_75_ans_et_plus"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy"];
    private const int LookupChunk = 1000;

    public sealed record Request(string File, CurrentUser User, string? StartedBy = null);

    private sealed record ParsedLine(int Line, string RplsId, Occupancy Answers);

    public async Task<ImportRun> HandleAsync(Request request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.User);
        return await ImportTransaction.RunAsync(db, clock, Kind, Path.GetFileName(request.File), request.StartedBy ?? request.User.DisplayName, async (run, token) =>
        {
            if (!File.Exists(request.File))
            {
                throw new ImportFileException($"fichier introuvable : {request.File}");
            }

            if (!request.User.IsAdministrator && !OccupancyAccess.ReadsRowsOf(request.User, request.User.OrganisationId))
            {
                throw new ImportFileException("seuls un bailleur (pour ses logements) et un administrateur importent l'enquête OPS");
            }

            var today = FrenchTime.Today(clock);
            var lines = new List<ParsedLine>();
            var seen = new Dictionary<(string, int), int>();
            using (var reader = DelimitedText.Open(request.File))
            {
                foreach (var row in DelimitedText.Read(reader, RequiredColumns))
                {
                    run.Read++;
                    if (Parse(run, row, today) is not { } line)
                    {
                        continue;
                    }

                    if (seen.TryGetValue((line.RplsId, line.Answers.SurveyYear), out var first))
                    {
                        run.Reject(row.Line, "identifiant_rpls", line.RplsId,
                            $"ligne {row.Line} : identifiant_rpls : « {line.RplsId} » : le logement figure déjà ligne {first} pour l'enquête {line.Answers.SurveyYear} (un ménage par logement et par enquête)");
                        continue;
                    }

                    seen[(line.RplsId, line.Answers.SurveyYear)] = row.Line;
                    lines.Add(line);
                }
            }

            foreach (var chunk in lines.Chunk(LookupChunk))
            {
                await WriteAsync(run, chunk, request.User, token);
            }
        }, ct);
    }

    private async Task WriteAsync(ImportRun run, ParsedLine[] chunk, CurrentUser user, CancellationToken ct)
    {
        var ids = chunk.Select(l => l.RplsId).Distinct().ToList();
        var dwellings = await (from d in db.Dwellings.AsNoTracking()
                               where ids.Contains(d.RplsId)
                               join s in OccupancyAccess.LatestStates(db) on d.Id equals s.DwellingId into states
                               from s in states.DefaultIfEmpty()
                               join b in db.Bailleurs on s.BailleurId equals b.Id into owners
                               from b in owners.DefaultIfEmpty()
                               select new { d.RplsId, d.Id, Millesime = (int?)s.Millesime, OrganisationId = (long?)b.OrganisationId, BailleurName = b.Name })
            .ToDictionaryAsync(d => d.RplsId, StringComparer.Ordinal, ct);
        var dwellingIds = dwellings.Values.Select(d => d.Id).ToList();
        var existing = await db.Occupancies.Where(o => dwellingIds.Contains(o.DwellingId)).ToDictionaryAsync(o => (o.DwellingId, o.SurveyYear), ct);
        foreach (var line in chunk)
        {
            if (!dwellings.TryGetValue(line.RplsId, out var dwelling))
            {
                run.Reject(line.Line, "identifiant_rpls", line.RplsId,
                    $"ligne {line.Line} : identifiant_rpls : « {line.RplsId} » : logement inconnu du parc (identifiant RPLS absent des fichiers RPLS importés ; importez d'abord le RPLS du bailleur)");
                continue;
            }

            if (!user.IsAdministrator && !OccupancyAccess.ReadsRowsOf(user, dwelling.OrganisationId))
            {
                run.Reject(line.Line, "identifiant_rpls", line.RplsId, French.Format(
                    $"ligne {line.Line} : identifiant_rpls : « {line.RplsId} » : le logement n'appartient pas à votre organisme au dernier millésime RPLS ({dwelling.Millesime}) : seul son bailleur déclare l'occupation"));
                continue;
            }

            // After a rejection the file will be refused: keep checking, stop writing.
            if (run.Issues.Count > 0)
            {
                continue;
            }

            var answers = line.Answers;
            answers.DwellingId = dwelling.Id;
            if (existing.TryGetValue((dwelling.Id, answers.SurveyYear), out var stored))
            {
                if (stored.SameAnswers(answers))
                {
                    run.Unchanged++;
                }
                else
                {
                    stored.CopyAnswers(answers);
                    db.Entry(stored).State = EntityState.Modified;
                    run.Updated++;
                }
            }
            else
            {
                db.Occupancies.Add(answers);
                run.Created++;
            }
        }
    }

    private static ParsedLine? Parse(ImportRun run, DelimitedRow row, DateOnly today)
    {
        var before = run.Issues.Count;
        var n = row.Line;
        var rplsId = row["identifiant_rpls"];
        if (rplsId.Length == 0)
        {
            Reject(run, row, "identifiant_rpls", "obligatoire : l'identifiant RPLS du logement (IDENT_REP)");
        }
        else if (rplsId.Length > 40)
        {
            Reject(run, row, "identifiant_rpls", "40 caractères au plus");
        }

        var year = Int(run, row, "annee_enquete", 2011, today.Year + 1, "une année de 2011 à l'année prochaine");
        var persons = Int(run, row, "nb_personnes", 1, 20, "entier de 1 à 20 (personnes vivant au foyer, L442-12)");
        var adults = Int(run, row, "nb_adultes", 1, 20, "entier de 1 à 20");
        var children = Int(run, row, "nb_enfants", 0, 19, "entier de 0 à 19");
        if (persons is { } p && adults is { } a && children is { } c && a + c != p)
        {
            Reject(run, row, "nb_personnes", French.Format($"{a} adulte(s) + {c} enfant(s) ≠ {p} personne(s) : nb_personnes doit être la somme de nb_adultes et nb_enfants"));
        }

        var type = ParseType(row["composition"]);
        if (type is null)
        {
            Reject(run, row, "composition", "personne_seule, couple_sans_enfant, couple_avec_enfants, famille_monoparentale ou autre attendu (ou 1 à 5)");
        }
        else if (adults is { } ad && children is { } ch && Inconsistent(type.Value, ad, ch) is { } why)
        {
            Reject(run, row, "composition", why);
        }

        var dependants = row.Fields.ContainsKey("personnes_a_charge") && row["personnes_a_charge"].Length > 0
            ? Int(run, row, "personnes_a_charge", 0, 19, "entier de 0 à 19")
            : children;
        if (dependants is { } dep && persons is { } pp && dep >= pp)
        {
            Reject(run, row, "personnes_a_charge", French.Format($"{dep} personne(s) à charge pour {pp} personne(s) : au moins une personne n'est pas à charge"));
        }

        decimal? income = null;
        var incomeText = row["revenu_fiscal_reference"];
        if (incomeText.Length > 0)
        {
            income = Amount(incomeText);
            if (income is null or < 0 or > 10_000_000m)
            {
                Reject(run, row, "revenu_fiscal_reference", "montant annuel en euros de 0 à 10 000 000 (virgule ou point décimal), ou vide si le ménage n'a pas répondu");
                income = null;
            }
        }

        var apl = Flag(run, row, "beneficiaire_apl", required: true);
        var movedIn = Date(run, row, "date_emmenagement", today);
        var lease = Date(run, row, "date_signature_bail", today);
        var adapted = Flag(run, row, "besoin_logement_adapte", required: true);
        var young = Flag(run, row, "jeune_menage", required: false) ?? false;
        if (young && type is not (HouseholdType.CoupleWithoutChildren or HouseholdType.CoupleWithChildren))
        {
            Reject(run, row, "jeune_menage", "un jeune ménage est un couple (somme des âges ≤ 55 ans, domain.md §3.3) : composition couple attendue");
        }

        var disabled = Flag(run, row, "titulaire_carte_invalidite", required: false) ?? false;
        int? over60 = row["nb_60_ans_et_plus"].Length > 0 ? Int(run, row, "nb_60_ans_et_plus", 0, 20, "entier de 0 à 20") : null;
        int? over75 = row["nb_75_ans_et_plus"].Length > 0 ? Int(run, row, "nb_75_ans_et_plus", 0, 20, "entier de 0 à 20") : null;
        if (over60 is { } o60 && persons is { } p60 && o60 > p60)
        {
            Reject(run, row, "nb_60_ans_et_plus", French.Format($"{o60} personne(s) de 60 ans ou plus pour {p60} personne(s) au foyer"));
        }

        if (over75 is { } o75 && (over60 is null || o75 > over60))
        {
            Reject(run, row, "nb_75_ans_et_plus", "les personnes de 75 ans ou plus sont aussi comptées dans nb_60_ans_et_plus, qui doit être renseigné et au moins égal");
        }

        if (run.Issues.Count > before)
        {
            return null;
        }

        return new ParsedLine(n, rplsId, new Occupancy
        {
            SurveyYear = year!.Value,
            Persons = persons!.Value,
            Adults = adults!.Value,
            Children = children!.Value,
            Type = type!.Value,
            Dependants = dependants!.Value,
            IsYoungCouple = young,
            HasDisabledPerson = disabled,
            ReferenceIncome = income,
            ReceivesApl = apl!.Value,
            MovedInOn = movedIn!.Value,
            LeaseSignedOn = lease!.Value,
            NeedsAdaptedDwelling = adapted!.Value,
            Persons60Plus = over60,
            Persons75Plus = over75,
        });
    }

    /// <summary>French names or codes 1 to 5 of the composition; case, accents, spaces and hyphens do not matter.</summary>
    public static HouseholdType? ParseType(string text) =>
        SearchText.Fold(text).Replace(' ', '_').Replace('-', '_') switch
        {
            "1" or "personne_seule" or "isole" => HouseholdType.PersonAlone,
            "2" or "couple_sans_enfant" or "couple_sans_enfants" => HouseholdType.CoupleWithoutChildren,
            "3" or "couple_avec_enfants" or "couple_avec_enfant" => HouseholdType.CoupleWithChildren,
            "4" or "famille_monoparentale" or "monoparentale" => HouseholdType.SingleParent,
            "5" or "autre" => HouseholdType.Other,
            _ => null,
        };

    private static string? Inconsistent(HouseholdType type, int adults, int children) => type switch
    {
        HouseholdType.PersonAlone when adults != 1 || children != 0 => French.Format($"personne seule : 1 adulte et 0 enfant attendus, {adults} adulte(s) et {children} enfant(s) déclarés"),
        HouseholdType.CoupleWithoutChildren when adults < 2 || children != 0 => French.Format($"couple sans enfant : au moins 2 adultes et 0 enfant attendus, {adults} adulte(s) et {children} enfant(s) déclarés"),
        HouseholdType.CoupleWithChildren when adults < 2 || children < 1 => French.Format($"couple avec enfant(s) : au moins 2 adultes et 1 enfant attendus, {adults} adulte(s) et {children} enfant(s) déclarés"),
        HouseholdType.SingleParent when children < 1 => "famille monoparentale : au moins 1 enfant attendu, 0 déclaré",
        _ => null,
    };

    private static void Reject(ImportRun run, DelimitedRow row, string column, string rule) =>
        run.Reject(row.Line, column, row[column], $"ligne {row.Line} : {column} : « {row[column]} » : {rule}");

    private static int? Int(ImportRun run, DelimitedRow row, string column, int min, int max, string rule)
    {
        if (int.TryParse(row[column], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Reject(run, row, column, rule);
        return null;
    }

    private static decimal? Amount(string text)
    {
        var clean = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
            .Replace("\u202F", "", StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(clean, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static bool? Flag(ImportRun run, DelimitedRow row, string column, bool required)
    {
        var text = SearchText.Fold(row[column]);
        switch (text)
        {
            case "oui" or "o" or "1" or "vrai":
                return true;
            case "non" or "n" or "0" or "faux":
                return false;
            case "" when !required:
                return null;
            default:
                Reject(run, row, column, "oui ou non attendu (ou 1 / 0)");
                return null;
        }
    }

    private static DateOnly? Date(ImportRun run, DelimitedRow row, string column, DateOnly today)
    {
        if (!DateOnly.TryParseExact(row[column], DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Reject(run, row, column, "date AAAA-MM-JJ ou JJ/MM/AAAA attendue");
            return null;
        }

        if (date.Year < 1900 || date > today)
        {
            Reject(run, row, column, French.Format($"date de 1900 à aujourd'hui ({today:dd/MM/yyyy}) attendue"));
            return null;
        }

        return date;
    }
}
