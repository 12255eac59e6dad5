using System.CommandLine;
using System.Text.Json;
using Fupin.Common;
using Fupin.Registry;

namespace Fupin.Cli.Commands;

/// <summary>`fupin id NUMBER [--json]`: is it a valid resident ID number, and what does it encode. Exit 0 valid, 1 invalid.</summary>
public static class IdCommand
{
    public static Command Create(CliContext ctx)
    {
        var number = new Argument<string>("number") { Description = "身份证号码（18位，或15位旧号码）/ resident ID number" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出 / print JSON" };
        var command = new Command("id", "校验并解析身份证号码 / validate and decode a resident ID number") { number, json };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(number) ?? "";
            var today = ctx.Clock.Today();
            var r = ResidentId.Parse(text, today);
            if (parse.GetValue(json))
            {
                ctx.Out.WriteLine(JsonSerializer.Serialize(r.IsValid
                    ? new
                    {
                        valid = true,
                        input = text,
                        normalized = r.Id.Value.ToString(),
                        upgradedFrom15 = r.UpgradedFrom15,
                        region = r.Id.Value.RegionCode,
                        regionName = RegionName(r.Id.Value.RegionCode),
                        birthDate = r.Id.Value.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        gender = r.Id.Value.Gender == Gender.Male ? "male" : "female",
                        sequence = r.Id.Value.Sequence,
                        checkCharacter = r.Id.Value.CheckChar.ToString(),
                        key = r.Id.Value.Key,
                    }
                    : (object)new { valid = false, input = text, error = ErrorCode(r.Error), message = r.MessageZh, messageEn = r.MessageEn }, CliJson.Options));
            }
            else if (r.IsValid)
            {
                var id = r.Id.Value;
                var gender = id.Gender == Gender.Male ? ("男", "male") : ("女", "female");
                ctx.Out.WriteLine($"有效 / valid: {id}");
                if (r.UpgradedFrom15) ctx.Out.WriteLine("  由15位旧号码升级 / upgraded from a 15-digit legacy number");
                ctx.Out.WriteLine($"  地址码 / region:      {id.RegionCode} {RegionName(id.RegionCode)}");
                ctx.Out.WriteLine($"  出生日期 / birth date: {id.BirthDate:yyyy-MM-dd}");
                ctx.Out.WriteLine($"  性别 / gender:        {gender.Item1} / {gender.Item2} (顺序码 sequence {id.Sequence:D3})");
                ctx.Out.WriteLine($"  校验码 / check:       {id.CheckChar}");
            }
            else
            {
                ctx.Out.WriteLine($"无效 / invalid: {text}");
                ctx.Out.WriteLine($"  {r.MessageZh}");
                ctx.Out.WriteLine($"  {r.MessageEn}");
            }
            return r.IsValid ? 0 : 1;
        });
        return command;
    }

    static string ErrorCode(ResidentIdError e) => e switch
    {
        ResidentIdError.Empty => "empty",
        ResidentIdError.WrongLength => "wrong-length",
        ResidentIdError.BadCharacter => "bad-character",
        ResidentIdError.BadRegion => "bad-region",
        ResidentIdError.ImpossibleDate => "impossible-date",
        ResidentIdError.FutureBirth => "future-birth",
        ResidentIdError.BadCheckCharacter => "bad-check-character",
        _ => "none",
    };

    /// <summary>The county, city and province the region code names, where the national tables know it.</summary>
    static string RegionName(string code)
    {
        var names = new[] { code[..2], code[..4], code }.Select(c => Regions.RegionCatalog.Find(c)?.Name).Where(n => n is not null and not "市辖区" and not "县").Distinct();
        var text = string.Concat(names);
        return text.Length > 0 ? text : "（区划代码表中未找到 / not in the division tables）";
    }
}
