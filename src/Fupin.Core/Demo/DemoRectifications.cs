using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Fupin.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Demo;

public sealed record DemoRectificationsResult(int Items, int Closed, int Overdue);

/// <summary>
/// Rectification items of every source other than 暗访 (helper A's inspection raises those), with histories through
/// the business date: the 2017 annual review's feedback (February 2018, nearly all closed), the 2018 central special
/// patrol's feedback (June), the county audit of poverty funds (July), the 2018 third-party evaluation (August) and
/// verification findings of the department comparison (September). About half are closed with evidence by a reviewer
/// other than the one who submitted them, some are 整改中 or 待验收, several are overdue; the daily escalation then
/// runs on the business date, so some are 督办 and some 催办. At least three lie in 石门乡 for the `township` account.
/// Deterministic; does nothing when the items are there. Counts are over all items of the county (helper A's too).
/// </summary>
public sealed class DemoRectifications(AppDbContext db, TimeProvider clock)
{
    const string County = DemoCounty.CountyCode;
    const string Township = "411321304";
    const string Admin = "admin";
    const string Inspector = "inspector";
    const string TownshipAccount = "township";
    const int Seed = 2018_0926;

    enum Outcome { Pending, InProgress, Awaiting, Closed }

    /// <param name="Where">Index of the township (0 = 石门乡, others in code order), <c>-1</c> for a county-wide item.</param>
    /// <param name="Village">Whether the item lies in one of the township's villages (else the township itself).</param>
    sealed record Spec(RectificationSource Source, string Document, int Where, bool Village, string Problem, string Requirement, string Unit,
        DateOnly FoundOn, DateOnly Deadline, Outcome Outcome, string Measures);

    static DateOnly D(int m, int d) => new(2018, m, d);

    const string Patrol = "2018年中央第十五巡视组脱贫攻坚专项巡视反馈意见（豫巡改〔2018〕6号）";
    const string Review = "2017年度省级脱贫攻坚成效考核反馈问题（豫脱贫〔2018〕5号）";
    const string Evaluation = "2018年第三方评估反馈问题（南召县）";
    const string Audit = "县审计局扶贫资金专项审计（召审〔2018〕12号）";

