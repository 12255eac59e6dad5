using System.Globalization;
using Fupin.Demo;
using Fupin.Imports;
using Fupin.Registry;
using nietras.SeparatedValues;

namespace Fupin.Generate;

/// <summary>One planted problem: the file row the checker must report it at, the household and the rule code.</summary>
/// <param name="Kind">What was done to the row (finer than the rule, e.g. id-check-digit under id.invalid).</param>
public sealed record PlantedAnomaly(int Row, string Household, string Rule, string Kind);

/// <summary>
/// The manifest of planted problems written beside a generated file (<c>NAME.anomalies.csv</c>:
/// row, household, rule, kind), and how a reported problem is matched against it.
/// </summary>
public static class AnomalyManifest
{
    public static string PathFor(string registryPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(registryPath)) ?? ".", Path.GetFileNameWithoutExtension(registryPath) + ".anomalies.csv");

    public static IReadOnlyList<PlantedAnomaly> Read(string manifestPath)
    {
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true }).FromFile(manifestPath);
        var list = new List<PlantedAnomaly>();
        foreach (var row in reader)
            list.Add(new PlantedAnomaly(row["row"].Parse<int>(), row["household"].ToString(), row["rule"].ToString(), row["kind"].ToString()));
        return list;
    }

    /// <summary>
    /// True when a problem the import reported is the planted one. The import refines 身份证号码有误
    /// (<see cref="Rules.IdInvalid"/>) into the ID parser's own codes (id.bad_check_character …), so
    /// those count as id.invalid.
    /// </summary>
    public static bool IsReportedAs(string plantedRule, string reportedRule) =>
        plantedRule == reportedRule
        || (plantedRule == Rules.IdInvalid.Code && reportedRule is "id.bad_check_character" or "id.wrong_length" or "id.bad_character"
            or "id.bad_region" or "id.impossible_date" or "id.future_birth" or "id.empty");
}

/// <summary>
/// Plants one problem in a household, of a kind that household can carry, so that exactly that
/// problem (and nothing else) is what the import's checker finds: the rule codes are those of
/// <see cref="Rules"/>. Draws come from their own random stream, so a file with anomalies is the
/// clean file of the same seed with only the planted rows changed.
/// </summary>
internal sealed class AnomalyPlanter
{
    internal enum Kind { IdCheckDigit, IdDuplicate, IdAsNumber, TwoHeads, NoHead, SpouseSeveral, GenderMismatch, MigrantWithoutMonths, EducationAndStudent, PhoneLength }

    static readonly Kind[] AllKinds = Enum.GetValues<Kind>();

    /// <summary>ID numbers of clean members of this county by sex and age, to copy into a later household.</summary>
    readonly (ResidentId Id, DateOnly Birth)?[] _donors = new (ResidentId, DateOnly)?[2 * 128];
    readonly DateOnly _today;

    public AnomalyPlanter(DateOnly today) => _today = today;

    public void StartCounty() => Array.Clear(_donors);

    static int DonorSlot(Gender g, int age) => (g == Gender.Male ? 128 : 0) + Math.Clamp(age, 0, 127);

    /// <summary>Remembers the members of a household left clean.</summary>
    public void Offer(Household h)
    {
        foreach (var m in h.Members)
        {
            if (m.IdNumber is { } id) _donors[DonorSlot(m.Gender, m.AgeOn(_today))] = (id, m.BirthDate);
        }
    }

