using Fupin.Registry;

namespace Fupin.Tests.Registry;

public class ResidentIdTests
{
    static readonly DateOnly Today = new(2018, 10, 8);

    // Check characters computed by hand with the MOD 11-2 weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
    [Theory]
    [InlineData("11010519491231002X", "110105", 1949, 12, 31, Gender.Female)]
    [InlineData("440524198001010013", "440524", 1980, 1, 1, Gender.Male)]
    public void Parse_ValidNumber_DecodesRegionBirthAndGender(string text, string region, int y, int m, int d, Gender gender)
    {
        var r = ResidentId.Parse(text, Today);
        Assert.True(r.IsValid, r.MessageZh);
        Assert.Equal(region, r.Id.Value.RegionCode);
        Assert.Equal(new DateOnly(y, m, d), r.Id.Value.BirthDate);
        Assert.Equal(gender, r.Id.Value.Gender);
        Assert.Equal(text, r.Id.Value.ToString());
    }

    [Fact]
    public void Parse_FullWidthSpacesAndLowerCaseX_AreNormalised()
    {
        var r = ResidentId.Parse(" １１０１０５ 19491231002x ", Today);
        Assert.True(r.IsValid, r.MessageZh);
        Assert.Equal("11010519491231002X", r.Id.Value.ToString());
    }

    [Fact]
    public void Parse_BadCheckCharacter_NamesTheExpectedOne()
    {
        var r = ResidentId.Parse("110105194912310021", Today);
        Assert.Equal(ResidentIdError.BadCheckCharacter, r.Error);
        Assert.Contains("校验码", r.MessageZh);
        Assert.Contains("X", r.MessageZh);
    }

    [Theory]
    [InlineData("11010519491231002", ResidentIdError.WrongLength)]
    [InlineData("1101051949123100212", ResidentIdError.WrongLength)]
    [InlineData("110105194902300027", ResidentIdError.ImpossibleDate)]
    [InlineData("11010519491331002X", ResidentIdError.ImpossibleDate)]
    [InlineData("1101051949A231002X", ResidentIdError.BadCharacter)]
    [InlineData("188001010000000014", ResidentIdError.ImpossibleDate)]
    public void Parse_Malformed_ReportsTheFault(string text, ResidentIdError expected)
    {
        var r = ResidentId.Parse(text, Today);
        Assert.False(r.IsValid);
        Assert.Equal(expected, r.Error);
        Assert.False(string.IsNullOrEmpty(r.MessageZh));
    }

    [Fact]
    public void Parse_BirthAfterToday_IsRejected()
    {
        var future = ResidentId.Create("411321", new DateOnly(2018, 10, 9), 1).ToString();
        var r = ResidentId.Parse(future, Today);
        Assert.Equal(ResidentIdError.FutureBirth, r.Error);
        Assert.Contains("晚于今天", r.MessageZh);
    }

    [Fact]
    public void Parse_LegacyFifteenDigits_IsUpgradedWithCheckCharacter()
    {
        var r = ResidentId.Parse("110105491231002", Today);
        Assert.True(r.IsValid, r.MessageZh);
        Assert.True(r.UpgradedFrom15);
        Assert.Equal("11010519491231002X", r.Id.Value.ToString());
    }

    [Fact]
    public void Key_RoundTripsThroughSixtyFourBits()
    {
        var id = ResidentId.Create("411321", new DateOnly(1960, 2, 29), 17);
        Assert.Equal(id, ResidentId.FromKey(id.Key));
        Assert.Equal(18, id.ToString().Length);
        Assert.Equal(Gender.Male, id.Gender);
    }

    [Fact]
    public void Masked_KeepsRegionAndLastFour()
    {
        var id = ResidentId.Parse("11010519491231002X", Today).Id!.Value;
        Assert.Equal("110105********002X", id.Masked);
    }
}
