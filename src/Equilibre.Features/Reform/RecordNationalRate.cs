using Equilibre.Domain.Organisations;
using Equilibre.Domain.Reform;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Reform;

/// <summary>The DHUP (nationwide services de l'État) or an administrator enters a published national rate.</summary>
public sealed class RecordNationalRate(EquilibreDb db, TimeProvider clock)
{
    public sealed record Request(ReformInstrument Instrument, DateOnly AsOf, decimal Percent, string Source);

    public async Task<IReadOnlyList<string>> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var errors = new List<string>();
        if (!user.IsAdministrator && !(user.Roles.Contains(Roles.ServicesEtat) && user.Scope.IsNationwide))
        {
            errors.Add("seuls la DHUP (services de l'État au niveau national) et l'administrateur saisissent les taux nationaux");
            return errors;
        }

        if (request.Percent is < 0 or > 100)
        {
            errors.Add("taux : un pourcentage entre 0 et 100 est attendu");
        }

        if (string.IsNullOrWhiteSpace(request.Source))
        {
            errors.Add("source : indiquez la publication de la DHUP (titre, date)");
        }

        if (request.AsOf > FrenchTime.Today(clock))
        {
            errors.Add("date : la situation ne peut pas être dans le futur");
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        db.NationalReformRates.Add(new NationalReformRate
        {
            Instrument = request.Instrument,
            AsOf = request.AsOf,
            Percent = Math.Round(request.Percent, 1, MidpointRounding.AwayFromZero),
            Source = request.Source.Trim(),
            RecordedBy = user.DisplayName,
            RecordedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return errors;
    }
}

/// <summary>The national rates entered, latest situation first (public figures of the DHUP).</summary>
public sealed class ListNationalRates(EquilibreDb db)
{
    public async Task<IReadOnlyList<NationalReformRate>> HandleAsync(CancellationToken ct = default) =>
        [.. (await db.NationalReformRates.AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.AsOf).ThenBy(r => r.Instrument)];
}
