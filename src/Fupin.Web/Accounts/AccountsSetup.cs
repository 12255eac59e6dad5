using Fupin.Accounts;

namespace Fupin.Web.Accounts;

public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services
        .AddScoped<SignIn>()
        .AddScoped<ChangePassword>()
        .AddScoped<RevealPersonalData>()
        .AddScoped<SearchAuditLog>();
}
