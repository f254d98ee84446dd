using System.Globalization;
using Equilibre.Domain.Applications;

namespace Equilibre.Web.Pages.Demandes;

/// <summary>
/// The CERFA 14069 as the registration, modification and renewal forms post it, and the one mapping between it and a
/// <see cref="DemandFile"/>. Repeated parts have a fixed number of rows; empty rows are ignored and the filled ones
/// are moved up (<see cref="Compact"/>) so that row <c>n</c> of the form is item <c>n</c> of the file, the index the
/// validation errors carry (<c>personneACharge[2].sexe</c>).
/// </summary>
public sealed class DemandForm
{
    public const int ResourceRows = 6;
    public const int PaidRows = 2;
    public const int DependantRows = 5;
    public const int CustodyRows = 3;
    public const int DependantResourceRows = 4;
    public const int CommuneRows = 5;
    public const int PriorityRows = 3;

    public PersonForm Demandeur { get; set; } = new();

    public PersonForm Cotitulaire { get; set; } = new();

    public List<DependantForm> PersonnesACharge { get; set; } = [];

    public int? EnfantsANaitre { get; set; }

    public DateOnly? NaissancePrevue { get; set; }

    public List<CustodyForm> EnfantsEnGarde { get; set; } = [];

    public List<ResourceForm> RessourcesRecuesACharge { get; set; } = [];

    public List<ResourceForm> RessourcesVerseesACharge { get; set; } = [];

    public List<string> SituationsActuelles { get; set; } = [];

    public decimal? Loyer { get; set; }

    public int? Occupants { get; set; }

    public string? CategorieActuelle { get; set; }

    public string? TypologieActuelle { get; set; }

    public decimal? Surface { get; set; }

    public bool Proprietaire { get; set; }

    public List<string> Motifs { get; set; } = [];

    public List<string> Typologies { get; set; } = [];

    public string? CategorieRecherchee { get; set; }

    public List<string?> Communes { get; set; } = [];

    public bool Elargie { get; set; }

    public string? HandicapEtat { get; set; }

    public string? HandicapMarche { get; set; }

    public List<string> HandicapMoteur { get; set; } = [];

    public List<string> HandicapSensoriel { get; set; } = [];

    public List<string> HandicapAides { get; set; } = [];

    public List<string> HandicapEquipements { get; set; } = [];

    public string Dalo { get; set; } = "NON";

    public List<PriorityForm> Priorites { get; set; } = [];

    /// <summary>Comment kept in the history entry of the change.</summary>
    public string? Commentaire { get; set; }

