using System.Globalization;
using Fupin.Registry;

namespace Fupin.Demo;

/// <summary>
/// The members of one demo household: who lives together (relations and ages that fit), then each
/// person's name, ID number, schooling, health, labour, migrant work, insurance and party status.
/// ID numbers come from <paramref name="newId"/> (the demo draws random sequence numbers; the
/// province generator counts them per county and birth date); the county's own places come from
/// <paramref name="locale"/>.
/// </summary>
internal sealed class DemoFamilies(Random r, Func<DateOnly, Gender, ResidentId> newId, DemoLocale locale)
{
    static readonly DateOnly Today = DemoCounty.BusinessDate;

    internal readonly record struct Person(string Relation, Gender Gender, int Age, string Surname);

    // ---- who lives together ----

    /// <summary>
    /// A household of <paramref name="size"/> people. An elderly head (60+) lives alone, with a
    /// spouse, or with one grown child and that child's family; a working-age head with spouse,
    /// children, own parents and, if the house is still not full, a married son's family or siblings.
    /// </summary>
    public List<Person> Compose(int size, bool elderlyHead, bool poorNow, string[] clans)
    {
        var people = new List<Person>(size);
        if (elderlyHead) ComposeElderly(people, size, poorNow, clans);
        else ComposeWorking(people, size, poorNow, clans);
        return people;
    }

    string Surname() => r.Weighted(ChineseNames.Surnames);

    string HeadSurname(string[] clans) => r.Chance(0.4) ? r.Pick(clans) : Surname();

    string OtherSurname(string not)
    {
        var s = Surname();
        return s == not ? Surname() : s;
    }

    static Gender Opposite(Gender g) => g == Gender.Male ? Gender.Female : Gender.Male;

    void ComposeElderly(List<Person> people, int size, bool poorNow, string[] clans)
    {
        // The still-poor elderly are older: most of them are past 65.
        var age = poorNow ? 61 + (int)(31 * Math.Pow(r.NextDouble(), 1.2)) : 60 + (int)(30 * Math.Pow(r.NextDouble(), 1.4));
        var gender = r.Chance(size == 1 ? 0.55 : 0.8) ? Gender.Male : Gender.Female;
        var head = new Person("户主", gender, age, HeadSurname(clans));
        people.Add(head);
        var childSurname = gender == Gender.Male ? head.Surname : OtherSurname(head.Surname);
        if (people.Count < size && r.Chance(gender == Gender.Male ? 0.8 : 0.25))
        {
            var spouseAge = Math.Clamp(age + (gender == Gender.Male ? -r.Inclusive(0, 6) : r.Inclusive(0, 6)), 55, 98);
            var spouse = new Person("配偶", Opposite(gender), spouseAge, OtherSurname(head.Surname));
            if (gender == Gender.Female) childSurname = spouse.Surname;
            people.Add(spouse);
        }
        if (people.Count >= size) return;

        // One grown child stays at home (often the one who cannot leave), with a family of their own.
        var childAge = Math.Max(18, age - r.Inclusive(22, 38));
        var son = r.Chance(0.78);
        people.Add(new Person(son ? "之子" : "之女", son ? Gender.Male : Gender.Female, childAge, childSurname));
        if (people.Count < size && childAge >= 22 && r.Chance(0.8))
        {
            var inLaw = son
                ? new Person("之儿媳", Gender.Female, Math.Max(20, childAge + r.Inclusive(-4, 2)), OtherSurname(childSurname))
                : new Person("之女婿", Gender.Male, Math.Max(20, childAge + r.Inclusive(-2, 4)), OtherSurname(childSurname));
            people.Add(inLaw);
            var grandSurname = son ? childSurname : (r.Chance(0.5) ? childSurname : inLaw.Surname);
            AddGrandchildren(people, size, Math.Min(childAge, inLaw.Age), grandSurname, son);
        }
        while (people.Count < size)
        {
            var male = r.Chance(0.6);
            people.Add(new Person(male ? "之子" : "之女", male ? Gender.Male : Gender.Female, Math.Max(16, age - r.Inclusive(20, 40)), childSurname));
        }
    }

