using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

namespace Fupin.Web.Infrastructure;

public static class PagesSetup
{
    /// <summary>Razor Pages with Chinese model-binding messages; the forms are checked by the use cases, not by attributes.</summary>
    public static IServiceCollection AddFupinPages(this IServiceCollection services)
    {
        // Chinese stays readable in the HTML instead of becoming &#x...; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(o =>
        {
            var c = o.Conventions;
            c.AllowAnonymousToPage("/Account/Login");
            c.AuthorizeFolder("/Households", Policies.ReadRegistry);
            c.AuthorizeFolder("/Regions", Policies.ReadRegistry);
            c.AuthorizePage("/Households/Edit", Policies.EditRegistry);
            c.AuthorizePage("/Households/EditMember", Policies.EditRegistry);
            c.AuthorizeFolder("/Audit", Policies.ReadAuditLog);
            c.AuthorizeFolder("/Users", Policies.ManageUsers);
        }).AddMvcOptions(o =>
        {
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            var m = o.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((value, _) => $"“{value}”不是有效的值");
            m.SetMissingBindRequiredValueAccessor(_ => "请填写此项");
            m.SetMissingKeyOrValueAccessor(() => "请填写此项");
            m.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容为空");
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}”不是有效的值");
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "填写的值无效");
            m.SetNonPropertyValueMustBeANumberAccessor(() => "请填写数字");
            m.SetUnknownValueIsInvalidAccessor(_ => "填写的值无效");
            m.SetValueIsInvalidAccessor(value => $"“{value}”不是有效的值");
            m.SetValueMustBeANumberAccessor(_ => "请填写数字");
            m.SetValueMustNotBeNullAccessor(_ => "请填写此项");
        });
        return services;
    }

    /// <summary>Enums travel as names ("NotExited"), not as bare numbers.</summary>
    public static IServiceCollection AddFupinJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
}
