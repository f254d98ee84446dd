using Equilibre.Domain;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Privacy;
using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>
/// The occupancy of a résidence from the OPS survey (domain.md §10.2, §10.3): households, persons, composition,
/// resources as a share of the PLUS ceilings, APL recipients, ages, recent movers — computed on read from the stored
/// answers and the ceilings in the reference data, every figure masked by the 11-household rule
/// (<see cref="HouseholdDisclosure"/>, for every reader, the bailleur included). Computed rather than stored: a résidence
/// holds tens to hundreds of households, and a stored aggregate would go stale when the answers, the ceilings table or
/// the masking rule change. Null when the résidence does not exist or the user may not see it (the caller answers 404
/// alike): its owning bailleur (latest millésime), administrators, and the EPCI and State users of its territory.
/// </summary>
public sealed class GetResidenceOccupancy(EquilibreDb db, OccupancySettings settings)
{
    /// <param name="ResidenceId">The résidence.</param>
    /// <param name="SurveyYear">The survey to show; the latest imported for the résidence when null.</param>
    public sealed record Request(long ResidenceId, int? SurveyYear = null);

    /// <summary>
    /// The aggregates of one survey, self-explaining: <c>Summary</c> says in one sentence what is shown and why;
    /// <c>Surveys</c> lists every survey year imported for the résidence, latest first; <c>SurveyYear</c> is the one
    /// shown (null when none); <c>Profile</c> holds the masked figures and their explanation (null without survey);
    /// <c>MinimumHouseholds</c> is the threshold below which nothing is shown (11).
    /// </summary>
    public sealed record Result(
        long ResidenceId, string Address, string CommuneCode, string? CommuneName, IReadOnlyList<int> Surveys, int? SurveyYear,
        OccupancyProfileResult? Profile, int MinimumHouseholds, string Summary);

    public async Task<Result?> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var residence = await db.Residences.AsNoTracking().FirstOrDefaultAsync(r => r.Id == request.ResidenceId, ct);
        if (residence is null || !await MaySeeAsync(residence, user, ct))
        {
            return null;
        }

        var address = Address(residence);
        var surveys = await (from o in db.Occupancies
                             join d in db.Dwellings on o.DwellingId equals d.Id
                             where d.ResidenceId == residence.Id
                             select o.SurveyYear).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        var year = request.SurveyYear ?? (surveys.Count > 0 ? surveys[0] : null);
        if (year is not { } surveyYear || !surveys.Contains(surveyYear))
        {
            var none = year is null ? "aucune enquête OPS importée pour cette résidence" : French.Format($"aucune réponse à l'enquête OPS {year} pour cette résidence");
            return new Result(residence.Id, address, residence.CommuneCode, residence.CommuneName, surveys, null, null, HouseholdDisclosure.MinimumHouseholds, none);
        }

        var answers = await (from o in db.Occupancies.AsNoTracking()
                             join d in db.Dwellings on o.DwellingId equals d.Id
                             where d.ResidenceId == residence.Id && o.SurveyYear == surveyYear
                             select o).ToListAsync(ct);
        var region = residence.RegionCode ?? await db.Communes.Where(c => c.Code == residence.CommuneCode).Select(c => c.RegionCode).FirstOrDefaultAsync(ct) ?? "";
        var zone = CeilingZones.Of(residence.CommuneCode, region);
        var ceilings = (await db.ResourceCeilings.AsNoTracking().Where(c => c.Financing == Financing.Plus).ToListAsync(ct)).Select(c => c.ToDomain()).ToList();
        var profile = OccupancyProfile.Compute([.. answers.Select(a => a.ToSurveyed())], new DateOnly(surveyYear, 1, 1), zone.Zone, ceilings, settings.RecentMoverYears);
        var summary = profile.All.Masked
            ? French.Format($"enquête OPS {surveyYear} : {HouseholdDisclosure.MaskedLabel} ont répondu dans cette résidence, aucun chiffre n'est affiché (secret statistique)")
            : French.Format($"enquête OPS {surveyYear} : {answers.Count} ménages ont répondu dans cette résidence")
                + (profile.RecentMovers.Masked ? " ; chiffres des emménagés récents masqués (moins de 11 ménages, ou déductibles par différence)" : "");
        return new Result(residence.Id, address, residence.CommuneCode, residence.CommuneName, surveys, surveyYear, profile, HouseholdDisclosure.MinimumHouseholds, summary);
    }

    private async Task<bool> MaySeeAsync(Residence residence, CurrentUser user, CancellationToken ct)
    {
        if (user.SeesEverything)
        {
            return true;
        }

        if (OccupancyAccess.ReadsTerritoryAggregates(user))
        {
            // The open-data files may leave the résidence's région or EPCI empty: the COG of its commune fills them.
            var commune = await db.Communes.AsNoTracking().Where(c => c.Code == residence.CommuneCode)
                .Select(c => new { c.RegionCode, c.DepartementCode, c.EpciSiren }).FirstOrDefaultAsync(ct);
            if (user.Scope.Contains(residence.RegionCode ?? commune?.RegionCode, residence.DepartementCode ?? commune?.DepartementCode,
                    residence.EpciSiren ?? commune?.EpciSiren, residence.CommuneCode))
            {
                return true;
            }
        }

        var owners = await OccupancyAccess.OwnerOrganisationsAsync(db, residence.Id, ct);
        return owners.Any(o => OccupancyAccess.ReadsRowsOf(user, o));
    }

    /// <summary>The résidence's address in one line: number, street, building, commune.</summary>
    public static string Address(Residence residence)
    {
        ArgumentNullException.ThrowIfNull(residence);
        var street = string.Join(' ', new[] { residence.StreetNumber, residence.RepetitionIndex, residence.StreetType, residence.StreetName }
            .Where(x => !string.IsNullOrWhiteSpace(x)));
        var parts = new[] { street, residence.BuildingName, residence.CommuneName ?? residence.CommuneCode }.Where(x => !string.IsNullOrWhiteSpace(x));
        return string.Join(", ", parts);
    }
}