    void AddGrandchildren(List<Person> people, int size, int parentAge, string surname, bool throughSon)
    {
        var age = parentAge - r.Inclusive(20, 30);
        while (people.Count < size && age >= 0)
        {
            var male = r.Chance(0.53);
            var relation = (throughSon, male) switch
            {
                (true, true) => "之孙子",
                (true, false) => "之孙女",
                (false, true) => "之外孙子",
                _ => "之外孙女",
            };
            people.Add(new Person(relation, male ? Gender.Male : Gender.Female, age, surname));
            age -= r.Inclusive(1, 6);
        }
    }

    void ComposeWorking(List<Person> people, int size, bool poorNow, string[] clans)
    {
        var age = size switch
        {
            1 => r.Inclusive(30, 59),
            >= 5 => r.Inclusive(34, 64),
            _ => (int)Math.Round(r.Between(26, 50) + r.Between(0, 14)),
        };
        var gender = r.Chance(size == 1 ? 0.8 : 0.9) ? Gender.Male : Gender.Female;
        var head = new Person("户主", gender, age, HeadSurname(clans));
        people.Add(head);
        Person? spouse = null;
        if (people.Count < size && r.Chance(0.9))
        {
            var spouseAge = Math.Max(20, age + (gender == Gender.Male ? -r.Inclusive(-1, 5) : r.Inclusive(-1, 5)));
            spouse = new Person("配偶", Opposite(gender), spouseAge, OtherSurname(head.Surname));
            people.Add(spouse.Value);
        }
        var childSurname = gender == Gender.Male ? head.Surname : spouse?.Surname ?? OtherSurname(head.Surname);

        // The head's (or, for a woman head, her husband's) parents.
        var x = r.NextDouble();
        var parents = age >= 58 ? 0 : x < (poorNow ? 0.45 : 0.62) ? 0 : x < 0.87 ? 1 : 2;

        var childAges = new List<int>(4);
        var youngest = Math.Min(age, spouse?.Age ?? age);
        for (var c = youngest - r.Inclusive(21, 30); childAges.Count < 4; c -= r.Inclusive(1, 6))
        {
            childAges.Add(Math.Max(0, c));
            if (c <= 0) break;
        }
        var slots = size - people.Count;
        var children = Math.Min(childAges.Count, Math.Max(slots - parents, slots > 0 ? 1 : 0));
        Person? eldest = null;
        for (var i = 0; i < children; i++)
        {
            var male = r.Chance(0.53);
            var child = new Person(male ? "之子" : "之女", male ? Gender.Male : Gender.Female, childAges[i], childSurname);
            eldest ??= child;
            people.Add(child);
        }

        if (people.Count < size && eldest is { Gender: Gender.Male, Age: >= 22 } son)
        {
            people.Add(new Person("之儿媳", Gender.Female, Math.Max(20, son.Age + r.Inclusive(-4, 2)), OtherSurname(son.Surname)));
            AddGrandchildren(people, size, son.Age, son.Surname, throughSon: true);
        }

        // Widows outlive their husbands: a single parent at home is mostly the mother.
        if (age < 66)
        {
            var parentSurname = gender == Gender.Male || spouse is null ? head.Surname : spouse.Value.Surname;
            var (father, mother) = gender == Gender.Male || spouse is null ? ("之父", "之母") : ("之公公", "之婆婆");
            var fatherAge = Math.Min(96, age + r.Inclusive(22, 34));
            var motherAge = Math.Min(96, fatherAge - r.Inclusive(0, 5));
            var motherFirst = r.Chance(0.65);
            for (var k = 0; k < 2 && people.Count < size && (k < parents || people.Count < size); k++)
            {
                people.Add((k == 0) == motherFirst
                    ? new Person(mother, Gender.Female, motherAge, OtherSurname(parentSurname))
                    : new Person(father, Gender.Male, fatherAge, parentSurname));
            }
        }
        while (people.Count < size)
        {
            var male = r.Chance(0.7);
            people.Add(new Person("之兄弟姐妹", male ? Gender.Male : Gender.Female, Math.Max(16, age + r.Inclusive(-10, 10)), head.Surname));
        }
    }

    // ---- the people ----

