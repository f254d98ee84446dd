using System.CommandLine;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Equilibre.Cli;

/// <summary><c>equilibre utilisateur creer</c>: the way to create the first administrator of a new instance.</summary>
internal static class UserCommands
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "Adresse électronique (identifiant de connexion).", Required = true };
        var name = new Option<string>("--nom") { Description = "Nom affiché.", Required = true };
        var role = new Option<string[]>("--role")
        {
            Description = $"Rôle(s), répétable : {string.Join(", ", Roles.All)}.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var organisation = new Option<string?>("--organisation") { Description = "Nom exact de l'organisation (obligatoire sauf pour un demandeur)." };
        var password = new Option<string?>("--mot-de-passe")
        {
            Description = "Mot de passe initial ; à défaut, la variable EQUILIBRE_MOT_DE_PASSE, ou une saisie masquée.",
        };
        var create = new Command("creer", "Crée un compte (par exemple le premier administrateur d'une instance sans démonstration).")
        {
            email,
            name,
            role,
            organisation,
            password,
        };
        create.SetAction(async (parse, ct) =>
        {
            var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("EQUILIBRE_MOT_DE_PASSE");
            if (secret is null)
            {
                if (Console.IsInputRedirected)
                {
                    await Console.Error.WriteLineAsync("Mot de passe absent : --mot-de-passe ou EQUILIBRE_MOT_DE_PASSE.");
                    return 2;
                }

                secret = await AnsiConsole.PromptAsync(new TextPrompt<string>("Mot de passe initial :").Secret(), ct);
            }

            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
            await db.MigrateAsync(ct);
            long? organisationId = null;
            if (parse.GetValue(organisation) is { } orgName)
            {
                organisationId = await db.Organisations.Where(o => o.Name == orgName).Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
                if (organisationId is null)
                {
                    await Console.Error.WriteLineAsync($"--organisation : aucune organisation nommée « {orgName} ».");
                    return 1;
                }
            }

            // The operator of the instance acts as administrator (they hold the database).
            var result = await scope.ServiceProvider.GetRequiredService<CreateUser>().HandleAsync(
                new CreateUser.Request(parse.GetValue(email)!, parse.GetValue(name)!, organisationId, parse.GetValue(role)!, secret), null, ct);
            if (result.Errors.Count > 0)
            {
                foreach (var (field, message) in result.Errors)
                {
                    AnsiConsole.MarkupLine($"[red]{Markup.Escape(field)}[/] : {Markup.Escape(message)}");
                }

                return 1;
            }

            AnsiConsole.MarkupLine(Markup.Escape($"Compte {parse.GetValue(email)} créé (n° {result.Id})."));
            return 0;
        });
        var user = new Command("utilisateur", "Comptes des utilisateurs.");
        user.Subcommands.Add(create);
        return user;
    }
}
