using System.Globalization;
using System.Security.Cryptography;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

public sealed record VisitAnswerInput(string? QuestionCode, string? Value, string? Note);

/// <param name="ClientKey">Made by the phone when the form is saved: a second post with the same key returns the stored visit.</param>
/// <param name="HeadName">For a non-registered slot: the head's name found on the spot (required there).</param>
public sealed record RecordInspectionVisitRequest(long PlanId, long TargetId, Guid ClientKey, IReadOnlyList<VisitAnswerInput> Answers,
    string? HeadName, double? Latitude, double? Longitude, string? Note, IReadOnlyList<VisitPhoto> Photos, string User, Role Role);

public sealed record RaisedRectification(long Id, string Number, string Problem);

/// <param name="Repeated">The visit had been stored before (the same ClientKey): nothing was changed.</param>
public sealed record InspectionVisitSaved(long Id, long PlanId, long TargetId, int FailedCount, IReadOnlyList<RaisedRectification> Rectifications, bool Repeated);

/// <summary>
/// Records a filled checklist of a target of an open plan. Every required question is answered, every answer
/// fits its question (是/否, one of the options, a whole number, text); an answer in the question's fail values is
/// a finding and becomes a rectification item (暗访, the target's region and household, the township's government
/// responsible, due in 30 days) in the same transaction. Photos are JPEG or PNG with their metadata stripped.
/// The phone's <see cref="RecordInspectionVisitRequest.ClientKey"/> makes a resend store nothing more.
/// </summary>
public sealed class RecordInspectionVisit(AppDbContext db, TimeProvider clock)
{
    public const string RequiredEvidence = "整改前后对比照片及相关佐证材料";

