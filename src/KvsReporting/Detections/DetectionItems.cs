using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace KvsReporting.Detections;

/// <summary>Maps detections to DynamoDB items exactly as the detection Lambda writes them.</summary>
public static class DetectionItems
{
    public static Dictionary<string, AttributeValue> ToItem(LicensePlateDetection detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        var item = new Dictionary<string, AttributeValue>(5, StringComparer.Ordinal)
        {
            ["image_name"] = new AttributeValue { S = detection.ImageName },
            ["license_plate"] = new AttributeValue { S = detection.LicensePlate },
        };
        if (detection.Confidence is { } confidence)
        {
            item["confidence"] = new AttributeValue { N = confidence.ToString("0.00", CultureInfo.InvariantCulture) };
        }

        if (!string.IsNullOrEmpty(detection.BucketName))
        {
            item["bucket_name"] = new AttributeValue { S = detection.BucketName };
        }

        if (detection.Timestamp is { } timestamp)
        {
            item["timestamp"] = new AttributeValue { S = DetectionTimestamp.Format(timestamp) };
        }

        return item;
    }
}
