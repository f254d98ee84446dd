using System.CommandLine;
using Equilibre.Cli;

var root = new RootCommand("Equilibre — outil en ligne de commande (base de données, données de référence, démonstration).");
root.Subcommands.Add(DbCommands.Create());
root.Subcommands.Add(ReferenceCommands.Create());
root.Subcommands.Add(DemoCommands.Create());
root.Subcommands.Add(ReformCommands.Create());
root.Subcommands.Add(UserCommands.Create());
root.Subcommands.Add(ImportCommands.Create());
root.Subcommands.Add(DemandCommands.Create());
root.Subcommands.Add(CotationCommands.Create());
root.Subcommands.Add(ImportCommands.CreateExport());
root.Subcommands.Add(ParcCommands.Create());
root.Subcommands.Add(TargetsCommands.Create());
return await root.Parse(args).InvokeAsync();
