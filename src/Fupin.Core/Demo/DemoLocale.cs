using Fupin.Regions;

namespace Fupin.Demo;

/// <summary>
/// The places a generated household names that depend on its county: the county town and the city
/// where people find work nearby, the provincial capital, and the county's rural credit union (the
/// bank most poor households hold their 一卡通 account with).
/// </summary>
internal sealed class DemoLocale
{
    DemoLocale(string countyCode, string countyName, string cityName, string capitalName)
    {
        CountyCode = countyCode;
        CountyName = countyName;
        CreditUnion = countyName + "农村信用合作联社";
        WorkPlaces =
        [
            ((countyName.EndsWith('县') ? countyName + "城" : countyName, false), 16), ((cityName, false), 14), ((capitalName, false), 14),
            (("浙江省宁波市", true), 14), (("广东省东莞市", true), 12), (("江苏省苏州市", true), 8), (("浙江省杭州市", true), 6),
            (("广东省深圳市", true), 6), (("上海市", true), 5), (("北京市", true), 5),
        ];
        Banks = [(CreditUnion, 0.64), ("中国邮政储蓄银行", 0.26), ("中国农业银行", 0.10)];
    }

    public string CountyCode { get; }
    public string CountyName { get; }
    public string CreditUnion { get; }

    /// <summary>Where migrant workers go, and whether it is far (longer stays).</summary>
    public ((string Place, bool Far) Item, double Weight)[] WorkPlaces { get; }

    public (string Item, double Weight)[] Banks { get; }

    /// <summary>The locale of a county in the region catalogue.</summary>
    public static DemoLocale For(string countyCode)
    {
        var county = RegionCatalog.Find(countyCode) ?? throw new ArgumentException($"未知的县级区划代码 {countyCode}", nameof(countyCode));
        var city = county.ParentCode is { } c ? RegionCatalog.Find(c) : null;
        // 市辖区 and 省直辖县级行政区划 are not places anyone names as where they work.
        var cityName = city is not null && city.Name.EndsWith('市') ? city.Name : county.Name;
        var capital = RegionCatalog.ChildrenOf(countyCode[..2]).FirstOrDefault();
        var capitalName = capital is not null && capital.Name.EndsWith('市') ? capital.Name : RegionCatalog.Find(countyCode[..2])?.Name ?? cityName;
        return new DemoLocale(countyCode, county.Name, cityName, capitalName);
    }
}
