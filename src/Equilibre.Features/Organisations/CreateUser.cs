using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Organisations;

/// <summary>
/// An administrator creates a user account: e-mail, name, organisation, roles and an initial password. Every
/// professional needs an organisation (its territory scopes what the user sees); an applicant has none, and an
/// administrator may have none (the first one of a new instance). Also used
/// by <c>equilibre utilisateur creer</c> to create the first administrator of a new instance.
/// </summary>
public sealed class CreateUser(EquilibreDb db, UserManager<AppUser> users, RoleManager<IdentityRole<long>> roles)
{
    public sealed record Request(string Email, string DisplayName, long? OrganisationId, IReadOnlyCollection<string> Roles, string Password);

    public sealed record Result(long? Id, IReadOnlyList<(string Field, string Message)> Errors);

    public async Task<Result> HandleAsync(Request request, CurrentUser? user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (user is not null && !user.IsAdministrator)
        {
            return new Result(null, [("", "seul un administrateur crée des comptes")]);
        }

        var errors = new List<(string, string)>();
        var email = request.Email?.Trim() ?? "";
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add(("Email", $"« {email} » n'est pas une adresse électronique valide"));
        }

        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add(("Email", $"un compte « {email} » existe déjà"));
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName))
        {
            errors.Add(("DisplayName", "le nom affiché est obligatoire"));
        }

        var unknown = request.Roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (request.Roles.Count == 0 || unknown.Count > 0)
        {
            errors.Add(("Roles", request.Roles.Count == 0 ? "choisissez au moins un rôle" : $"rôle(s) inconnu(s) : {string.Join(", ", unknown)}"));
        }

        var applicantOnly = request.Roles.All(r => r == Roles.Demandeur);
        if (request.OrganisationId is null && !applicantOnly && !request.Roles.Contains(Roles.Administrateur))
        {
            errors.Add(("OrganisationId", "un compte professionnel est rattaché à une organisation (son territoire délimite ce qu'il voit)"));
        }
        else if (request.OrganisationId is { } id && !await db.Organisations.AnyAsync(o => o.Id == id, ct))
        {
            errors.Add(("OrganisationId", $"organisation {id} introuvable"));
        }

        if (request.Roles.Contains(Roles.Demandeur) && !applicantOnly)
        {
            errors.Add(("Roles", "un demandeur n'a pas d'autre rôle"));
        }

        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }

        foreach (var role in request.Roles.Where(r => !roles.Roles.Any(x => x.Name == r)))
        {
            await roles.CreateAsync(new IdentityRole<long>(role));
        }

        var account = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = request.DisplayName.Trim(),
            OrganisationId = applicantOnly ? null : request.OrganisationId,
        };
        var created = await users.CreateAsync(account, request.Password);
        if (!created.Succeeded)
        {
            return new Result(null, [.. created.Errors.Select(e => (e.Code.Contains("Password", StringComparison.Ordinal) ? "Password" : "Email", e.Description))]);
        }

        var added = await users.AddToRolesAsync(account, request.Roles);
        return added.Succeeded ? new Result(account.Id, []) : new Result(null, [.. added.Errors.Select(e => ("Roles", e.Description))]);
    }
}