    static readonly Spec[] Specs =
    [
        // 2017年度省级考核反馈 (Feb 2018): nearly all closed; one still being worked on, far overdue.
        new(RectificationSource.AnnualReview, Review, 0, true, "部分已脱贫户“两不愁三保障”佐证资料不全，档卡中缺少收入核算表", "逐户补齐收入核算表和帮扶手册，做到账账相符、账实相符", "{t}人民政府", D(2, 26), D(5, 31), Outcome.Closed, "组织驻村工作队逐户入户核算收入，补齐帮扶手册"),
        new(RectificationSource.AnnualReview, Review, 1, false, "帮扶责任人对所帮扶户家庭收入、致贫原因不清楚，群众对帮扶措施知晓度低", "开展帮扶责任人全员培训，逐户落实“一户一策”", "{t}人民政府", D(2, 26), D(5, 31), Outcome.Closed, "举办帮扶责任人培训班2期，逐户完善帮扶计划"),
        new(RectificationSource.AnnualReview, Review, 2, true, "贫困户危房改造验收后仍有1户居住在原危房中，新房未入住", "督促搬入新房，拆除或封存原危房", "{t}人民政府", D(2, 26), D(5, 31), Outcome.Closed, "已搬入新房，原危房已拆除"),
        new(RectificationSource.AnnualReview, Review, 3, true, "村级光伏电站收益分配方案未公示，收益未及时分配", "制定收益分配方案并公示，按季度分配", "{t}人民政府", D(2, 26), D(5, 31), Outcome.Closed, "分配方案经村民代表大会通过并公示"),
        new(RectificationSource.AnnualReview, Review, 4, true, "建档立卡信息与实际不符，3户家庭人口未及时动态调整", "开展动态调整，更正全国扶贫开发信息系统数据", "{t}人民政府", D(2, 26), D(4, 30), Outcome.Closed, "已完成信息更正并上传系统"),
        new(RectificationSource.AnnualReview, Review, -1, false, "县级扶贫资金项目库建设滞后，部分项目未经论证即实施", "完善县级项目库，入库项目须经乡镇审核、县级论证", "县扶贫办", D(2, 26), D(5, 31), Outcome.Closed, "修订项目库管理办法，补充论证记录"),
        new(RectificationSource.AnnualReview, Review, 5, true, "义务教育阶段有1名适龄儿童辍学未劝返", "落实控辍保学责任，劝返复学并建立跟踪台账", "{t}中心学校", D(2, 26), D(5, 31), Outcome.InProgress, "已多次上门劝返，孩子随父母在外地，正协调转入当地学校"),
        // 2018年中央脱贫攻坚专项巡视反馈 (June 2018).
        new(RectificationSource.PatrolFeedback, Patrol, -1, false, "扶贫领域形式主义问题：填表报数过多，基层干部负担重", "精简报表，统一由县扶贫办汇总下发，严禁层层加码", "县扶贫办", D(6, 20), D(8, 31), Outcome.Closed, "清理报表27种，保留9种，统一模板"),
        new(RectificationSource.PatrolFeedback, Patrol, 0, true, "驻村工作队队员在岗不在位，考勤记录与实际不符", "严格驻村考勤，乡镇每周抽查并通报", "{t}人民政府", D(6, 20), D(9, 30), Outcome.Closed, "建立每周抽查和通报制度，调整不在岗队员1名"),
        new(RectificationSource.PatrolFeedback, Patrol, 6, true, "产业扶贫项目带贫效果不明显，利益联结机制不健全", "完善利益联结合同，明确带贫户数和分红标准", "{t}人民政府", D(6, 20), D(9, 30), Outcome.Awaiting, "与合作社重新签订带贫协议，明确分红标准"),
        new(RectificationSource.PatrolFeedback, Patrol, 7, false, "扶贫资金拨付滞后，部分项目资金闲置超过半年", "加快项目实施和资金拨付，闲置资金收回统筹使用", "{t}人民政府", D(6, 20), D(9, 30), Outcome.InProgress, "已拨付2个项目，剩余1个项目正在结算"),
        new(RectificationSource.PatrolFeedback, Patrol, 8, true, "易地扶贫搬迁户旧房未按期拆除，“两头占房”问题突出", "按协议拆除旧房，完成宅基地复垦", "{t}人民政府", D(6, 20), D(10, 5), Outcome.InProgress, "已拆除旧房5户，剩余2户正在做工作"),
        new(RectificationSource.PatrolFeedback, Patrol, 0, false, "乡镇扶贫专干配备不足，业务不熟悉", "配齐扶贫专干，开展业务培训", "{t}人民政府", D(6, 20), D(10, 5), Outcome.Pending, ""),
        new(RectificationSource.PatrolFeedback, Patrol, 9, true, "贫困村基础设施项目质量不高，新修道路出现开裂", "组织质量复查，责令施工方返修", "{t}人民政府", D(6, 20), D(10, 31), Outcome.InProgress, "已委托第三方检测，施工方开始返修"),
        new(RectificationSource.PatrolFeedback, Patrol, 10, true, "低保政策与扶贫政策衔接不够，有2户符合条件未纳入低保", "入户核实，符合条件的及时纳入", "{t}民政所", D(6, 20), D(8, 31), Outcome.Closed, "2户已纳入农村低保"),
        // 县审计局扶贫资金审计 (July 2018).
        new(RectificationSource.Audit, Audit, 1, false, "扶贫项目资金报账手续不全，3笔支出缺少验收单", "补齐验收单据，规范报账程序", "{t}财政所", D(7, 10), D(8, 31), Outcome.Closed, "补齐验收单3份，完善报账制度"),
        new(RectificationSource.Audit, Audit, 2, false, "到户产业奖补资金发放不及时，滞留乡镇财政所", "一个月内发放到户，打卡发放并公示", "{t}财政所", D(7, 10), D(8, 31), Outcome.Closed, "奖补资金已全部打卡发放并公示"),
        new(RectificationSource.Audit, Audit, 3, true, "村集体经济扶贫资产未登记入账，管护责任不明确", "建立扶贫资产台账，明确管护主体", "{t}人民政府", D(7, 10), D(8, 31), Outcome.InProgress, "已完成资产清查，台账正在录入"),
        new(RectificationSource.Audit, Audit, 4, false, "项目招投标程序不规范，1个项目未公开招标", "说明情况，对相关责任人进行约谈", "{t}人民政府", D(7, 10), D(8, 31), Outcome.Pending, ""),
        new(RectificationSource.Audit, Audit, 0, true, "互助资金借款逾期未收回，台账不清", "清理逾期借款，建立还款台账", "{t}人民政府", D(7, 10), D(9, 30), Outcome.Awaiting, "逾期借款已收回，建立借还款台账"),
        new(RectificationSource.Audit, Audit, -1, false, "部分涉农整合资金用于非扶贫领域", "调整资金用途，归还原渠道", "县财政局", D(7, 10), D(8, 31), Outcome.Closed, "已调整用途并报县领导小组备案"),
        // 2018年第三方评估 (August 2018).
        new(RectificationSource.ThirdPartyEvaluation, Evaluation, 11, true, "群众对驻村工作队认可度不高，反映入户少", "工作队每月入户全覆盖，建立入户记录", "{t}人民政府", D(8, 20), D(9, 20), Outcome.Closed, "工作队每月入户全覆盖，记录可查"),
        new(RectificationSource.ThirdPartyEvaluation, Evaluation, 12, true, "1户贫困户饮水不安全，自备井水质不达标", "接通集中供水管网或安装净水设备", "{t}人民政府", D(8, 20), D(9, 20), Outcome.InProgress, "已确定接入村集中供水，管道正在铺设"),
        new(RectificationSource.ThirdPartyEvaluation, Evaluation, 13, true, "已脱贫户对脱贫结果不认可，认为收入未达标", "重新核算收入，做好政策宣传和解释", "{t}人民政府", D(8, 20), D(9, 30), Outcome.Awaiting, "重新核算收入达标，户主签字认可"),
        new(RectificationSource.ThirdPartyEvaluation, Evaluation, 14, true, "漏评：1户因病致贫家庭未纳入建档立卡", "按程序评议，符合条件的纳入", "{t}人民政府", D(8, 20), D(10, 20), Outcome.InProgress, "已入户调查，准备召开村民代表评议会"),
        new(RectificationSource.ThirdPartyEvaluation, Evaluation, 0, true, "贫困户家庭医生签约服务未落实，签而不约", "落实家庭医生每季度随访", "{t}卫生院", D(8, 20), D(10, 20), Outcome.InProgress, "卫生院已排出随访计划"),
        new(RectificationSource.ThirdPartyEvaluation, Evaluation, 5, false, "扶贫政策宣传不到位，群众对教育资助政策知晓率低", "开展政策宣讲进村入户", "{t}人民政府", D(8, 20), D(9, 28), Outcome.Pending, ""),
        new(RectificationSource.ThirdPartyEvaluation, Evaluation, 6, true, "贫困户住房安全鉴定结论与实际不符", "重新鉴定，危房纳入改造计划", "{t}人民政府", D(8, 20), D(10, 31), Outcome.Pending, ""),
    ];

