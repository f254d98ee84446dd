using System.Text.Encodings.Web;
using System.Text.Unicode;
using Equilibre.Domain.Organisations;
using Equilibre.Features;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Equilibre.Web;
using Equilibre.Web.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);

// Razor would otherwise write "Saint-L&#xE9;onard": keep French text readable in the HTML.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddEquilibreFeatures(builder.Configuration);
builder.Services.AddIdentity<AppUser, IdentityRole<long>>(FrenchIdentityErrors.Apply)
    .AddEntityFrameworkStores<EquilibreDb>()
    .AddErrorDescriber<FrenchIdentityErrors>();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = "equilibre";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.LoginPath = "/connexion";
    o.LogoutPath = "/deconnexion";
    o.AccessDeniedPath = "/acces-refuse";
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;

    // Machines get status codes, not a login page.
    o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
});
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.Professionals, p => p.RequireRole(Roles.Professionals))
    .AddPolicy(Policies.ReformEditors, p => p.RequireRole(Roles.ServicesEtat, Roles.Administrateur))
    .AddPolicy(Policies.Administration, p => p.RequireRole(Roles.Administrateur))
    .AddPolicy(Policies.Targets, p => p.RequireRole(Roles.ChargeMissionEpci, Roles.Bailleur, Roles.MembreCaleol, Roles.Reservataire, Roles.ServicesEtat, Roles.Administrateur));
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/Territoire", Policies.Professionals);
    o.Conventions.AuthorizeFolder("/Organisations", Policies.Professionals);
    o.Conventions.AuthorizeFolder("/Reforme", Policies.Professionals);
    o.Conventions.AuthorizeFolder("/Demandes", Policies.Professionals);
    o.Conventions.AuthorizeFolder("/Cotation", Policies.Professionals);
    o.Conventions.AuthorizeFolder("/Parc", Policies.Professionals);
    o.Conventions.AuthorizeFolder("/Attributions", Policies.Professionals);
    o.Conventions.AuthorizeFolder("/Objectifs", Policies.Targets);
    o.Conventions.AllowAnonymousToPage("/Cotation/Grille");
    o.Conventions.AuthorizePage("/Reforme/Import", Policies.ReformEditors);
    o.Conventions.AuthorizePage("/Reforme/National", Policies.ReformEditors);
    o.Conventions.AuthorizeFolder("/Administration", Policies.Administration);
    o.Conventions.AllowAnonymousToPage("/Compte/Connexion");
    o.Conventions.AllowAnonymousToPage("/Compte/AccesRefuse");
    o.Conventions.AllowAnonymousToPage("/Erreur");
}).AddMvcOptions(FrenchValidationMessages.Apply);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CurrentUserAccessor>();
builder.Services.AddSingleton<InstanceInfo>();
builder.Services.AddSingleton<Equilibre.Web.Jobs.BackgroundJobs>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Equilibre.Web.Jobs.BackgroundJobs>());
builder.Services.AddHostedService<Equilibre.Web.Jobs.DailyDesignationExpiry>();
builder.Services.AddHostedService<Equilibre.Web.Jobs.OfferExpiryJob>();
builder.Services.AddSingleton<Equilibre.Features.Cotation.CotationFactsCache>();
builder.Services.AddHostedService<Equilibre.Web.Jobs.NightlyScoring>();
builder.Services.AddProblemDetails();
builder.Services.AddResponseCompression(o =>
{
    o.EnableForHttps = true;
    o.MimeTypes = [.. Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes, "application/geo+json"];
});
builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "Equilibre — API";
    document.Info.Description = "API REST d'Equilibre (réforme des attributions de logements sociaux) : données de référence publiques sous /api/v1/territoire, avancement de la réforme sous /api/v1/reforme, registre des demandes sous /api/v1/demandes (authentifié, professionnels).";
    return Task.CompletedTask;
}));

var app = builder.Build();

await app.InitialiseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/erreur");
    app.UseHsts();
}

app.UseResponseCompression();
app.UseStatusCodePagesWithReExecute("/erreur", "?code={0}");
app.UseSecurityHeaders();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapTerritoryApi();
app.MapReformApi();
app.MapDemandApi();
app.MapCotationApi();
app.MapParcApi();
app.MapAttributionsFluxApi();
app.MapAttributionsDesignationApi();
app.MapAttributionsCaleolApi();
app.MapObjectifsApi();
app.MapKeyFiguresApi();
app.MapJobsApi();
app.MapHealth();
app.PrintWelcomeOnStart();

await app.RunAsync();

static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
{
    if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    ctx.Response.Redirect(ctx.RedirectUri);
    return Task.CompletedTask;
}

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
