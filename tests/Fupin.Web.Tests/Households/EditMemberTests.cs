using System.Net;
using Fupin.Households;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Households;

public class EditMemberTests(FupinApp app) : IClassFixture<FupinApp>
{
    /// <summary>A household of a head (male, born 1960s) and a son; returns both members' forms.</summary>
    async Task<(long HouseholdId, MemberDetails Head, MemberDetails Son)> NewHouseholdAsync()
    {
        var id = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "周长青", extraMembers: 1);
        var details = await app.HouseholdAsync(id);
        return (id, details.Members.Single(m => m.Relation == "户主"), details.Members.Single(m => m.Relation != "户主"));
    }

    async Task<(Dictionary<string, string[]> Errors, Dictionary<string, string[]> Codes)> RejectedAsync(long memberId, MemberEdit edit)
    {
        using var client = app.Client();
        var result = await Api.ValidationAsync(await client.PutJsonAsync($"/api/members/{memberId}", edit));
        await using var db = app.Db.NewContext();
        var member = await db.Members.SingleAsync(m => m.Id == memberId);
        Assert.Equal(0, member.Version);                                             // nothing saved
        Assert.False(await db.Changes.AnyAsync(c => c.Entity == nameof(Member) && c.EntityId == memberId && c.Action == "修改"));
        return result;
    }

    static string WithWrongCheck(string id) => id[..17] + (id[17] == '0' ? '1' : '0');

    [Fact]
    public async Task Put_IdNumberWithWrongCheckCharacter_IsRejectedWithTheParsersChineseMessage()
    {
        var (hid, head, _) = await NewHouseholdAsync();
        var real = await RealIdAsync(head.Id);

        var (errors, codes) = await RejectedAsync(head.Id, MemberEdit.From(head) with { IdNumber = WithWrongCheck(real.ToString()), Reason = "更正证件号码" });

        Assert.StartsWith("校验码错误：第18位是", Assert.Single(errors["idNumber"]));
        Assert.Equal("id.bad_check_character", Assert.Single(codes["idNumber"]));
        _ = hid;
    }

    [Fact]
    public async Task Put_FutureBirthInIdNumber_IsRejectedAgainstTheBusinessDate()
    {
        var (_, head, _) = await NewHouseholdAsync();
        var future = ResidentId.Create("411321", new DateOnly(2018, 12, 1), 11);   // after 2018-10-08

        var (errors, codes) = await RejectedAsync(head.Id, MemberEdit.From(head) with { IdNumber = future.ToString(), Reason = "x" });

        Assert.Contains("晚于今天（2018-10-08）", Assert.Single(errors["idNumber"]));
        Assert.Equal("id.future_birth", Assert.Single(codes["idNumber"]));
    }

    [Fact]
    public async Task Put_GenderNotMatchingId_IsRejected()
    {
        var (_, head, _) = await NewHouseholdAsync();
        var other = head.Gender == Gender.Male ? Gender.Female : Gender.Male;

        var (errors, codes) = await RejectedAsync(head.Id, MemberEdit.From(head) with { Gender = other, Reason = "x" });

        Assert.StartsWith("性别与证件号码不符", Assert.Single(errors["gender"]));
        Assert.Equal("id.gender_mismatch", Assert.Single(codes["gender"]));
    }

    [Fact]
    public async Task Put_BirthDateNotMatchingId_IsRejected()
    {
        var (_, head, _) = await NewHouseholdAsync();

        var (errors, codes) = await RejectedAsync(head.Id, MemberEdit.From(head) with { BirthDate = new DateOnly(1950, 5, 5), Reason = "x" });

        Assert.Equal("出生日期与证件号码中的出生日期不符", Assert.Single(errors["birthDate"]));
        Assert.Equal("id.birth_mismatch", Assert.Single(codes["birthDate"]));
    }

    [Fact]
    public async Task Put_SecondHead_IsRejected_AndTheOnlyHeadCannotStepDown()
    {
        var (_, head, son) = await NewHouseholdAsync();

        var (errors, codes) = await RejectedAsync(son.Id, MemberEdit.From(son) with { Relation = "户主", Reason = "x" });
        Assert.Equal("该户已有户主周长青，一户只能有一名户主", Assert.Single(errors["relation"]));
        Assert.Equal("head.exactly_one", Assert.Single(codes["relation"]));

        (errors, _) = await RejectedAsync(head.Id, MemberEdit.From(head) with { Relation = "之父", Reason = "x" });
        Assert.Equal("该成员是本户唯一的户主，一户必须有一名户主", Assert.Single(errors["relation"]));
    }

    [Fact]
    public async Task Put_EducationAndStudentStatusBoth_IsRejected()
    {
        var (_, _, son) = await NewHouseholdAsync();

        var (errors, codes) = await RejectedAsync(son.Id, MemberEdit.From(son) with { Education = "初中", StudentStatus = "九年级", Reason = "x" });

        Assert.Equal("文化程度和在校生状况须填写且只填写其中一项", Assert.Single(errors["education"]));
        Assert.Equal("education.exclusive", Assert.Single(codes["education"]));
    }

    [Fact]
    public async Task Put_CodeNotValidInTheBusinessYear_IsRejected()
    {
        var (_, _, son) = await NewHouseholdAsync();

        // 大专及以上 was a 文化程度 until 2016; in 2018 it is 大专 or 本科及以上.
        var (errors, codes) = await RejectedAsync(son.Id, MemberEdit.From(son) with { Education = "大专及以上", Reason = "x" });

        Assert.Equal("文化程度“大专及以上”不是2018年代码表中的有效值", Assert.Single(errors["education"]));
        Assert.Equal("code.invalid", Assert.Single(codes["education"]));
    }

    [Theory]
    [InlineData("广东东莞", null, "migrantWorkMonths", "migrant.together")]
    [InlineData(null, 6, "migrantWorkPlace", "migrant.together")]
    [InlineData("广东东莞", 13, "migrantWorkMonths", "migrant.months_range")]
    public async Task Put_MigrantPlaceAndMonths_MustComeTogetherWithin0To12(string? place, int? months, string field, string code)
    {
        var (_, _, son) = await NewHouseholdAsync();

        var (_, codes) = await RejectedAsync(son.Id, MemberEdit.From(son) with { MigrantWorkPlace = place, MigrantWorkMonths = months, Reason = "x" });

        Assert.Contains(code, codes[field]);
    }

    [Fact]
    public async Task Put_WithoutReason_IsRejected()
    {
        var (_, _, son) = await NewHouseholdAsync();

        var (errors, _) = await RejectedAsync(son.Id, MemberEdit.From(son) with { Name = "周小青" });

        Assert.Equal("请填写变更原因", Assert.Single(errors["reason"]));
    }

    [Fact]
    public async Task Put_NewValidIdNumber_TakesBirthDateFromIt_AndRecordsMaskedHistory()
    {
        var (hid, _, son) = await NewHouseholdAsync();
        var old = await RealIdAsync(son.Id);
        var newId = ResidentId.Create("411321", new DateOnly(1990, 3, 15), old.Gender == Gender.Male ? 13 : 14);
        using var client = app.Client();

        var response = await client.PutJsonAsync($"/api/members/{son.Id}", MemberEdit.From(son) with
        {
            IdNumber = newId.ToString().ToLowerInvariant(),
            MigrantWorkPlace = "广东东莞",
            MigrantWorkMonths = 10,
            Health = HealthConditions.Chronic | HealthConditions.Disabled,
            Reason = "户籍信息更正",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.Db.NewContext();
        var member = await db.Members.SingleAsync(m => m.Id == son.Id);
        Assert.Equal((newId, new DateOnly(1990, 3, 15), 1L), (member.IdNumber, member.BirthDate, member.Version));
        var details = await app.HouseholdAsync(hid);
        var idChange = Assert.Single(details.Changes, c => c.Field == nameof(Member.IdNumber));
        Assert.Equal(("证件号码", old.Masked, newId.Masked, "户籍信息更正", "成员"), (idChange.FieldLabel, idChange.OldValue, idChange.NewValue, idChange.Reason, idChange.EntityLabel));
        var birth = Assert.Single(details.Changes, c => c.Field == nameof(Member.BirthDate));
        Assert.Equal("1990-03-15", birth.NewValue);
        Assert.Equal("长期慢性病、残疾", Assert.Single(details.Changes, c => c.Field == nameof(Member.Health)).NewValue);
    }

    [Fact]
    public async Task Put_IdNumberOfAnotherMember_IsRejectedAsDuplicate()
    {
        var (_, head, son) = await NewHouseholdAsync();
        var headId = await RealIdAsync(head.Id);

        var (errors, codes) = await RejectedAsync(son.Id, MemberEdit.From(son) with { IdNumber = headId.ToString(), Reason = "x" });

        Assert.Contains("已登记为户", Assert.Single(errors["idNumber"]));
        Assert.Equal("id.duplicate", Assert.Single(codes["idNumber"]));
    }

    [Fact]
    public async Task Put_StaleVersion_Returns409AndKeepsTheOtherEdit()
    {
        var (_, _, son) = await NewHouseholdAsync();
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"/api/members/{son.Id}", MemberEdit.From(son) with { Name = "周先到", Reason = "先保存" })).StatusCode);

        var response = await client.PutJsonAsync($"/api/members/{son.Id}", MemberEdit.From(son) with { Name = "周后到", Reason = "后保存" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("\"code\":\"conflict\"", await response.Content.ReadAsStringAsync());
        await using var db = app.Db.NewContext();
        Assert.Equal("周先到", (await db.Members.SingleAsync(m => m.Id == son.Id)).Name);
    }

    [Fact]
    public async Task EditMemberPage_RendersMaskedPlaceholders_AndShowsErrorsBesideFields()
    {
        var (hid, head, _) = await NewHouseholdAsync();
        var real = await RealIdAsync(head.Id);
        using var client = app.Client();
        var url = $"/households/{hid}/members/{head.Id}/edit";

        var html = await client.GetStringAsync(url);
        Assert.Contains("编辑家庭成员", html);
        Assert.Contains($"placeholder=\"{real.Masked}\"", html);
        Assert.DoesNotContain(real.ToString(), html);

        var form = Api.HiddenFields(html);
        form["Input.Name"] = head.Name;
        form["Input.Relation"] = "户主";
        form["Input.Gender"] = head.Gender.ToString();
        form["Input.Ethnicity"] = "汉族";
        form["Input.PoliticalStatus"] = "群众";
        form["Input.Education"] = "初中";
        form["Input.LabourSkill"] = nameof(LabourSkill.Ordinary);
        form["Health"] = nameof(HealthConditions.Healthy);
        form["Input.IdNumber"] = WithWrongCheck(real.ToString());
        form["Input.Reason"] = "更正";
        var response = await client.PostAsync(url, new FormUrlEncodedContent(form));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-valmsg-for=\"Input.IdNumber\" data-valmsg-replace=\"true\">校验码错误", page);
    }

    async Task<ResidentId> RealIdAsync(long memberId)
    {
        await using var db = app.Db.NewContext();
        return (await db.Members.SingleAsync(m => m.Id == memberId)).IdNumber!.Value;
    }
}
