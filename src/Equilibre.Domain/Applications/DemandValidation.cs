namespace Equilibre.Domain.Applications;

/// <summary>A field-level error: the field's path as the forms and files name it, and the rule broken, in French.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// What a demand must satisfy to be recorded (CERFA 14069 and SNE code lists, domain.md §2.2): names, dates, codes in
/// their lists, amounts not negative, at least one wished commune and typology. Whether a commune code exists in the COG
/// is checked by the caller, which holds the territory.
/// </summary>
public static class DemandValidation
{
    public static IReadOnlyList<FieldError> Check(DemandFile file, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(file);
        var errors = new List<FieldError>();
        CheckPerson(errors, "demandeur", file.Applicant, today, isCoApplicant: false);
        for (var i = 0; i < file.CoApplicants.Count; i++)
        {
            CheckPerson(errors, $"cotitulaire[{i + 1}]", file.CoApplicants[i], today, isCoApplicant: true);
        }

        for (var i = 0; i < file.Dependants.Count; i++)
        {
            var d = file.Dependants[i];
            var at = $"personneACharge[{i + 1}]";
            BirthDate(errors, at, d.BirthDate, today, required: false);
            Code(errors, $"{at}.sexe", d.Sex, SneCodes.Sex, "sexe");
            Code(errors, $"{at}.lienParente", d.Relationship, SneCodes.Relationship, "lien de parenté");
        }

        Resources(errors, "personnesACharge.ressourcesRecues", file.DependantResourcesReceived, SneCodes.ResourceReceived);
        Resources(errors, "personnesACharge.ressourcesVersees", file.DependantResourcesPaid, SneCodes.ResourcePaid);
        if (file.Unborn is { } unborn && (unborn.Count is < 0 or > 9))
        {
            errors.Add(new("personneANaitre.nombre", "nombre d'enfants à naître entre 0 et 9"));
        }

        for (var i = 0; i < file.ChildrenInCustody.Count; i++)
        {
            var c = file.ChildrenInCustody[i];
            var at = $"personneEnGarde[{i + 1}]";
            BirthDate(errors, at, c.BirthDate, today, required: false);
            Code(errors, $"{at}.sexe", c.Sex, SneCodes.Sex, "sexe");
            Code(errors, $"{at}.coParentalite", c.Custody, SneCodes.Custody, "garde (G garde alternée, D droit de visite)", required: true);
        }

        if (file.CurrentHousing is { } h)
        {
            foreach (var m in h.Models)
            {
                Code(errors, "logementActuel.modeleLogement", m, SneCodes.HousingModel, "situation de logement actuelle");
            }

            NotNegative(errors, "logementActuel.montantMensuelLoyer", h.MonthlyRent);
            NotNegative(errors, "logementActuel.surface", h.Surface);
            if (h.Occupants is < 1)
            {
                errors.Add(new("logementActuel.nombreHabitant", "au moins une personne occupe le logement actuel"));
            }

            Code(errors, "logementActuel.categorieLogement", h.Category, SneCodes.HousingCategory, "catégorie (A appartement, M maison)");
            Code(errors, "logementActuel.typeLogementActuel", h.Typology, SneCodes.CurrentTypology, "typologie");
        }

        foreach (var r in file.Reasons)
        {
            Code(errors, "motifs", r, SneCodes.Reason, "motif de la demande (01 à 23)");
        }

        if (file.Reasons.Distinct().Count() != file.Reasons.Count)
        {
            errors.Add(new("motifs", "un motif figure deux fois"));
        }

        if (file.Wishes.Typologies.Count == 0)
        {
            errors.Add(new("logementRecherche.typeLogement", "indiquez au moins une typologie recherchée"));
        }

        foreach (var t in file.Wishes.Typologies)
        {
            Code(errors, "logementRecherche.typeLogement", t, SneCodes.Typology, "typologie recherchée");
        }

        Code(errors, "logementRecherche.categorie", file.Wishes.Category, SneCodes.WishedCategory, "catégorie recherchée (A, M ou I)");
        if (file.Wishes.Communes.Count == 0)
        {
            errors.Add(new("logementRecherche.localisationSouhaitee", "indiquez au moins une commune souhaitée"));
        }

        if (file.Wishes.Communes.Distinct().Count() != file.Wishes.Communes.Count)
        {
            errors.Add(new("logementRecherche.localisationSouhaitee", "une commune souhaitée figure deux fois"));
        }

        if (file.Handicap is { } hc)
        {
            Code(errors, "handicap.etat", hc.State, SneCodes.HandicapState, "état (STA stabilisé, EVO évolutif)");
            Code(errors, "handicap.capaciteMarche", hc.Walking, SneCodes.Walking, "capacité de marche (1 à 4)");
            hc.Motor.ToList().ForEach(c => Code(errors, "handicap.moteur", c, SneCodes.Motor, "déficience motrice (MS, MI)"));
            hc.Sensory.ToList().ForEach(c => Code(errors, "handicap.sensoriel", c, SneCodes.Sensory, "déficience sensorielle (DA, DV)"));
            hc.TechnicalAids.ToList().ForEach(c => Code(errors, "handicap.aideTechnique", c, SneCodes.TechnicalAid, "aide technique (1 à 7)"));
            hc.Equipment.ToList().ForEach(c => Code(errors, "handicap.equipement", c, SneCodes.Equipment, "équipement (1 à 6)"));
        }

        for (var i = 0; i < file.Priorities.Count; i++)
        {
            var p = file.Priorities[i];
            var at = $"priorite[{i + 1}]";
            if (PriorityCategories.Find(p.Code) is null)
            {
                errors.Add(new($"{at}.code", $"« {p.Code} » n'est pas une catégorie prioritaire de l'article L441-1"));
            }

            if (string.IsNullOrWhiteSpace(p.LabelledBy))
            {
                errors.Add(new($"{at}.labellisePar", "indiquez l'organisme qui a labellisé la priorité"));
            }

            if (p.LabelledOn > today)
            {
                errors.Add(new($"{at}.date", French.Format($"la date de labellisation {p.LabelledOn:dd/MM/yyyy} est dans le futur")));
            }

            if (p.ValidUntil is { } until && until < p.LabelledOn)
            {
                errors.Add(new($"{at}.finValidite", "la fin de validité précède la labellisation"));
            }
        }

        if (file.Priorities.GroupBy(p => p.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add(new("priorite", $"la priorité {twice.Key} figure deux fois"));
        }

        return errors;
    }

    private static void CheckPerson(List<FieldError> errors, string at, Person p, DateOnly today, bool isCoApplicant)
    {
        if (string.IsNullOrWhiteSpace(p.LastName))
        {
            errors.Add(new($"{at}.nom", "le nom est obligatoire"));
        }

        if (string.IsNullOrWhiteSpace(p.FirstName))
        {
            errors.Add(new($"{at}.prenom", "le prénom est obligatoire"));
        }

        BirthDate(errors, at, p.BirthDate, today, required: true);
        if (p.BirthDate is { } birth && birth <= today && ConsumptionUnits.Age(birth, today) < 16 && !isCoApplicant)
        {
            errors.Add(new($"{at}.dateNaissance", "le demandeur doit avoir au moins 16 ans (mineur émancipé)"));
        }

        Code(errors, $"{at}.civilite", p.Civility, SneCodes.Civility, "civilité (1 M., 2 Mme, 3 Mlle)");
        Code(errors, $"{at}.nationalite", p.Nationality, SneCodes.Nationality, "nationalité (1, 2 ou 3)");
        Code(errors, $"{at}.situationFamiliale", p.FamilySituation, SneCodes.FamilySituation, "situation familiale (C, M, D, S, P, U, V)");
        if (isCoApplicant)
        {
            Code(errors, $"{at}.lienDemandeur", p.LinkToApplicant, SneCodes.LinkToApplicant, "lien avec le demandeur (M, P, C, L)", required: true);
        }

        if (p.Email is { Length: > 0 } mail && (!mail.Contains('@', StringComparison.Ordinal) || mail.Contains(' ', StringComparison.Ordinal)))
        {
            errors.Add(new($"{at}.mel", $"« {mail} » n'est pas une adresse électronique"));
        }

        if (p.Work is { } w)
        {
            Code(errors, $"{at}.typeContratTravail", w.ContractType, SneCodes.ContractType, "situation professionnelle");
        }

        if (p.TaxIncome is { } t)
        {
            NotNegative(errors, $"{at}.revenuFiscal.montantMoins1", t.AmountN1);
            NotNegative(errors, $"{at}.revenuFiscal.montantMoins2", t.AmountN2);
            if (t.YearN1 is { } y1 && t.YearN2 is { } y2 && y2 != y1 - 1)
            {
                errors.Add(new($"{at}.revenuFiscal.anneeMoins2", French.Format($"l'année N-2 ({y2}) doit précéder l'année N-1 ({y1})")));
            }
        }

        Resources(errors, $"{at}.ressourcesRecues", p.ResourcesReceived, SneCodes.ResourceReceived);
        Resources(errors, $"{at}.ressourcesVersees", p.ResourcesPaid, SneCodes.ResourcePaid);
    }

    private static void Resources(List<FieldError> errors, string at, IReadOnlyList<MonthlyResource> list, IReadOnlyDictionary<string, string> codes)
    {
        foreach (var r in list)
        {
            Code(errors, at, r.Code, codes, "code de ressource (" + string.Join(", ", codes.Keys) + ")", required: true);
            if (r.Amount < 0)
            {
                errors.Add(new(at, French.Format($"montant {r.Amount:N2} € négatif pour {r.Code}")));
            }
        }
    }

    private static void BirthDate(List<FieldError> errors, string at, DateOnly? date, DateOnly today, bool required)
    {
        if (date is null)
        {
            if (required)
            {
                errors.Add(new($"{at}.dateNaissance", "la date de naissance est obligatoire"));
            }

            return;
        }

        if (date > today)
        {
            errors.Add(new($"{at}.dateNaissance", French.Format($"la date de naissance {date:dd/MM/yyyy} est dans le futur")));
        }
        else if (date < today.AddYears(-120))
        {
            errors.Add(new($"{at}.dateNaissance", French.Format($"la date de naissance {date:dd/MM/yyyy} donne plus de 120 ans")));
        }
    }

    private static void NotNegative(List<FieldError> errors, string at, decimal? value)
    {
        if (value is < 0)
        {
            errors.Add(new(at, French.Format($"le montant {value:N2} ne peut pas être négatif")));
        }
    }

    private static void Code(List<FieldError> errors, string at, string? code, IReadOnlyDictionary<string, string> list, string what, bool required = false)
    {
        if (string.IsNullOrEmpty(code))
        {
            if (required)
            {
                errors.Add(new(at, $"{what} : valeur obligatoire"));
            }

            return;
        }

        if (!list.ContainsKey(code))
        {
            errors.Add(new(at, $"« {code} » n'est pas une valeur de la liste {what} ({string.Join(", ", list.Keys)})"));
        }
    }
}
