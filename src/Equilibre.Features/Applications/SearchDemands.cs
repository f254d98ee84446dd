using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Applications;

/// <summary>
/// The searchable, paged list of the demands of the user's territory: by number or name, wished commune or EPCI,
/// typology, status, Q1, priority, mutation, DALO; sorted by seniority (default), name, number, expiry or cotation score.
/// </summary>
public sealed class SearchDemands(EquilibreDb db, TimeProvider clock)
{
    public enum Sort
    {
        Seniority,
        Name,
        Numero,
        Expiry,

        /// <summary>Cotation score, highest first; demands without a score last.</summary>
        Score,
    }

    public sealed record Request(
        string? Text = null, string? CommuneCode = null, string? EpciSiren = null, string? Typology = null, DemandStatus? Status = DemandStatus.Active,
        bool? Q1 = null, bool? Priority = null, bool? Mutation = null, bool? Dalo = null, Sort SortBy = Sort.Seniority, int Page = 1, int PageSize = 50);

    public sealed record Item(
        string Numero, string ApplicantName, string? FirstCommuneCode, string? FirstCommuneName, string Typologies, DemandStatus Status, string StatusLabel,
        bool? IsQ1, bool HasPriority, DaloStatus Dalo, bool IsMutation, int SeniorityDays, DateOnly RegisteredOn, DateOnly ExpiresOn, int Persons, bool IsDemo, double? Score);

    /// <summary>
    /// A page and the number of matching demands, counted up to <see cref="CountLimit"/>: beyond it <c>Total</c> is the
    /// limit and <c>TotalIsMinimum</c> says so ("plus de 10 000 : affinez la recherche"), as a large territory's list at
    /// national scale would otherwise count hundreds of thousands of demands at every page (docs/performance.md).
    /// </summary>
    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Page, int PageSize, bool TotalIsMinimum = false)
    {
        public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    /// <summary>How many matching demands the list counts at most.</summary>
    public const int CountLimit = 10_000;

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pageSize = Math.Clamp(request.PageSize, 1, 500);
        var page = Math.Max(1, request.Page);
        // Filters first, then the user's scope: the page tests it demand by demand in its order (it stops at the first
        // rows), the count reads it as a set of ids (DemandAccess.VisibleAsSet).
        var query = db.Demands.AsNoTracking();
        if (request.Text is { Length: > 0 } text)
        {
            var upper = text.Trim().ToUpperInvariant();
            var folded = SearchText.Fold(text);
            query = NumeroUnique.IsValid(upper) ? query.Where(d => d.Numero == upper) : query.Where(d => d.SearchName.Contains(folded) || d.Numero.StartsWith(upper));
        }

        if (request.CommuneCode is { Length: > 0 } commune)
        {
            query = query.Where(d => d.Wishes.Any(w => w.CommuneCode == commune));
        }

        if (request.EpciSiren is { Length: > 0 } epci)
        {
            query = query.Where(d => d.Wishes.Any(w => w.EpciSiren == epci));
        }

        if (request.Typology is { Length: > 0 } typology)
        {
            var t = typology.Trim().ToUpperInvariant();
            query = query.Where(d => ("," + d.Typologies + ",").Contains("," + t + ","));
        }

        if (request.Status is { } status)
        {
            query = query.Where(d => d.Status == status);
        }

        if (request.Q1 is { } q1)
        {
            query = query.Where(d => d.IsQ1 == q1);
        }

        if (request.Priority is { } priority)
        {
            query = query.Where(d => d.HasPriority == priority);
        }

        if (request.Mutation is { } mutation)
        {
            query = query.Where(d => d.IsMutation == mutation);
        }

        if (request.Dalo is { } dalo)
        {
            query = dalo ? query.Where(d => d.Dalo == DaloStatus.Active) : query.Where(d => d.Dalo != DaloStatus.Active);
        }

        var counted = await query.VisibleAsSet(db, user).Take(CountLimit + 1).CountAsync(ct);
        var (total, minimum) = counted > CountLimit ? (CountLimit, true) : (counted, false);
        query = query.Visible(user);
        query = request.SortBy switch
        {
            Sort.Name => query.OrderBy(d => d.ApplicantName).ThenBy(d => d.Numero),
            Sort.Numero => query.OrderBy(d => d.Numero),
            Sort.Expiry => query.OrderBy(d => d.ExpiresOn).ThenBy(d => d.Numero),
            Sort.Score => query.OrderByDescending(d => db.DemandScores.Where(s => s.DemandId == d.Id).Select(s => (double?)s.Score).FirstOrDefault() ?? double.MinValue)
                .ThenBy(d => d.RegisteredOn).ThenBy(d => d.Numero),
            _ => query.OrderBy(d => d.RegisteredOn).ThenBy(d => d.Numero),
        };
        var today = FrenchTime.Today(clock);
        var rows = await query.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(d => new
            {
                d.Numero,
                d.ApplicantName,
                d.FirstCommuneCode,
                CommuneName = db.Communes.Where(c => c.Code == d.FirstCommuneCode).Select(c => c.Name).FirstOrDefault(),
                d.Typologies,
                d.Status,
                d.IsQ1,
                d.HasPriority,
                d.Dalo,
                d.IsMutation,
                d.RegisteredOn,
                d.ExpiresOn,
                d.Persons,
                d.IsDemo,
                d.RenewalNoticeSentOn,
                d.Radiation,
                d.RadiatedOn,
                Score = db.DemandScores.Where(s => s.DemandId == d.Id).Select(s => (double?)s.Score).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var items = rows.Select(r =>
        {
            var state = new DemandState(r.Status, r.RegisteredOn, r.ExpiresOn, r.RenewalNoticeSentOn, null, r.Radiation, r.RadiatedOn);
            return new Item(r.Numero, r.ApplicantName, r.FirstCommuneCode, r.CommuneName, r.Typologies, r.Status, DemandLifecycle.StatusLabel(state, today),
                r.IsQ1, r.HasPriority, r.Dalo, r.IsMutation, DemandLifecycle.Seniority(r.RegisteredOn, today), r.RegisteredOn, r.ExpiresOn, r.Persons, r.IsDemo, r.Score);
        }).ToList();
        return new Result(items, total, page, pageSize, minimum);
    }
}