    public List<Member> MakeMembers(Household h, Cohort cohort, List<Person> people)
    {
        var poorNow = cohort is Cohort.Plan2018 or Cohort.Plan2019 or Cohort.Relapsed;
        var hui = r.Chance(0.004);
        var members = new List<Member>(people.Count);
        for (var i = 0; i < people.Count; i++)
        {
            var p = people[i];
            var birth = BirthDateFor(p.Age);
            var m = new Member
            {
                CountyCode = h.CountyCode,
                Number = h.Number + (i + 1).ToString("D2", CultureInfo.InvariantCulture),
                Name = p.Surname + ChineseNames.GivenName(r, p.Gender, birth.Year),
                IdNumber = newId(birth, p.Gender),
                Relation = p.Relation,
                Gender = p.Gender,
                BirthDate = birth,
                Ethnicity = hui ? "回族" : "汉族",
            };
            SetSchooling(m, p.Age);
            m.Health = BaselineHealth(p.Age, poorNow);
            members.Add(m);
        }

        EnsureCause(h.MainCause, members);
        foreach (var c in h.OtherCauses) EnsureCause(c, members);

        foreach (var m in members)
        {
            var age = m.AgeOn(Today);
            m.LabourSkill = Labour(m, age);
            if (age is >= 16 and < 60 && m.StudentStatus is null && m.LabourSkill is LabourSkill.Ordinary or LabourSkill.Skilled && r.Chance(0.3))
            {
                (m.MigrantWorkPlace, var far) = r.Weighted(locale.WorkPlaces);
                m.MigrantWorkMonths = far ? r.Inclusive(6, 12) : r.Inclusive(3, 12);
            }
            m.HasBasicMedical = r.Chance(0.99);
            m.HasCriticalIllness = m.HasBasicMedical && r.Chance(0.98);
            m.HasPension = age >= 16 && m.StudentStatus is null && r.Chance(0.93);
            m.IsDibao = h.Attribute == HouseholdAttribute.Dibao;
            m.IsTekun = h.Attribute == HouseholdAttribute.Tekun;
            m.PoliticalStatus = Political(m, age);
            m.Phone = m.IsHead ? (r.Chance(0.9) ? DemoGenerator.MobilePhone(r) : null)
                : age is >= 16 and <= 65 && r.Chance(0.45) ? DemoGenerator.MobilePhone(r) : null;
        }
        return members;
    }

    /// <summary>A birth date that makes the person exactly <paramref name="age"/> on the business date.</summary>
    DateOnly BirthDateFor(int age)
    {
        var latest = Today.AddYears(-age);
        var earliest = Today.AddYears(-(age + 1)).AddDays(1);
        return earliest.AddDays(r.Next(latest.DayNumber - earliest.DayNumber + 1));
    }

    // ---- schooling (the 2017+ code lists: exactly one of Education and StudentStatus) ----

    void SetSchooling(Member m, int age)
    {
        // Children start school in the September after they turn six.
        var entryYear = m.BirthDate.Year + (m.BirthDate.Month <= 8 ? 6 : 7);
        var grade = Today.Year - entryYear + 1;
        string? status = grade switch
        {
            <= -3 => "学龄前儿童",
            <= 0 => r.Chance(0.9) ? "学前教育" : "学龄前儿童",
            <= 6 => "小学",
            7 => "七年级",
            8 => "八年级",
            9 => "九年级",
            <= 12 => r.Chance(0.85) ? (r.Chance(0.65) ? "普通高中一～三年级" : "中职一～三年级") : null,
            <= 15 => r.Chance(0.3) ? (r.Chance(0.55) ? "高职高专一～三年级" : "本科一～五年级") : null,
            <= 17 => r.Chance(0.08) ? "本科一～五年级" : null,
            _ => null,
        };
        if (status is not null)
        {
            m.StudentStatus = status;
            return;
        }
        m.Education = grade switch
        {
            <= 12 => "初中",
            <= 15 => r.Chance(0.6) ? "高中" : "初中",
            _ => r.Weighted(EducationFor(m.BirthDate.Year, age)),
        };
    }

    static (string Item, double Weight)[] EducationFor(int birthYear, int age) => birthYear switch
    {
        < 1950 => [("文盲或半文盲", 0.5), ("小学", 0.4), ("初中", 0.1)],
        < 1965 => [("文盲或半文盲", 0.25), ("小学", 0.45), ("初中", 0.25), ("高中", 0.05)],
        < 1980 => [("文盲或半文盲", 0.06), ("小学", 0.34), ("初中", 0.48), ("高中", 0.11), ("大专", 0.01)],
        _ when age < 21 => [("初中", 0.6), ("高中", 0.4)],
        < 1995 => [("文盲或半文盲", 0.02), ("小学", 0.13), ("初中", 0.6), ("高中", 0.18), ("大专", 0.05), ("本科及以上", 0.02)],
        _ => [("初中", 0.5), ("高中", 0.35), ("大专", 0.11), ("本科及以上", 0.04)],
    };

