using Esia.Protocol.Secrets;
using Esia.Protocol.Time;

namespace Esia.Protocol.Tests.Secrets;

public class SignedStringTests
{
    private static readonly SignedStringFields Fields = new()
    {
        ClientId = "C",
        Scope = "openid fullname",
        ScopeOrg = "org_inn",
        Timestamp = "T",
        State = "S",
        RedirectUri = "R",
        Code = "K",
        RefreshToken = "F",
    };

    [Theory]
    [InlineData(SignedStringKind.V1, "openid fullnameTCS")]
    [InlineData(SignedStringKind.V2Authorize, "Copenid fullnameorg_innTSR")]
    [InlineData(SignedStringKind.V3AuthorizationCode, "Copenid fullnameorg_innTSRK")]
    [InlineData(SignedStringKind.V3RefreshStrict, "Copenid fullnameorg_innTSR")]
    [InlineData(SignedStringKind.V3RefreshAlternative, "Copenid fullnameTSF")]
    [InlineData(SignedStringKind.V3ClientCredentials, "Copenid fullnameTSR")]
    public void Each_request_kind_concatenates_its_fields_in_order(SignedStringKind kind, string expected)
    {
        SignedString.Build(kind, Fields).Should().Be(expected);
        SignedString.Formula(kind).Should().NotBeEmpty();
    }

    [Fact]
    public void AISGorods_observed_te_string_is_rebuilt()
    {
        var fields = new SignedStringFields
        {
            ClientId = "TESTSYS",
            Scope = "openid fullname snils",
            Timestamp = "2026.11.29 03:19:05 +0000",
            State = "b018e0a4-74a2-4a6c-a681-78be3efc3380",
            RedirectUri = "http://127.0.0.1:5080/signin-esia",
            Code = "CODE-247da59e109d4a4399e77f57619cac22",
        };
        SignedString.Build(SignedStringKind.V3AuthorizationCode, fields).Should()
            .Be("TESTSYSopenid fullname snils2026.11.29 03:19:05 +0000b018e0a4-74a2-4a6c-a681-78be3efc3380http://127.0.0.1:5080/signin-esiaCODE-247da59e109d4a4399e77f57619cac22");
    }
}

public class EsiaTimestampTests
{
    [Fact]
    public void Formats_with_the_offset_without_a_colon()
    {
        EsiaTimestamp.Format(new DateTimeOffset(2025, 1, 21, 13, 45, 10, TimeSpan.FromHours(3))).Should().Be("2025.01.21 13:45:10 +0300");
        EsiaTimestamp.Format(new DateTimeOffset(2025, 1, 21, 10, 45, 10, TimeSpan.Zero)).Should().Be("2025.01.21 10:45:10 +0000");
        EsiaTimestamp.Format(new DateTimeOffset(2025, 1, 21, 5, 45, 10, TimeSpan.FromMinutes(-330))).Should().Be("2025.01.21 05:45:10 -0530");
    }

    [Theory]
    [InlineData("2025.01.21 13:45:10 +0300", 2025, 1, 21, 10, 45, 10)]
    [InlineData("2025.01.21 10:45:10 +0000", 2025, 1, 21, 10, 45, 10)]
    [InlineData("2025.01.21 05:15:10 -0530", 2025, 1, 21, 10, 45, 10)]
    public void Parses_any_offset_to_the_same_instant(string text, int y, int mo, int d, int h, int mi, int s)
    {
        EsiaTimestamp.TryParse(text, out var instant, out _).Should().BeTrue();
        instant.UtcDateTime.Should().Be(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2025-01-21 13:45:10 +0300")]
    [InlineData("2025.01.21 13:45:10 +03:00")]
    [InlineData("2025.01.21 13:45:10+0300")]
    [InlineData("2025.01.21T13:45:10 +0300")]
    [InlineData("2025.02.30 13:45:10 +0300")]
    [InlineData("2025.01.21 25:45:10 +0300")]
    [InlineData("2025.01.21 13:45:10 +0375")]
    [InlineData("2025.01.21 13:45:10 +2000")]
    [InlineData("1737456310")]
    public void Rejects_every_other_shape_with_a_reason(string? text)
    {
        EsiaTimestamp.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().NotBeEmpty();
    }
}
