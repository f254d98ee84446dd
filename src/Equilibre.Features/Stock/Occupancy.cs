using Equilibre.Domain.Stock;

namespace Equilibre.Features.Stock;

/// <summary>
/// The answer of the household occupying a dwelling to one OPS survey (enquête sur l'occupation du parc social,
/// L442-5 and R442-13 CCH; domain.md §10.2, §16.6), as its bailleur imports it (<see cref="ImportOccupancy"/>).
/// Keyed by dwelling and survey year. Personal data: only the owning bailleur and administrators read it row by row;
/// everyone else sees the masked résidence aggregates of <see cref="GetResidenceOccupancy"/>.
/// </summary>
public sealed class Occupancy
{
    public long Id { get; set; }
    public long DwellingId { get; set; }

    /// <summary>Year of the survey (millésime); its reference date is 1 January of that year.</summary>
    public int SurveyYear { get; set; }

    /// <summary>Persons living in the home (L442-12): <see cref="Adults"/> + <see cref="Children"/>.</summary>
    public int Persons { get; set; }

    public int Adults { get; set; }
    public int Children { get; set; }
    public HouseholdType Type { get; set; }

    /// <summary>Persons à charge (for the ceiling category; the children when the file does not say).</summary>
    public int Dependants { get; set; }

    /// <summary>Couple whose ages add up to 55 or less (jeune ménage, category 3).</summary>
    public bool IsYoungCouple { get; set; }

    /// <summary>A person holding a disability card (raises the ceiling category).</summary>
    public bool HasDisabledPerson { get; set; }

    /// <summary>Sum of the revenus fiscaux de référence of the persons living in the home, €; null when not given.</summary>
    public decimal? ReferenceIncome { get; set; }

    /// <summary>Receives APL or AL, directly or through the bailleur.</summary>
    public bool ReceivesApl { get; set; }

    public DateOnly MovedInOn { get; set; }

    /// <summary>Date of signature of the lease: the triennial occupancy review counts from it (L442-5-2).</summary>
    public DateOnly LeaseSignedOn { get; set; }

    /// <summary>A person of the household has a recognised handicap or loss of autonomy requiring an adapted dwelling.</summary>
    public bool NeedsAdaptedDwelling { get; set; }

    public int? Persons60Plus { get; set; }
    public int? Persons75Plus { get; set; }

    /// <summary>The household as the résidence profile sees it.</summary>
    public SurveyedHousehold ToSurveyed() =>
        new(Persons, Type, Dependants, IsYoungCouple, HasDisabledPerson, ReferenceIncome, ReceivesApl, MovedInOn, Persons60Plus, Persons75Plus);

    /// <summary>Same answers (the key aside): a re-import leaves the row unchanged.</summary>
    public bool SameAnswers(Occupancy other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return (Persons, Adults, Children, Type, Dependants, IsYoungCouple, HasDisabledPerson, ReferenceIncome, ReceivesApl, MovedInOn, LeaseSignedOn, NeedsAdaptedDwelling, Persons60Plus, Persons75Plus)
            == (other.Persons, other.Adults, other.Children, other.Type, other.Dependants, other.IsYoungCouple, other.HasDisabledPerson, other.ReferenceIncome, other.ReceivesApl,
                other.MovedInOn, other.LeaseSignedOn, other.NeedsAdaptedDwelling, other.Persons60Plus, other.Persons75Plus);
    }

    /// <summary>Copies the answers of <paramref name="other"/>.</summary>
    public void CopyAnswers(Occupancy other)
    {
        ArgumentNullException.ThrowIfNull(other);
        (Persons, Adults, Children, Type, Dependants, IsYoungCouple, HasDisabledPerson, ReferenceIncome, ReceivesApl, MovedInOn, LeaseSignedOn, NeedsAdaptedDwelling, Persons60Plus, Persons75Plus)
            = (other.Persons, other.Adults, other.Children, other.Type, other.Dependants, other.IsYoungCouple, other.HasDisabledPerson, other.ReferenceIncome, other.ReceivesApl,
                other.MovedInOn, other.LeaseSignedOn, other.NeedsAdaptedDwelling, other.Persons60Plus, other.Persons75Plus);
    }
}
