using Fupin.Accounts;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Account;

public sealed class PasswordModel(ChangePassword change, CurrentUser me) : PageModel
{
    [BindProperty] public string CurrentPassword { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public bool Forced => me.MustChangePassword;
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public bool Saved { get; private set; }

    public void OnGet(int? saved) => Saved = saved == 1;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (me.Id is not { } id) return Challenge();
        if (!string.Equals(NewPassword, ConfirmPassword, StringComparison.Ordinal))
        {
            Errors[nameof(ConfirmPassword)] = "两次输入的新密码不一致";
            return Page();
        }
        var result = await change.HandleAsync(new ChangePasswordRequest(id, CurrentPassword ?? "", NewPassword ?? ""), ct);
        if (!result.IsOk)
        {
            foreach (var e in result.Failure.Errors) Errors[e.Field] = e.Message;
            return Page();
        }
        // The stamp changed: this session gets a new cookie, every other one ends.
        Authentication.ForgetSessions(HttpContext.RequestServices, id);
        await HttpContext.SignInAsync(Authentication.Cookie, Authentication.SessionPrincipal(result.Value), new AuthenticationProperties { IsPersistent = false });
        return Redirect("/account/password?saved=1");
    }
}