    /// <summary>Removes empty rows, keeps the order of the filled ones, pads every list to its number of rows.</summary>
    public DemandForm Compact()
    {
        Demandeur.Compact();
        Cotitulaire.Compact();
        PersonnesACharge = Pad(PersonnesACharge.Where(d => !d.IsEmpty), DependantRows);
        EnfantsEnGarde = Pad(EnfantsEnGarde.Where(c => !c.IsEmpty), CustodyRows);
        RessourcesRecuesACharge = Pad(RessourcesRecuesACharge.Where(r => !r.IsEmpty), DependantResourceRows);
        RessourcesVerseesACharge = Pad(RessourcesVerseesACharge.Where(r => !r.IsEmpty), PaidRows);
        var communes = Communes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => (string?)c!.Trim()).ToList();
        Communes = [.. communes, .. Enumerable.Repeat<string?>(null, Math.Max(0, CommuneRows - communes.Count))];
        Priorites = Pad(Priorites.Where(p => !p.IsEmpty), PriorityRows);
        return this;
    }

    /// <summary>The demand the form describes, and the errors of rows that cannot become one (a priority without date).</summary>
    public (DemandFile File, IReadOnlyList<FieldError> Errors) ToFile()
    {
        Compact();
        var errors = new List<FieldError>();
        var co = Cotitulaire.IsEmpty ? null : Cotitulaire.ToPerson(coApplicant: true);
        var priorities = new List<PriorityLabel>();
        var rows = Priorites.Where(p => !p.IsEmpty).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var p = rows[i];
            if (p.Date is null)
            {
                errors.Add(new($"priorite[{i + 1}].date", "indiquez la date de labellisation de la priorité"));
            }

            priorities.Add(new PriorityLabel(Trim(p.Code) ?? "", Trim(p.Organisme) ?? "", p.Date ?? DateOnly.MinValue, Trim(p.Justificatif), p.FinValidite));
        }

        var housing = SituationsActuelles.Count == 0 && Loyer is null && Occupants is null && Trim(CategorieActuelle) is null && Trim(TypologieActuelle) is null && Surface is null && !Proprietaire
            ? null
            : new CurrentHousing([.. SituationsActuelles.Distinct()], Loyer, Occupants, Trim(CategorieActuelle), Trim(TypologieActuelle), Surface, Proprietaire ? true : null);
        var handicap = Trim(HandicapEtat) is null && Trim(HandicapMarche) is null && HandicapMoteur.Count + HandicapSensoriel.Count + HandicapAides.Count + HandicapEquipements.Count == 0
            ? null
            : new HandicapComplement(Trim(HandicapEtat), Trim(HandicapMarche), [.. HandicapMoteur], [.. HandicapSensoriel], [.. HandicapAides], [.. HandicapEquipements]);
        var file = new DemandFile
        {
            Applicant = Demandeur.ToPerson(coApplicant: false),
            CoApplicants = co is null ? [] : [co],
            Dependants = [.. PersonnesACharge.Where(d => !d.IsEmpty).Select(d => d.ToDependant())],
            DependantResourcesReceived = ResourceForm.ToList(RessourcesRecuesACharge),
            DependantResourcesPaid = ResourceForm.ToList(RessourcesVerseesACharge),
            Unborn = EnfantsANaitre is > 0 || NaissancePrevue is not null ? new UnbornChildren(EnfantsANaitre ?? 0, NaissancePrevue) : null,
            ChildrenInCustody = [.. EnfantsEnGarde.Where(c => !c.IsEmpty).Select(c => new CustodyChild(c.DateNaissance, Trim(c.Sexe), Trim(c.Garde) ?? ""))],
            CurrentHousing = housing,
            Reasons = [.. Motifs.Where(m => m.Length > 0)],
            Wishes = new HousingWishes([.. Typologies.Where(t => t.Length > 0)], Trim(CategorieRecherchee), [.. Communes.OfType<string>()], Elargie),
            Handicap = handicap,
            Dalo = SneCodes.ParseDalo(Dalo) ?? DaloStatus.None,
            Priorities = priorities,
        };
        return (file, errors);
    }

    /// <summary>The form pre-filled with a demand (modification, renewal).</summary>
    public static DemandForm From(DemandFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var h = file.CurrentHousing;
        var form = new DemandForm
        {
            Demandeur = PersonForm.From(file.Applicant),
            Cotitulaire = file.CoApplicants.Count > 0 ? PersonForm.From(file.CoApplicants[0]) : new PersonForm(),
            PersonnesACharge = [.. file.Dependants.Select(d => new DependantForm
            {
                Nom = d.LastName, Prenom = d.FirstName, DateNaissance = d.BirthDate, Sexe = d.Sex, Lien = d.Relationship, Handicap = d.Disabled,
            })],
            EnfantsANaitre = file.Unborn?.Count,
            NaissancePrevue = file.Unborn?.ExpectedOn,
            EnfantsEnGarde = [.. file.ChildrenInCustody.Select(c => new CustodyForm { DateNaissance = c.BirthDate, Sexe = c.Sex, Garde = c.Custody })],
            RessourcesRecuesACharge = ResourceForm.From(file.DependantResourcesReceived),
            RessourcesVerseesACharge = ResourceForm.From(file.DependantResourcesPaid),
            SituationsActuelles = [.. h?.Models ?? []],
            Loyer = h?.MonthlyRent,
            Occupants = h?.Occupants,
            CategorieActuelle = h?.Category,
            TypologieActuelle = h?.Typology,
            Surface = h?.Surface,
            Proprietaire = h?.Owner == true,
            Motifs = [.. file.Reasons],
            Typologies = [.. file.Wishes.Typologies],
            CategorieRecherchee = file.Wishes.Category,
            Communes = [.. file.Wishes.Communes],
            Elargie = file.Wishes.Extended,
            HandicapEtat = file.Handicap?.State,
            HandicapMarche = file.Handicap?.Walking,
            HandicapMoteur = [.. file.Handicap?.Motor ?? []],
            HandicapSensoriel = [.. file.Handicap?.Sensory ?? []],
            HandicapAides = [.. file.Handicap?.TechnicalAids ?? []],
            HandicapEquipements = [.. file.Handicap?.Equipment ?? []],
            Dalo = SneCodes.Dalo[file.Dalo],
            Priorites = [.. file.Priorities.Select(p => new PriorityForm
            {
                Code = p.Code, Organisme = p.LabelledBy, Date = p.LabelledOn, Justificatif = p.Proof, FinValidite = p.ValidUntil,
            })],
        };
        return form.Compact();
    }

    internal static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static List<T> Pad<T>(IEnumerable<T> rows, int count)
        where T : new()
    {
        var list = rows.ToList();
        while (list.Count < count)
        {
            list.Add(new T());
        }

        return list;
    }

    /// <summary>A date as an <c>input type="date"</c> value.</summary>
    public static string Value(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A number as an <c>input type="number"</c> value.</summary>
    public static string Value(decimal? number) => number?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    public static string Value(int? number) => number?.ToString(CultureInfo.InvariantCulture) ?? "";
}