    public async Task<DemoRectificationsResult> SeedAsync(CancellationToken ct)
    {
        var today = clock.Today();
        if (await db.Rectifications.IgnoreQueryFilters().AnyAsync(r => r.CountyCode == County && r.Source != RectificationSource.Inspection, ct)
            || today < D(10, 1))
            return await CountsAsync(today, ct);

        var regions = await db.Regions.IgnoreQueryFilters().AsNoTracking().Where(r => r.Code.StartsWith(County) && r.Level != RegionLevel.County)
            .Select(r => new { r.Code, r.Name, r.Level, r.IsPoorVillage }).ToListAsync(ct);
        var townships = regions.Where(r => r.Level == RegionLevel.Township).OrderBy(r => r.Code != Township).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        if (townships.Count == 0) return await CountsAsync(today, ct);
        var countyName = await db.Regions.IgnoreQueryFilters().Where(r => r.Code == County).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? County;
        var random = new Random(Seed);
        var png = Png();

        // The verification findings turned into items: one in each of the first townships, taken in id order.
        var findings = await db.Findings.IgnoreQueryFilters().AsNoTracking().Where(f => f.CountyCode == County)
            .OrderBy(f => f.Id).Select(f => new { f.Id, f.VillageCode, f.HouseholdId, f.Rule, f.Evidence }).ToListAsync(ct);
        var picked = findings.GroupBy(f => f.VillageCode[..9]).OrderBy(g => g.Key != Township).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(6).Select(g => g.First()).ToList();

        var plans = new List<(Rectification Item, Outcome Outcome, string Measures)>();
        foreach (var s in Specs)
        {
            var t = s.Where < 0 ? null : townships[s.Where % townships.Count];
            var region = County;
            if (t is not null)
            {
                region = t.Code;
                if (s.Village)
                {
                    var villages = regions.Where(r => r.Level == RegionLevel.Village && r.Code.StartsWith(t.Code, StringComparison.Ordinal))
                        .OrderByDescending(r => r.IsPoorVillage).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
                    if (villages.Count > 0) region = villages[random.Next(Math.Min(villages.Count, 4))].Code;
                }
            }
            var unit = s.Unit.Replace("{t}", t?.Name ?? countyName, StringComparison.Ordinal);
            plans.Add((Item(s.Source, s.Document, region, null, null, s.Problem, s.Requirement, unit, Person(random), s.FoundOn, s.Deadline), s.Outcome, s.Measures));
        }
        var outcomes = new[] { Outcome.Closed, Outcome.InProgress, Outcome.Closed, Outcome.Awaiting, Outcome.Pending, Outcome.Closed };
        for (var i = 0; i < picked.Count; i++)
        {
            var f = picked[i];
            var found = D(9, 10 + i);
            var township = townships.FirstOrDefault(x => f.VillageCode.StartsWith(x.Code, StringComparison.Ordinal));
            plans.Add((Item(RectificationSource.Verification, "2018年9月部门数据比对", f.VillageCode, f.HouseholdId, f.Id,
                CreateRectification.FindingProblem(f.Rule, f.Evidence), "入户核实，属实的更正建档立卡信息并落实相应政策",
                (township?.Name ?? countyName) + "人民政府", Person(random), found, found.AddDays(RectificationItems.DefaultDeadlineDays)),
                outcomes[i % outcomes.Length], "已入户核实并更正建档立卡信息"));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ordered = plans.OrderBy(p => p.Item.FoundOn).ThenBy(p => plans.IndexOf(p)).ToList();
        var numbers = await RectificationItems.NextNumbersAsync(db, County, 2018, ordered.Count, ct);
        for (var i = 0; i < ordered.Count; i++) ordered[i].Item.Number = numbers[i];
        db.Rectifications.AddRange(ordered.Select(p => p.Item));
        await db.SaveChangesAsync(ct);

        foreach (var (item, outcome, measures) in ordered)
        {
            var worker = item.RegionCode.StartsWith(Township, StringComparison.Ordinal) ? TownshipAccount
                : item.RegionCode.Length >= 9 ? townships.First(x => item.RegionCode.StartsWith(x.Code, StringComparison.Ordinal)).Name + "扶贫办" : "县扶贫办业务股";
            var reviewer = item.Source is RectificationSource.PatrolFeedback or RectificationSource.ThirdPartyEvaluation ? Inspector : Admin;
            db.RectificationEvents.Add(RectificationItems.Created(item, Admin, item.FoundOn, At(item.FoundOn, 9)));
            Add(item, RectificationEventKind.Assigned, item.FoundOn.AddDays(1), Admin, $"交办{item.ResponsibleUnit}，责任人：{item.ResponsiblePerson}");
            if (outcome == Outcome.Pending) continue;

            // Work starts about a week after assignment; the steps are spread over what is left before the deadline (or today).
            var start = Min(item.FoundOn.AddDays(5 + random.Next(6)), today.AddDays(-3));
            var end = outcome == Outcome.InProgress ? today.AddDays(-1) : Min(item.Deadline.AddDays(item.Deadline < today.AddDays(-30) ? random.Next(-12, 4) : -random.Next(1, 5)), today.AddDays(-2));
            if (end <= start) end = start.AddDays(1);
            Add(item, RectificationEventKind.Started, start, worker, "制定整改方案，明确整改措施和完成时限");
            var middle = start.AddDays(Math.Max(1, (end.DayNumber - start.DayNumber) / 2));
            if (middle < end) Add(item, RectificationEventKind.Progress, middle, worker, "整改进展：" + measures);
            item.Status = RectificationStatus.InProgress;
            item.Measures = measures;
            if (outcome == Outcome.InProgress)
            {
                if (random.Chance(0.5)) AddEvidence(item, middle, worker, png, "整改过程照片");
                continue;
            }
            AddEvidence(item, end, worker, png, "整改后照片");
            AddEvidence(item, end, worker, Pdf(item.Number, measures), "整改情况报告");
            Add(item, RectificationEventKind.Progress, end, worker, "上传佐证材料：整改后照片.png、整改情况报告.pdf");
            Add(item, RectificationEventKind.Submitted, end, worker, "整改完成，提请验收");
            item.Status = RectificationStatus.AwaitingReview;
            item.SubmittedBy = worker;
            item.SubmittedOn = end;
            if (outcome == Outcome.Awaiting) continue;
            var closed = Min(end.AddDays(2 + random.Next(5)), today.AddDays(-1));
            Add(item, RectificationEventKind.Closed, closed, reviewer, "经实地查看和查阅资料，整改到位，予以销号");
            item.Status = RectificationStatus.Closed;
            item.ClosedBy = reviewer;
            item.ClosedOn = closed;
        }
        // Every step after the first line bumped the version, as the use cases do.
        var steps = db.ChangeTracker.Entries<RectificationEvent>().GroupBy(e => e.Entity.RectificationId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (item, _, _) in ordered) item.Version = steps.GetValueOrDefault(item.Id) - 1;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        await new EscalateRectifications(db, clock).HandleAsync(ct);
        return await CountsAsync(today, ct);
    }

    static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    static DateTimeOffset At(DateOnly day, int hour) => new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8)).ToUniversalTime();

    static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
    static readonly string[] Given = ["建国", "志强", "海军", "红梅", "国庆", "晓东", "新华", "玉兰", "春生", "明亮", "秀英", "卫东", "德胜", "丽华"];

    static string Person(Random random) => random.Pick(Surnames) + random.Pick(Given);

    static Rectification Item(RectificationSource source, string document, string region, long? household, long? finding, string problem, string requirement,
        string unit, string person, DateOnly found, DateOnly deadline) => new()
    {
        CountyCode = County, RegionCode = region, Number = "", Source = source, SourceDocument = document, HouseholdId = household, FindingId = finding,
        Problem = problem, Requirement = requirement, ResponsibleUnit = unit, ResponsiblePerson = person, FoundOn = found, Deadline = deadline,
        RequiredEvidence = RectificationRules.DefaultRequiredEvidence, Status = RectificationStatus.Pending, CreatedBy = Admin, CreatedAt = At(found, 9),
    };

    void Add(Rectification item, RectificationEventKind kind, DateOnly on, string by, string note) =>
        db.RectificationEvents.Add(new RectificationEvent { RectificationId = item.Id, Kind = kind, On = on, By = by, At = At(on, 10 + (int)kind % 7), Note = note });

    void AddEvidence(Rectification item, DateOnly on, string by, byte[] content, string name)
    {
        var ext = content[0] == (byte)'%' ? ".pdf" : ".png";
        db.RectificationEvidence.Add(new RectificationEvidence
        {
            RectificationId = item.Id, FileName = name + ext, ContentType = ext == ".pdf" ? "application/pdf" : "image/png", Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), Content = content, UploadedBy = by, UploadedAt = At(on, 15),
        });
    }

    async Task<DemoRectificationsResult> CountsAsync(DateOnly today, CancellationToken ct)
    {
        var items = db.Rectifications.IgnoreQueryFilters().Where(r => r.CountyCode == County);
        return new DemoRectificationsResult(await items.CountAsync(ct), await items.CountAsync(r => r.Status == RectificationStatus.Closed, ct),
            await items.CountAsync(r => r.Status != RectificationStatus.Closed && r.Deadline < today, ct));
    }

    /// <summary>A small valid PDF page stating the item's number (ASCII only; the Chinese is in the file name and history).</summary>
    static byte[] Pdf(string number, string measures)
    {
        _ = measures;
        var text = "Rectification report " + number;
        var stream = $"BT /F1 14 Tf 60 760 Td ({text}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length.ToString(CultureInfo.InvariantCulture)} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(sb.Length);
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = sb.Length;
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>A 96×64 PNG: a green field under a blue sky (a stand-in for the photo of the work done).</summary>
    static byte[] Png()
    {
        const int w = 96, h = 64;
        var raw = new byte[h * (1 + w * 3)];
        for (var y = 0; y < h; y++)
        {
            var row = y * (1 + w * 3);
            for (var x = 0; x < w; x++)
            {
                var (r, g, b) = y < h / 2 ? ((byte)120, (byte)170, (byte)230) : ((byte)70, (byte)150, (byte)60);
                raw[row + 1 + x * 3] = r;
                raw[row + 2 + x * 3] = g;
                raw[row + 3 + x * 3] = b;
            }
        }
        using var data = new MemoryStream();
        using (var z = new ZLibStream(data, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, w);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), h);
        ihdr[8] = 8;
        ihdr[9] = 2;
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", data.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(len, Crc32(typed));
        s.Write(len);
    }

    static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
