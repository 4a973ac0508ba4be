using KvsReporting.Detections;
using KvsReporting.Queries;
using Xunit;

namespace KvsReporting.Tests.Detections;

public sealed class DetectionMapperTests
{
    private static readonly QueryColumn[] Columns =
    [
        new("Timestamp", "varchar"), new("image_name", "varchar"), new("license_plate", "varchar"), new("confidence", "varchar"), new("bucket_name", "varchar"), new("extra", "integer"),
    ];

    [Fact]
    public void Maps_columns_by_name_in_any_order_and_case()
    {
        var mapper = new DetectionMapper(Columns);
        var d = mapper.Map(["2025-06-01T14:03:07.123456", "cam1/frame.jpg", "ABC123", "97.25", "frames", 1])!;
        Assert.Equal("cam1/frame.jpg", d.ImageName);
        Assert.Equal("ABC123", d.LicensePlate);
        Assert.Equal(97.25m, d.Confidence);
        Assert.Equal("s3://frames/cam1/frame.jpg", d.ImageUri);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 14, 3, 7, TimeSpan.Zero).AddTicks(1234560), d.Timestamp);
        Assert.Equal(TimeSpan.Zero, d.Timestamp!.Value.Offset);
        Assert.Null(mapper.Summary());
    }

    [Theory]
    [InlineData("2025-06-01T14:03:07", 0)]
    [InlineData("2025-06-01T14:03:07.1", 1000000)]
    [InlineData("2025-06-01T14:03:07.123456789", 1234567)]
    [InlineData("2025-06-01 14:03:07.5Z", 5000000)]
    [InlineData("2025-06-01T16:03:07+02:00", 0)]
    public void Timestamps_are_utc_whatever_the_precision_or_offset(string text, long fractionTicks) =>
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 14, 3, 7, TimeSpan.Zero).AddTicks(fractionTicks), DetectionMapper.ReadTimestamp(text));

    [Fact]
    public void Confidence_comes_from_numbers_and_strings()
    {
        Assert.Equal(97.25m, DetectionMapper.ReadConfidence(97.25m));
        Assert.Equal(97.25m, DetectionMapper.ReadConfidence(97.25));
        Assert.Equal(85m, DetectionMapper.ReadConfidence(85L));
        Assert.Equal(80.5m, DetectionMapper.ReadConfidence(" 80.50 "));
        Assert.Null(DetectionMapper.ReadConfidence("high"));
    }

    [Fact]
    public void Odd_items_are_converted_where_possible_and_counted_in_one_summary()
    {
        var mapper = new DetectionMapper(Columns);
        Assert.NotNull(mapper.Map(["yesterday", "a.jpg", "ABC123", "n/a", null, null]));
        Assert.NotNull(mapper.Map([null, "b.jpg", null, null, null, null]));
        Assert.Null(mapper.Map(["2025-06-01T00:00:00", null, "XYZ", "90", "frames", null]));
        Assert.Null(mapper.Map(["2025-06-01T00:00:00", string.Empty, "XYZ", "90", "frames", null]));
        var summary = mapper.Summary();
        Assert.Equal("2 detection(s) read; 2 row(s) without an image_name were skipped; values left empty: confidence unreadable (1), license_plate missing (1), timestamp unreadable (1).", summary);
    }

    [Fact]
    public void A_result_without_image_name_is_not_detections()
    {
        var ex = Assert.ThrowsAny<Exception>(() => new DetectionMapper([new QueryColumn("x", "integer")]));
        Assert.Contains("image_name", ex.Message, StringComparison.Ordinal);
    }
}
