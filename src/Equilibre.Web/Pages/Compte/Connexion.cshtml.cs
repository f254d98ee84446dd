using System.ComponentModel.DataAnnotations;
using Equilibre.Features.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Equilibre.Web.Pages.Compte;

public sealed class ConnexionModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    [Display(Name = "Adresse électronique")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Display(Name = "Mot de passe")]
    public string Password { get; set; } = "";

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrWhiteSpace(Password))
        {
            Error = "Saisissez votre adresse électronique et votre mot de passe.";
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Error = result.IsLockedOut
            ? "Ce compte est bloqué pendant 15 minutes après plusieurs essais infructueux."
            : "Adresse électronique ou mot de passe incorrect.";
        return Page();
    }
}
