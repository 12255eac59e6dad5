using Fupin.Accounts;
using Fupin.Data;
using Fupin.Supervision;

namespace Fupin.Web.Pages.Rectifications;

/// <summary>
/// Runs the daily escalation (<see cref="EscalateRectifications"/>) at start-up and then every hour, as the system
/// (not a user), on the business date of the clock. A run that fails is logged and tried again the next hour.
/// </summary>
public sealed partial class RectificationEscalationService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RectificationEscalationService> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.Scope = AccessScope.System; // a scheduled job, not a user
                var run = await new EscalateRectifications(db, clock).HandleAsync(stoppingToken);
                if (run.Supervised + run.Urged > 0) Escalated(log, run.On, run.Supervised, run.Urged);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed run must not stop the host; the next hour tries again
            catch (Exception e)
#pragma warning restore CA1031
            {
                Failed(log, e);
            }
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "整改督办：{On} 新增督办 {Supervised} 项、催办 {Urged} 项")]
    static partial void Escalated(ILogger log, DateOnly on, int supervised, int urged);

    [LoggerMessage(Level = LogLevel.Error, Message = "整改督办运行失败，一小时后重试")]
    static partial void Failed(ILogger log, Exception e);
}
