namespace Fupin.Assessment;

/// <summary>
/// One item of a province's village exit checklist beyond incidence (e.g. 通村公路硬化, 标准化卫生室).
/// Data, not code: the county office adds, renames or retires items. Seeded for Henan (province 41).
/// </summary>
public sealed class VillageChecklistItem
{
    public int Id { get; set; }

    /// <summary>2-digit province code; "00" for the national default list.</summary>
    public required string ProvinceCode { get; set; }

    /// <summary>Stable key for programs and imports (road, power, water …).</summary>
    public required string Key { get; set; }
    public required string Label { get; set; }
    public int Order { get; set; }

    /// <summary>Required items must all be met for a village to exit; the others are considered (参考) and shown.</summary>
    public bool Required { get; set; } = true;
    public bool Active { get; set; } = true;
    public string? Note { get; set; }

    const string Henan = "河南省贫困村退出标准（见 shared/data/national-layout.md §4）";

    public static IReadOnlyList<VillageChecklistItem> Seed { get; } =
    [
        new() { Id = 1, ProvinceCode = "41", Key = "road", Label = "有一条通村公路实现硬化", Order = 1, Note = Henan },
        new() { Id = 2, ProvinceCode = "41", Key = "bus", Label = "具备条件的村通客运班车", Order = 2, Note = Henan },
        new() { Id = 3, ProvinceCode = "41", Key = "water", Label = "农村饮用水符合安全卫生评价指标", Order = 3, Note = Henan },
        new() { Id = 4, ProvinceCode = "41", Key = "power", Label = "基本满足生产生活用电需求", Order = 4, Note = Henan },
        new() { Id = 5, ProvinceCode = "41", Key = "tv", Label = "广播电视户户通", Order = 5, Note = Henan },
        new() { Id = 6, ProvinceCode = "41", Key = "culture", Label = "有综合性文化服务中心", Order = 6, Note = Henan },
        new() { Id = 7, ProvinceCode = "41", Key = "clinic", Label = "有标准化卫生室", Order = 7, Note = Henan },
        new() { Id = 8, ProvinceCode = "41", Key = "doctor", Label = "有合格乡村医生或执业（助理）医师", Order = 8, Note = Henan },
        new() { Id = 9, ProvinceCode = "41", Key = "broadband", Label = "基本实现通宽带", Order = 9, Note = Henan },
        new() { Id = 10, ProvinceCode = "41", Key = "industry", Label = "产业发展", Order = 10, Required = false, Note = Henan + "；参考项，未找到量化标准" },
        new() { Id = 11, ProvinceCode = "41", Key = "collective", Label = "村集体经济收入", Order = 11, Required = false, Note = Henan + "；参考项，金额标准未找到，由县里设定" },
    ];
}

/// <summary>A village's answer to one checklist item for a year, with the evidence and who recorded it.</summary>
public sealed class VillageChecklistAnswer
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public int Year { get; set; }
    public int ItemId { get; set; }
    public bool Met { get; set; }
    public string? Evidence { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
