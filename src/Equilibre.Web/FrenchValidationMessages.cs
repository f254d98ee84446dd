using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Equilibre.Web;

/// <summary>
/// French messages for the validation and model binding that ASP.NET Core writes in English by default: the required
/// attribute it adds on its own to every non-nullable property (rendered as <c>data-val-required</c> in forms) and the
/// binding errors ("The value 'x' is not valid for …"). Messages name the field, as every message of the site does.
/// </summary>
public sealed class FrenchValidationMessages : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Key.ModelType;
        if (context.Key.MetadataKind == ModelMetadataKind.Property && type.IsValueType && Nullable.GetUnderlyingType(type) is null
            && !context.ValidationMetadata.ValidatorMetadata.OfType<RequiredAttribute>().Any())
        {
            // A non-nullable value (a checkbox's bool) is required on the client side with an English text otherwise.
            context.ValidationMetadata.ValidatorMetadata.Add(new RequiredAttribute());
        }

        foreach (var required in context.ValidationMetadata.ValidatorMetadata.OfType<RequiredAttribute>())
        {
            if (required.ErrorMessage is null && required.ErrorMessageResourceName is null)
            {
                required.ErrorMessage = "Le champ « {0} » est obligatoire.";
            }
        }
    }

    /// <summary>Adds the provider and the French binding messages to the MVC options.</summary>
    public static void Apply(MvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ModelMetadataDetailsProviders.Add(new FrenchValidationMessages());
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"La valeur « {value} » n'est pas valide pour le champ « {field} ».");
        messages.SetMissingBindRequiredValueAccessor(field => $"Le champ « {field} » est obligatoire.");
        messages.SetMissingKeyOrValueAccessor(() => "Une valeur est obligatoire.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Le corps de la requête est obligatoire.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur saisie n'est pas valide.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "La valeur doit être un nombre.");
        messages.SetUnknownValueIsInvalidAccessor(field => $"La valeur saisie n'est pas valide pour le champ « {field} ».");
        messages.SetValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        messages.SetValueMustBeANumberAccessor(field => $"Le champ « {field} » doit être un nombre.");
        messages.SetValueMustNotBeNullAccessor(value => $"La valeur « {value} » n'est pas valide : une valeur est obligatoire.");
    }
}
