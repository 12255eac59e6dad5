using Fupin.Common;
using Fupin.Data;
using Fupin.Web.Health;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Households;
using Fupin.Web.Pages.Regions;

var builder = WebApplication.CreateBuilder(args);

// Configuration: Database:Provider, ConnectionStrings:Fupin, Fupin:BusinessDate, Fupin:Demo.
builder.Configuration.AnchorSqliteFile(builder.Environment.ContentRootPath);
builder.Services.AddFupinDatabase(builder.Configuration);
// TODO(accounts): the signed-in user's scope replaces this; until then every request sees everything.
builder.Services.AddScoped(_ => Fupin.Accounts.AccessScope.System);
builder.Services.AddSingleton<TimeProvider>(BusinessClock.From(builder.Configuration));
builder.Services.AddFupinErrors();
builder.Services.AddFupinJson();
builder.Services.AddFupinPages();
builder.Services.AddOpenApi();
builder.Services.AddRegions();
builder.Services.AddHouseholds();

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseFupinErrors();
app.UseStaticFiles();
app.MapOpenApi();
app.MapHealth();
app.MapRegionsApi();
app.MapHouseholdsApi();
app.MapRazorPages();

await app.RunAsync();

public partial class Program;
