using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.Options;
using Serverless.Core.Approvals;
using Serverless.Core.Tests.Scoring.TestModels;

namespace Serverless.Core.Tests.Approvals;

public class ApprovalTokenSignerTests
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly ManualTimeProvider _time = new();

    private ApprovalTokenSigner Signer(string? key = null) =>
        new(new ApprovalSigningKey(Options.Create(new ApprovalOptions { SigningKey = key ?? Key })), _time);

    private ApprovalClaims Claims(ApprovalDecision decision = ApprovalDecision.Approve) =>
        new("approval-churn-7", decision, "alice@example.org", _time.GetUtcNow().AddHours(72), "n0nce");

    [Fact]
    public void Check_TokenItCreated_IsValidWithTheSameClaims()
    {
        var signer = Signer();
        var claims = Claims();

        var check = signer.Check(signer.Create(claims));

        Assert.Equal(ApprovalTokenStatus.Valid, check.Status);
        Assert.Equal(claims with { ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.ExpiresAt.ToUnixTimeSeconds()) }, check.Claims);
    }

    [Fact]
    public void Create_Token_IsAUrlPathSegment()
    {
        var token = Signer().Create(Claims());

        Assert.Matches("^v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", token);
        Assert.True(token.Length < 300, $"{token.Length} characters");
    }

    [Fact]
    public void Check_PayloadChangedToAnotherDecision_IsInvalid()
    {
        var signer = Signer();
        var parts = signer.Create(Claims(ApprovalDecision.Reject)).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"reject\"", "\"approve\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        var check = signer.Check(forged);

        Assert.Equal(ApprovalTokenStatus.Invalid, check.Status);
        Assert.Null(check.Claims);
    }

    [Fact]
    public void Check_OneMacCharacterChanged_IsInvalid()
    {
        var signer = Signer();
        var token = signer.Create(Claims());
        var last = token[^2] == 'A' ? 'B' : 'A';

        Assert.Equal(ApprovalTokenStatus.Invalid, signer.Check(token[..^2] + last + token[^1]).Status);
    }

    [Fact]
    public void Check_SignedWithAnotherKey_IsInvalid()
    {
        var other = Signer(Convert.ToBase64String(new byte[32]));

        Assert.Equal(ApprovalTokenStatus.Invalid, Signer().Check(other.Create(Claims())).Status);
    }

    [Fact]
    public void Check_AfterExpiry_IsExpiredWithItsClaims()
    {
        var signer = Signer();
        var token = signer.Create(Claims());

        _time.Advance(TimeSpan.FromHours(72));
        var check = signer.Check(token);

        Assert.Equal(ApprovalTokenStatus.Expired, check.Status);
        Assert.Equal("alice@example.org", check.Claims!.Approver);
    }

    [Fact]
    public void Check_JustBeforeExpiry_IsValid()
    {
        var signer = Signer();
        var token = signer.Create(Claims());

        _time.Advance(TimeSpan.FromHours(72) - TimeSpan.FromSeconds(1));

        Assert.Equal(ApprovalTokenStatus.Valid, signer.Check(token).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("v1.")]
    [InlineData("v1..")]
    [InlineData("v2.e30.AAAA")]
    [InlineData("v1.e30")]
    [InlineData("v1.e30.!!!!")]
    [InlineData("v1.e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData(".v1.e30.AAAA")]
    public void Check_Malformed_IsInvalid(string? token)
    {
        Assert.Equal(ApprovalTokenStatus.Invalid, Signer().Check(token).Status);
    }

    [Fact]
    public void Check_LongerThanTheLimit_IsInvalidUnread()
    {
        Assert.Equal(ApprovalTokenStatus.Invalid, Signer().Check("v1." + new string('A', ApprovalTokenSigner.MaxTokenLength)).Status);
    }

    [Fact]
    public void Create_TwoLinksSameRequestDifferentNonces_DifferentTokens()
    {
        var signer = Signer();

        Assert.NotEqual(signer.Create(Claims()), signer.Create(Claims() with { Nonce = "other" }));
    }
}
