using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Organisations;

/// <summary>
/// An administrator creates an organisation with its territory. The territory codes must exist in the loaded COG
/// and agree with each other (the EPCI's commune, département and région); the narrowest level given wins and the
/// wider ones are derived from it.
/// </summary>
public sealed class CreateOrganisation(EquilibreDb db)
{
    public sealed record Request(string Name, OrganisationKind Kind, string? Siren, string? RegionCode, string? DepartementCode, string? EpciSiren, string? CommuneCode);

    public sealed record Result(long? Id, IReadOnlyList<(string Field, string Message)> Errors);

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsAdministrator)
        {
            return new Result(null, [("", "seul un administrateur crée des organisations")]);
        }

        var errors = new List<(string, string)>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length is < 2 or > 200)
        {
            errors.Add(("Name", "le nom compte de 2 à 200 caractères"));
        }
        else if (await db.Organisations.AnyAsync(o => o.Name == name, ct))
        {
            errors.Add(("Name", $"une organisation « {name} » existe déjà"));
        }

        if (!string.IsNullOrWhiteSpace(request.Siren) && !(request.Siren.Trim().Length == 9 && request.Siren.Trim().All(char.IsAsciiDigit)))
        {
            errors.Add(("Siren", "le SIREN compte 9 chiffres"));
        }

        string? region = Empty(request.RegionCode), departement = Empty(request.DepartementCode), epci = Empty(request.EpciSiren), commune = Empty(request.CommuneCode);
        if (commune is not null)
        {
            var c = await db.Communes.AsNoTracking().FirstOrDefaultAsync(x => x.Code == commune && x.ValidTo == null, ct);
            if (c is null)
            {
                errors.Add(("CommuneCode", $"aucune commune actuelle de code INSEE « {commune} »"));
            }
            else
            {
                Check(errors, "EpciSiren", epci, c.EpciSiren, $"la commune {c.Name} appartient à l'EPCI {c.EpciSiren}");
                Check(errors, "DepartementCode", departement, c.DepartementCode, $"la commune {c.Name} est dans le département {c.DepartementCode}");
                Check(errors, "RegionCode", region, c.RegionCode, $"la commune {c.Name} est dans la région {c.RegionCode}");
                (epci, departement, region) = (c.EpciSiren, c.DepartementCode, c.RegionCode);
            }
        }
        else if (epci is not null)
        {
            var e = await db.Epcis.AsNoTracking().FirstOrDefaultAsync(x => x.Siren == epci && x.ValidTo == null, ct);
            if (e is null)
            {
                errors.Add(("EpciSiren", $"aucun EPCI de SIREN « {epci} »"));
            }
            else
            {
                Check(errors, "DepartementCode", departement, e.MainDepartementCode, $"l'EPCI {e.Name} a pour département principal {e.MainDepartementCode}");
                Check(errors, "RegionCode", region, e.RegionCode, $"l'EPCI {e.Name} est dans la région {e.RegionCode}");
                (departement, region) = (e.MainDepartementCode, e.RegionCode);
            }
        }
        else if (departement is not null)
        {
            var d = await db.Departements.AsNoTracking().FirstOrDefaultAsync(x => x.Code == departement, ct);
            if (d is null)
            {
                errors.Add(("DepartementCode", $"aucun département de code « {departement} »"));
            }
            else
            {
                Check(errors, "RegionCode", region, d.RegionCode, $"le département {d.Name} est dans la région {d.RegionCode}");
                region = d.RegionCode;
            }
        }
        else if (region is not null && !await db.Regions.AnyAsync(r => r.Code == region, ct))
        {
            errors.Add(("RegionCode", $"aucune région de code « {region} »"));
        }

        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }

        var organisation = new Organisation
        {
            Name = name,
            Kind = request.Kind,
            Siren = Empty(request.Siren),
            RegionCode = region,
            DepartementCode = departement,
            EpciSiren = epci,
            CommuneCode = commune,
        };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return new Result(organisation.Id, []);
    }

    private static void Check(List<(string, string)> errors, string field, string? given, string? actual, string message)
    {
        if (given is not null && given != actual)
        {
            errors.Add((field, message + $" et non « {given} »"));
        }
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