/// <summary>An adult of the form: the demandeur or the co-titulaire.</summary>
public sealed class PersonForm
{
    public string? Civilite { get; set; }

    public string? Nom { get; set; }

    public string? NomNaissance { get; set; }

    public string? Prenom { get; set; }

    public DateOnly? DateNaissance { get; set; }

    public string? Nationalite { get; set; }

    public string? SituationFamiliale { get; set; }

    public string? Lien { get; set; }

    public string? Telephone { get; set; }

    public string? Courriel { get; set; }

    public bool AdresseEtranger { get; set; }

    public string? AdresseNumero { get; set; }

    public string? AdresseVoie { get; set; }

    public string? AdresseCodePostal { get; set; }

    public string? AdresseCommune { get; set; }

    public string? Profession { get; set; }

    public string? Contrat { get; set; }

    public string? Employeur { get; set; }

    public bool TravailEtranger { get; set; }

    public string? TravailCodePostal { get; set; }

    public string? TravailCommune { get; set; }

    public int? AnneeN1 { get; set; }

    public decimal? RevenuN1 { get; set; }

    public int? AnneeN2 { get; set; }

    public decimal? RevenuN2 { get; set; }

    public List<ResourceForm> RessourcesRecues { get; set; } = [];

    public List<ResourceForm> RessourcesVersees { get; set; } = [];

    /// <summary>Titulaire d'une carte d'invalidité / CMI.</summary>
    public bool Handicap { get; set; }

    /// <summary>Nothing typed: no co-titulaire.</summary>
    public bool IsEmpty => DemandForm.Trim(Nom) is null && DemandForm.Trim(Prenom) is null && DateNaissance is null && DemandForm.Trim(Lien) is null;

    public void Compact()
    {
        RessourcesRecues = DemandForm.Pad(RessourcesRecues.Where(r => !r.IsEmpty), DemandForm.ResourceRows);
        RessourcesVersees = DemandForm.Pad(RessourcesVersees.Where(r => !r.IsEmpty), DemandForm.PaidRows);
    }

    public Person ToPerson(bool coApplicant)
    {
        var t = DemandForm.Trim;
        var address = AdresseEtranger || t(AdresseNumero) is not null || t(AdresseVoie) is not null || t(AdresseCodePostal) is not null || t(AdresseCommune) is not null
            ? new PostalAddress(AdresseEtranger, t(AdresseNumero), t(AdresseVoie), t(AdresseCodePostal), t(AdresseCommune))
            : null;
        var work = TravailEtranger || t(Profession) is not null || t(Contrat) is not null || t(Employeur) is not null || t(TravailCodePostal) is not null || t(TravailCommune) is not null
            ? new ProfessionalSituation(t(Profession), t(Contrat), t(Employeur), TravailEtranger, t(TravailCodePostal), t(TravailCommune))
            : null;
        var tax = AnneeN1 is null && RevenuN1 is null && AnneeN2 is null && RevenuN2 is null ? null : new TaxIncome(AnneeN1, RevenuN1, AnneeN2, RevenuN2);
        return new Person
        {
            Civility = t(Civilite),
            LastName = t(Nom) ?? "",
            BirthName = t(NomNaissance),
            FirstName = t(Prenom) ?? "",
            BirthDate = DateNaissance,
            Nationality = t(Nationalite),
            FamilySituation = t(SituationFamiliale),
            LinkToApplicant = coApplicant ? t(Lien) : null,
            Phone = t(Telephone),
            Email = t(Courriel),
            Address = address,
            Work = work,
            TaxIncome = tax,
            ResourcesReceived = ResourceForm.ToList(RessourcesRecues),
            ResourcesPaid = ResourceForm.ToList(RessourcesVersees),
            Disabled = Handicap,
        };
    }

