using Equilibre.Domain.Applications;
using Equilibre.Domain;
using Equilibre.Domain.Cotation;

namespace Equilibre.Features.Applications;

/// <summary>
/// Writes a demand's content and the facts computed from it into its row and wished communes: the one place the
/// projected columns are filled, for the guichet forms, the imports and the demo alike.
/// </summary>
public static class DemandStore
{
    public static void Apply(Demand demand, DemandFile file, HouseholdFactsResult facts, DemandReference reference, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(reference);
        demand.Content = DemandJson.Write(file);
        demand.ApplicantName = $"{file.Applicant.LastName.Trim().ToUpperInvariant()} {file.Applicant.FirstName.Trim()}";
        demand.SearchName = SearchText.Fold(file.Applicant.LastName + " " + file.Applicant.FirstName + " " + string.Join(" ", file.CoApplicants.Select(c => c.LastName)));
        var first = reference.Commune(file.Wishes.Communes.Count > 0 ? file.Wishes.Communes[0] : null);
        demand.FirstCommuneCode = first?.Code;
        demand.EpciSiren = first?.EpciSiren;
        demand.DepartementCode = first?.DepartementCode;
        demand.RegionCode = first?.RegionCode;
        demand.Typologies = string.Join(",", file.Wishes.Typologies);
        demand.Persons = facts.Persons;
        demand.CategoryRank = facts.Category.Rank;
        demand.ConsumptionUnits = facts.ConsumptionUnits.Units;
        demand.MonthlyResources = facts.MonthlyResources;
        demand.AnnualResourcesPerUc = facts.FirstQuartile.AnnualResourcesPerUc;
        demand.ReferenceIncome = facts.ReferenceIncome;
        demand.IsQ1 = facts.FirstQuartile.IsFirstQuartile;
        demand.Q1Year = facts.ThresholdUsed?.Year;
        demand.Q1Threshold = facts.ThresholdUsed?.AmountPerUcPerYear;
        demand.IsMutation = facts.IsMutation;
        demand.Dalo = file.Dalo;
        var priorities = file.Priorities.Where(p => p.ValidOn(asOf)).Select(p => p.Code).Distinct().ToList();
        demand.PriorityCodes = string.Join(",", priorities);
        demand.HasPriority = priorities.Count > 0;
        demand.FactsComputedOn = asOf;
        demand.MainTypology = file.Wishes.Typologies.Count > 0 ? file.Wishes.Typologies[0] : null;
        var cotation = CotationFacts.From(file, facts, demand.RegisteredOn, asOf);
        demand.Reasons = string.Join(",", cotation.Reasons.Order(StringComparer.Ordinal));
        demand.HousingModels = string.Join(",", cotation.HousingModels.Order(StringComparer.Ordinal));
        demand.SingleParent = cotation.SingleParent;
        demand.Handicap = cotation.HasDisabledPerson || cotation.HasHandicapComplement;
        demand.CurrentRooms = cotation.CurrentRooms;
        demand.CurrentRent = cotation.CurrentRent;
        demand.CurrentCommuneCode = cotation.CurrentCommune;
        demand.WorkCommunes = string.Join(",", cotation.WorkCommunes.Order(StringComparer.Ordinal));

        // Wished communes: a commune already wished keeps its seniority; a new one takes the demand's (a modification
        // keeps the seniority, domain.md §2.4).
        var since = demand.Wishes.ToDictionary(w => w.CommuneCode, w => w.Since);

        // The new wishes keep the stored score the old ones carried (ADR 0011): the cotation batch rewrites the wishes of
        // the demands whose score moves, not of those whose wishes were replaced.
        var score = demand.Wishes.Select(w => w.Score).FirstOrDefault();
        demand.Wishes.Clear();
        for (var i = 0; i < file.Wishes.Communes.Count; i++)
        {
            var place = reference.Commune(file.Wishes.Communes[i]) ?? throw new InvalidOperationException($"commune {file.Wishes.Communes[i]} inconnue");
            demand.Wishes.Add(new DemandWish
            {
                Rank = i + 1,
                CommuneCode = place.Code,
                EpciSiren = place.EpciSiren,
                DepartementCode = place.DepartementCode,
                RegionCode = place.RegionCode,
                Since = since.TryGetValue(place.Code, out var s) ? s : demand.RegisteredOn,
                Score = score,
            });
        }
    }

    /// <summary>Copies a lifecycle state into the row.</summary>
    public static void Apply(Demand demand, DemandState state)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(state);
        demand.Status = state.Status;
        demand.RegisteredOn = state.RegisteredOn;
        demand.ExpiresOn = state.ExpiresOn;
        demand.RenewalNoticeSentOn = state.RenewalNoticeSentOn;
        demand.PendingNoticeReason = state.PendingNotice?.Reason;
        demand.PendingNoticeSentOn = state.PendingNotice?.SentOn;
        demand.PendingNoticeSubCode = state.PendingNotice?.SubCode;
        demand.Radiation = state.Radiation;
        demand.RadiatedOn = state.RadiatedOn;
    }
}
