using GuardAlerts.Aws.Sns;

namespace GuardAlerts.Aws.Tests.Sns;

public sealed class SigV4SignerTests
{
    [Fact]
    public void Authorization_WhenGivenTheS3DocumentationExample_ShouldProduceItsPublishedSignature()
    {
        // The worked GET Object example in the S3 SigV4 documentation (header-based authentication).
        const string emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        var authorization = SigV4Signer.Authorization(
            "GET",
            "/test.txt",
            [
                new("Host", "examplebucket.s3.amazonaws.com"),
                new("Range", "bytes=0-9"),
                new("x-amz-content-sha256", emptyHash),
                new("x-amz-date", "20130524T000000Z"),
            ],
            emptyHash,
            "20130524T000000Z",
            "us-east-1",
            "s3",
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
            authorization);
    }

    [Fact]
    public void AmzDate_WhenGivenAnOffsetTime_ShouldFormatUtcBasicIso8601()
    {
        var time = new DateTimeOffset(2025, 1, 2, 5, 4, 5, TimeSpan.FromHours(2));

        Assert.Equal("20250102T030405Z", SigV4Signer.AmzDate(time));
    }
}
