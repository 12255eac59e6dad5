using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Account;

public sealed class LoginModel(Fupin.Accounts.SignIn signIn) : PageModel
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await signIn.HandleAsync(new Fupin.Accounts.SignInRequest(UserName ?? "", Password ?? "", HttpContext.Connection.RemoteIpAddress?.ToString()), ct);
        Password = "";
        if (!result.IsOk)
        {
            Error = result.Failure.Errors.Count > 0 ? result.Failure.Errors[0].Message : Fupin.Accounts.SignIn.WrongCredentials;
            return Page();
        }
        await HttpContext.SignInAsync(Authentication.Cookie, Authentication.SessionPrincipal(result.Value), new AuthenticationProperties { IsPersistent = false });
        if (result.Value.MustChangePassword) return Redirect("/account/password");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