    public static PersonForm From(Person p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var form = new PersonForm
        {
            Civilite = p.Civility,
            Nom = p.LastName,
            NomNaissance = p.BirthName,
            Prenom = p.FirstName,
            DateNaissance = p.BirthDate,
            Nationalite = p.Nationality,
            SituationFamiliale = p.FamilySituation,
            Lien = p.LinkToApplicant,
            Telephone = p.Phone,
            Courriel = p.Email,
            AdresseEtranger = p.Address?.Abroad == true,
            AdresseNumero = p.Address?.Number,
            AdresseVoie = p.Address?.Street,
            AdresseCodePostal = p.Address?.PostalCode,
            AdresseCommune = p.Address?.CommuneCode,
            Profession = p.Work?.Profession,
            Contrat = p.Work?.ContractType,
            Employeur = p.Work?.Employer,
            TravailEtranger = p.Work?.Abroad == true,
            TravailCodePostal = p.Work?.PostalCode,
            TravailCommune = p.Work?.CommuneCode,
            AnneeN1 = p.TaxIncome?.YearN1,
            RevenuN1 = p.TaxIncome?.AmountN1,
            AnneeN2 = p.TaxIncome?.YearN2,
            RevenuN2 = p.TaxIncome?.AmountN2,
            RessourcesRecues = ResourceForm.From(p.ResourcesReceived),
            RessourcesVersees = ResourceForm.From(p.ResourcesPaid),
            Handicap = p.Disabled,
        };
        form.Compact();
        return form;
    }
}

/// <summary>A monthly resource row: SNE code and amount.</summary>
public sealed class ResourceForm
{
    public string? Code { get; set; }

    public decimal? Montant { get; set; }

    public bool IsEmpty => DemandForm.Trim(Code) is null && Montant is null;

    internal static List<MonthlyResource> ToList(IEnumerable<ResourceForm> rows) =>
        [.. rows.Where(r => !r.IsEmpty).Select(r => new MonthlyResource(DemandForm.Trim(r.Code) ?? "", r.Montant ?? 0))];

    internal static List<ResourceForm> From(IEnumerable<MonthlyResource> resources) =>
        [.. resources.Select(r => new ResourceForm { Code = r.Code, Montant = r.Amount })];
}

/// <summary>A person à charge row.</summary>
public sealed class DependantForm
{
    public string? Nom { get; set; }

    public string? Prenom { get; set; }

    public DateOnly? DateNaissance { get; set; }

    public string? Sexe { get; set; }

    public string? Lien { get; set; }

    public bool Handicap { get; set; }

    public bool IsEmpty => DemandForm.Trim(Nom) is null && DemandForm.Trim(Prenom) is null && DateNaissance is null && DemandForm.Trim(Sexe) is null && DemandForm.Trim(Lien) is null && !Handicap;

    public Dependant ToDependant() =>
        new(DemandForm.Trim(Nom), DemandForm.Trim(Prenom), DateNaissance, DemandForm.Trim(Sexe), DemandForm.Trim(Lien), Handicap);
}

/// <summary>A child in custody row (garde alternée or droit de visite).</summary>
public sealed class CustodyForm
{
    public DateOnly? DateNaissance { get; set; }

    public string? Sexe { get; set; }

    public string? Garde { get; set; }

    public bool IsEmpty => DateNaissance is null && DemandForm.Trim(Sexe) is null && DemandForm.Trim(Garde) is null;
}

/// <summary>A priority label row (L441-1).</summary>
public sealed class PriorityForm
{
    public string? Code { get; set; }

    public string? Organisme { get; set; }

    public DateOnly? Date { get; set; }

    public string? Justificatif { get; set; }

    public DateOnly? FinValidite { get; set; }

    public bool IsEmpty => DemandForm.Trim(Code) is null && DemandForm.Trim(Organisme) is null && Date is null && DemandForm.Trim(Justificatif) is null && FinValidite is null;
}