    // ---- health and labour ----

    HealthConditions BaselineHealth(int age, bool poorNow)
    {
        var (chronic, serious, disabled) = age switch
        {
            < 16 => (0.015, 0.005, 0.01),
            < 60 => (0.06, 0.015, 0.03),
            < 75 => (0.25, 0.04, 0.06),
            _ => (0.4, 0.06, 0.1),
        };
        var k = poorNow ? 1.5 : 1.0;
        var h = HealthConditions.None;
        if (r.Chance(chronic * k)) h |= HealthConditions.Chronic;
        if (r.Chance(serious * k)) h |= HealthConditions.Serious;
        if (r.Chance(disabled * k)) h |= HealthConditions.Disabled;
        return h == HealthConditions.None ? HealthConditions.Healthy : h;
    }

    /// <summary>因病 means someone is chronically or seriously ill, 因残 that someone is disabled.</summary>
    void EnsureCause(PovertyCause cause, List<Member> members)
    {
        var flag = cause switch
        {
            PovertyCause.Illness => r.Chance(0.65) ? HealthConditions.Chronic : HealthConditions.Serious,
            PovertyCause.Disability => HealthConditions.Disabled,
            _ => HealthConditions.None,
        };
        if (flag == HealthConditions.None) return;
        var wanted = cause == PovertyCause.Illness ? HealthConditions.Chronic | HealthConditions.Serious : HealthConditions.Disabled;
        if (members.Any(m => (m.Health & wanted) != 0)) return;

        // Mostly the head, the spouse or an old parent; sometimes a child.
        var adults = members.Where(m => m.AgeOn(Today) >= 30).ToList();
        var who = adults.Count > 0 && r.Chance(0.85) ? r.Pick(adults) : r.Pick(members);
        who.Health = (who.Health & ~HealthConditions.Healthy) | flag;
    }

    LabourSkill Labour(Member m, int age)
    {
        if (age < 16 || m.StudentStatus is not null) return LabourSkill.None;
        var h = m.Health;
        if (age >= 75) return r.Chance(0.6) ? LabourSkill.None : LabourSkill.Lost;
        if (h.HasFlag(HealthConditions.Serious)) return r.Chance(0.7) ? LabourSkill.Lost : LabourSkill.Weak;
        if (h.HasFlag(HealthConditions.Disabled)) return r.Chance(0.55) ? LabourSkill.Lost : LabourSkill.Weak;
        if (age >= 65)
        {
            return h.HasFlag(HealthConditions.Chronic)
                ? r.Weighted([(LabourSkill.Lost, 0.6), (LabourSkill.None, 0.25), (LabourSkill.Weak, 0.15)])
                : r.Weighted([(LabourSkill.Weak, 0.3), (LabourSkill.Lost, 0.4), (LabourSkill.None, 0.3)]);
        }
        if (h.HasFlag(HealthConditions.Chronic)) return r.Weighted([(LabourSkill.Weak, 0.55), (LabourSkill.Ordinary, 0.3), (LabourSkill.Lost, 0.15)]);
        if (age >= 60) return r.Weighted([(LabourSkill.Ordinary, 0.35), (LabourSkill.Weak, 0.5), (LabourSkill.Lost, 0.15)]);
        return r.Weighted([(LabourSkill.Ordinary, 0.82), (LabourSkill.Skilled, 0.12), (LabourSkill.Weak, 0.06)]);
    }

    string Political(Member m, int age)
    {
        if (age >= 25)
        {
            var party = m.Gender == Gender.Male ? 0.045 : 0.012;
            return r.Chance(party) ? "中共党员" : r.Chance(0.002) ? "中共预备党员" : "群众";
        }
        if (age >= 14 && (m.StudentStatus is not null || m.Education is "高中" or "大专" or "本科及以上")) return r.Chance(0.45) ? "共青团员" : "群众";
        if (age >= 14) return r.Chance(0.12) ? "共青团员" : "群众";
        return "群众";
    }
}
