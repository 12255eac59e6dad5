using System.Text.Json;

namespace Fupin.Tests;

public class IdCommandTests
{
    [Fact]
    public async Task Id_ValidNumberWithX_ExitsZeroAndPrintsBirthAndGender()
    {
        var (code, output, _) = await CliRunner.RunAsync(null, "id", "41132119900101011x");
        Assert.Equal(0, code);
        Assert.Contains("41132119900101011X", output);
        Assert.Contains("1990-01-01", output);
        Assert.Contains("男", output);
        Assert.Contains("南召县", output);
    }

    [Theory]
    [InlineData("411321199001010112", "bad-check-character", "校验码")]
    [InlineData("41132119900231011X", "impossible-date", "不是有效日期")]
    [InlineData("4113211990010101", "wrong-length", "18位")]
    [InlineData("411321201810090118", "future-birth", "晚于今天")]
    public async Task Id_InvalidNumber_ExitsOneAndNamesTheFault(string number, string errorCode, string messagePart)
    {
        var (code, output, _) = await CliRunner.RunAsync(null, "id", number, "--json");
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(errorCode, json.RootElement.GetProperty("error").GetString());
        Assert.Contains(messagePart, json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Id_Json_ReportsKeyThatRebuildsTheNumber()
    {
        var (code, output, _) = await CliRunner.RunAsync(null, "id", "110105491231002", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("upgradedFrom15").GetBoolean());
        Assert.Equal("11010519491231002X", root.GetProperty("normalized").GetString());
        Assert.Equal("female", root.GetProperty("gender").GetString());
        Assert.Equal("11010519491231002X", Registry.ResidentId.FromKey(root.GetProperty("key").GetInt64()).ToString());
    }
}
