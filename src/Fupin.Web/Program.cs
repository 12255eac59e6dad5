using Fupin.Common;
using Fupin.Data;
using Fupin.Web.Accounts;
using Fupin.Web.Health;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Fupin.Web.Pages.Households;
using Fupin.Web.Pages.Imports;
using Fupin.Web.Pages.Regions;
using Fupin.Web.Pages.Verification;
using Fupin.Web.Pages.Exits;
using Fupin.Web.Pages.Monitoring;
using Fupin.Web.Pages.Assessment;
using Fupin.Web.Pages.Projects;
using Fupin.Web.Pages.Funds;
using Fupin.Web.Pages.Relocation;
using Fupin.Web.Pages.Workshops;
using Fupin.Web.Pages.Industry;
using Fupin.Web.Pages.Employment;

var builder = WebApplication.CreateBuilder(args);

// Configuration: Database:Provider, ConnectionStrings:Fupin, Fupin:BusinessDate, Fupin:Demo, Fupin:SignInPerMinute.
builder.Configuration.AnchorSqliteFile(builder.Environment.ContentRootPath);
builder.Services.AddFupinDatabase(builder.Configuration);
builder.Services.AddSingleton<TimeProvider>(BusinessClock.From(builder.Configuration));
builder.Services.AddFupinAuth();
builder.Services.AddFupinHardening(builder.Configuration);
builder.Services.AddFupinErrors();
builder.Services.AddFupinJson();
builder.Services.AddFupinPages();
builder.Services.AddOpenApi();
builder.Services.AddAccounts();
builder.Services.AddRegions();
builder.Services.AddHouseholds();
builder.Services.AddImports();
builder.Services.AddVerification();
builder.Services.AddExits();
builder.Services.AddMonitoring();
builder.Services.AddAssessment();
builder.Services.AddProjects();
builder.Services.AddFunds();
builder.Services.AddRelocation();
builder.Services.AddWorkshops();
builder.Services.AddIndustry();
builder.Services.AddIndustryPlans();
builder.Services.AddEmployment();

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseFupinErrors();
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseForcedPasswordChange();
app.MapOpenApi().AllowAnonymous();
app.MapHealth();
app.MapRegionsApi();
app.MapHouseholdsApi();
app.MapImportsApi();
app.MapChecksApi();
app.MapVerificationApi();
app.MapExitsApi();
app.MapMonitoringApi();
app.MapAssessmentApi();
app.MapProjectsApi();
app.MapFundsApi();
app.MapRelocationApi();
app.MapWorkshopsApi();
app.MapIndustryApi();
app.MapIndustryPlansApi();
app.MapEmploymentApi();
app.MapRazorPages();

await app.RunAsync();

public partial class Program;