    /// <summary>
    /// Changes the household (or sets <paramref name="idText"/>, the text to write instead of a
    /// member's ID number) and returns the planted problem; <paramref name="firstRow"/> is the
    /// household's first row in the file, members follow in order.
    /// </summary>
    public PlantedAnomaly Plant(Random r, Household h, int firstRow, string?[] idText)
    {
        var members = h.Members;
        var candidates = AllKinds.Where(k => Fits(k, members)).ToArray();
        var kind = r.Pick(candidates);
        int index;
        string rule;
        switch (kind)
        {
            case Kind.IdCheckDigit:
            {
                index = r.Next(members.Count);
                var text = members[index].IdNumber!.Value.ToString();
                var wrong = "0123456789X"[(("0123456789X".IndexOf(text[17], StringComparison.Ordinal)) + r.Inclusive(1, 10)) % 11];
                idText[index] = string.Concat(text.AsSpan(0, 17), new string(wrong, 1));
                rule = Rules.IdInvalid.Code;
                break;
            }
            case Kind.IdDuplicate:
            {
                var options = Enumerable.Range(0, members.Count).Where(i => Donor(members[i]) is not null).ToArray();
                index = r.Pick(options);
                var (id, birth) = Donor(members[index])!.Value;
                members[index].IdNumber = id;
                members[index].BirthDate = birth;
                rule = Rules.IdDuplicate.Code;
                break;
            }
            case Kind.IdAsNumber:
                index = r.Next(members.Count);
                // What Excel shows for an 18-digit number typed into a General cell.
                idText[index] = (members[index].IdNumber!.Value.Key * 10.0).ToString("0.#####E+00", CultureInfo.InvariantCulture);
                rule = Rules.IdNumeric.Code;
                break;
            case Kind.TwoHeads:
                index = r.Inclusive(1, members.Count - 1);
                members[index].Relation = "户主";
                rule = Rules.HeadSeveral.Code;
                break;
            case Kind.NoHead:
                members[0].Relation = "其他";
                index = 0;
                rule = Rules.HeadMissing.Code;
                break;
            case Kind.SpouseSeveral:
                // Spouses are second in a household; the later 配偶 in file order is the one reported.
                members[1].Relation = "配偶";
                index = members.Count - 1;
                members[index].Relation = "配偶";
                rule = Rules.SpouseSeveral.Code;
                break;
            case Kind.GenderMismatch:
            {
                var options = Enumerable.Range(1, members.Count - 1).Where(i => members[i].Relation != "配偶").ToArray();
                index = r.Pick(options);
                members[index].Gender = members[index].Gender == Gender.Male ? Gender.Female : Gender.Male;
                rule = Rules.IdGenderMismatch.Code;
                break;
            }
            case Kind.MigrantWithoutMonths:
            {
                var migrants = Enumerable.Range(0, members.Count).Where(i => members[i].MigrantWorkPlace is not null).ToArray();
                index = migrants.Length > 0 ? r.Pick(migrants) : r.Next(members.Count);
                members[index].MigrantWorkPlace ??= "郑州市";
                members[index].MigrantWorkMonths = null;
                rule = Rules.MigrantTogether.Code;
                break;
            }
            case Kind.EducationAndStudent:
            {
                var students = Enumerable.Range(0, members.Count).Where(i => members[i].StudentStatus is not null).ToArray();
                index = r.Pick(students);
                members[index].Education = "小学";
                rule = Rules.EducationExclusive.Code;
                break;
            }
            default:
            {
                index = r.Next(members.Count);
                var m = members[index];
                var phone = m.Phone ?? DemoGenerator.MobilePhone(r);
                m.Phone = r.Chance(0.5) ? phone[..10] : phone + r.Next(10).ToString(CultureInfo.InvariantCulture);
                rule = Rules.PhoneLength.Code;
                break;
            }
        }
        // A missing head is reported on the household's first row.
        return new PlantedAnomaly(firstRow + index, h.Number, rule, KindName(kind));
    }

    (ResidentId Id, DateOnly Birth)? Donor(Member m) => _donors[DonorSlot(m.Gender, m.AgeOn(_today))];

    bool Fits(Kind kind, List<Member> members) => kind switch
    {
        Kind.IdDuplicate => members.Any(m => Donor(m) is not null),
        Kind.TwoHeads => members.Count >= 2,
        Kind.SpouseSeveral => members.Count >= 3,
        Kind.GenderMismatch => members.Skip(1).Any(m => m.Relation != "配偶"),
        Kind.EducationAndStudent => members.Any(m => m.StudentStatus is not null),
        _ => true,
    };

    static string KindName(Kind kind) => kind switch
    {
        Kind.IdCheckDigit => "id-check-digit",
        Kind.IdDuplicate => "id-duplicate",
        Kind.IdAsNumber => "id-as-number",
        Kind.TwoHeads => "two-heads",
        Kind.NoHead => "no-head",
        Kind.SpouseSeveral => "two-spouses",
        Kind.GenderMismatch => "gender-mismatch",
        Kind.MigrantWithoutMonths => "migrant-without-months",
        Kind.EducationAndStudent => "education-and-student",
        _ => "phone-length",
    };
}