    public async Task<Result<InspectionVisitSaved>> HandleAsync(RecordInspectionVisitRequest request, CancellationToken ct)
    {
        if (!SupervisionRoles.CanInspect(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Answers), SupervisionRoles.NotAllowedCode, "只有督查人员和县领导可以填写暗访检查表")]);
        if (request.ClientKey == Guid.Empty)
            return Result.Invalid([new FieldError(nameof(request.ClientKey), "inspection.client_key_required", "缺少提交标识（ClientKey）")]);
        if (await StoredAsync(request, ct) is { } stored) return stored;

        var plan = await db.InspectionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PlanId, ct);
        if (plan is null) return Result.NotFound("未找到该暗访");
        var target = await db.InspectionTargets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.TargetId && t.PlanId == plan.Id, ct);
        if (target is null) return Result.NotFound("未找到该抽查对象");
        if (plan.Status != InspectionStatus.Open)
            return Result.Invalid([new FieldError(nameof(request.PlanId), "inspection.not_open", plan.Status == InspectionStatus.Sealed ? "暗访尚未启封，不能填写检查表" : "暗访已结束，不能再填写检查表")]);

        var subject = InspectionSubjects.Of(target.Kind);
        var questions = await db.ChecklistQuestions.AsNoTracking().Where(q => q.TemplateId == plan.TemplateId && q.Subject == subject)
            .OrderBy(q => q.SortOrder).ThenBy(q => q.Id).ToListAsync(ct);
        var errors = new List<FieldError>();
        var answers = Check(questions, request.Answers ?? [], errors);
        var headName = string.IsNullOrWhiteSpace(request.HeadName) ? null : request.HeadName.Trim();
        if (target.Stratum == InspectionStratum.NonRegistered && headName is null)
            errors.Add(new FieldError(nameof(request.HeadName), "inspection.head_required", "非建档立卡户请填写户主姓名"));
        if (headName?.Length > 40) errors.Add(new FieldError(nameof(request.HeadName), "inspection.head_too_long", "户主姓名不能超过40字"));
        if ((request.Latitude is null) != (request.Longitude is null)
            || request.Latitude is { } lat && (double.IsNaN(lat) || lat is < -90 or > 90)
            || request.Longitude is { } lon && (double.IsNaN(lon) || lon is < -180 or > 180))
            errors.Add(new FieldError(nameof(request.Latitude), "inspection.location_invalid", "位置无效：纬度应在-90到90之间，经度应在-180到180之间"));
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note?.Length > 2000) errors.Add(new FieldError(nameof(request.Note), "inspection.note_too_long", "备注不能超过2000字"));
        var photos = InspectionPhotos.Check(request.Photos ?? [], nameof(request.Photos), errors);
        var codes = questions.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var p in photos ?? [])
        {
            if (p.QuestionCode is { } c && !codes.Contains(c))
                errors.Add(new FieldError(nameof(request.Photos), "inspection.question_unknown", $"照片对应的问题“{c}”不在检查表中"));
        }
        if (errors.Count > 0 || photos is null) return Result.Invalid(errors);

        var today = clock.Today();
        var now = clock.GetUtcNow();
        var user = request.User.Length > 64 ? request.User[..64] : request.User;
        var townshipName = await db.Regions.AsNoTracking().Where(r => r.Code == target.TownshipCode).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? target.TownshipCode;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var visit = new InspectionVisit
            {
                PlanId = plan.Id, TargetId = target.Id, CountyCode = plan.CountyCode, RegionCode = target.RegionCode, ClientKey = request.ClientKey,
                VisitedOn = today, Inspector = user, RecordedAt = now, HeadName = headName, Latitude = request.Latitude, Longitude = request.Longitude,
                Note = note, FailedCount = answers.Count(a => a.Failed),
            };
            db.InspectionVisits.Add(visit);
            await db.SaveChangesAsync(ct);
            foreach (var a in answers)
            {
                db.InspectionAnswers.Add(new InspectionAnswer { VisitId = visit.Id, QuestionCode = a.Question.Code, Value = a.Value, Failed = a.Failed, Note = a.Note });
            }
            foreach (var p in photos)
            {
                db.InspectionPhotos.Add(new InspectionPhoto
                {
                    VisitId = visit.Id, QuestionCode = p.QuestionCode, FileName = p.FileName, ContentType = p.ContentType, Size = p.Content.Length,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(p.Content)), Content = p.Content, UploadedBy = user, UploadedAt = now,
                });
            }
            var failed = answers.Where(a => a.Failed).ToList();
            var items = new List<Rectification>();
            if (failed.Count > 0)
            {
                var numbers = await RectificationItems.NextNumbersAsync(db, plan.CountyCode, today.Year, failed.Count, ct);
                for (var i = 0; i < failed.Count; i++)
                {
                    var a = failed[i];
                    var problem = (a.Question.FindingText ?? a.Question.Text) + (a.Note is { Length: > 0 } n ? "（" + n + "）" : "");
                    items.Add(new Rectification
                    {
                        CountyCode = plan.CountyCode, RegionCode = target.RegionCode, Number = numbers[i], Source = RectificationSource.Inspection,
                        VisitId = visit.Id, QuestionCode = a.Question.Code, HouseholdId = target.HouseholdId,
                        Problem = problem.Length > 1000 ? problem[..1000] : problem, ResponsibleUnit = townshipName + "人民政府",
                        FoundOn = today, Deadline = today.AddDays(RectificationItems.DefaultDeadlineDays), RequiredEvidence = RequiredEvidence,
                        Status = RectificationStatus.Pending, CreatedBy = user, CreatedAt = now,
                    });
                }
                db.Rectifications.AddRange(items);
            }
            await db.SaveChangesAsync(ct);
            foreach (var item in items) db.RectificationEvents.Add(RectificationItems.Created(item, user, today, now));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new InspectionVisitSaved(visit.Id, plan.Id, target.Id, visit.FailedCount,
                [.. items.Select(r => new RaisedRectification(r.Id, r.Number, r.Problem))], Repeated: false);
        }
        catch (DbUpdateException)
        {
            // The same ClientKey stored meanwhile by a concurrent resend: answer with that visit.
            db.ChangeTracker.Clear();
            if (await StoredAsync(request, ct) is { } again) return again;
            throw;
        }
    }

    async Task<Result<InspectionVisitSaved>?> StoredAsync(RecordInspectionVisitRequest request, CancellationToken ct)
    {
        var visit = await db.InspectionVisits.IgnoreQueryFilters().AsNoTracking().Where(v => v.ClientKey == request.ClientKey)
            .Select(v => new { v.Id, v.PlanId, v.TargetId, v.FailedCount }).FirstOrDefaultAsync(ct);
        if (visit is null) return null;
        if (visit.PlanId != request.PlanId || visit.TargetId != request.TargetId)
            return Result.Invalid([new FieldError(nameof(request.ClientKey), "inspection.client_key_used", "该提交标识已用于另一份检查表")]);
        var items = await db.Rectifications.IgnoreQueryFilters().AsNoTracking().Where(r => r.VisitId == visit.Id).OrderBy(r => r.Id)
            .Select(r => new RaisedRectification(r.Id, r.Number, r.Problem)).ToListAsync(ct);
        return new InspectionVisitSaved(visit.Id, visit.PlanId, visit.TargetId, visit.FailedCount, items, Repeated: true);
    }

    sealed record CheckedAnswer(ChecklistQuestion Question, string Value, bool Failed, string? Note);

    static List<CheckedAnswer> Check(List<ChecklistQuestion> questions, IReadOnlyList<VisitAnswerInput> input, List<FieldError> errors)
    {
        var inv = CultureInfo.InvariantCulture;
        var byCode = questions.ToDictionary(q => q.Code, StringComparer.Ordinal);
        var given = new Dictionary<string, VisitAnswerInput>(StringComparer.Ordinal);
        foreach (var a in input)
        {
            var code = a.QuestionCode?.Trim() ?? "";
            if (!byCode.ContainsKey(code))
                errors.Add(new FieldError("Answers." + code, "inspection.question_unknown", $"问题“{code}”不在本检查表中"));
            else if (!given.TryAdd(code, a))
                errors.Add(new FieldError("Answers." + code, "inspection.answer_duplicate", $"问题“{code}”回答了两次"));
        }
        var result = new List<CheckedAnswer>();
        foreach (var q in questions)
        {
            var field = "Answers." + q.Code;
            var value = given.TryGetValue(q.Code, out var a) ? a.Value?.Trim() ?? "" : "";
            var note = a?.Note?.Trim() is { Length: > 0 } n ? n : null;
            if (value.Length == 0)
            {
                if (q.Required) errors.Add(new FieldError(field, "inspection.answer_required", $"请回答：{q.Text}"));
                continue;
            }
            var ok = q.Answer switch
            {
                AnswerKind.YesNo => ChecklistTemplates.YesNo.Contains(value, StringComparer.Ordinal),
                AnswerKind.Choice => ChecklistTemplates.Split(q.Options).Contains(value, StringComparer.Ordinal),
                AnswerKind.Number => int.TryParse(value, NumberStyles.None, inv, out var number) && number is >= 0 and <= 1_000_000,
                _ => value.Length <= 500,
            };
            if (!ok)
            {
                errors.Add(new FieldError(field, "inspection.answer_invalid", q.Answer switch
                {
                    AnswerKind.Number => $"“{q.Text}”应填0或正整数",
                    AnswerKind.Text => $"“{q.Text}”的回答不能超过500字",
                    _ => $"“{q.Text}”的回答应为{string.Join("、", q.Answer == AnswerKind.YesNo ? ChecklistTemplates.YesNo : ChecklistTemplates.Split(q.Options))}之一",
                }));
                continue;
            }
            if (note?.Length > 500) errors.Add(new FieldError(field, "inspection.answer_note_too_long", "说明不能超过500字"));
            var failed = ChecklistTemplates.Split(q.FailValues).Contains(value, StringComparer.Ordinal);
            result.Add(new CheckedAnswer(q, value, failed, note));
        }
        return result;
    }
}
