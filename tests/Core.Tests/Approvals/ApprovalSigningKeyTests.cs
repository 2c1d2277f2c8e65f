using Microsoft.Extensions.Options;
using Serverless.Core.Approvals;

namespace Serverless.Core.Tests.Approvals;

public sealed class ApprovalSigningKeyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "signing-" + Guid.NewGuid().ToString("N"));

    private static ApprovalSigningKey Key(ApprovalOptions options) => new(Options.Create(options));

    [Fact]
    public void Bytes_NoKeyAndAFile_GeneratesOwnerOnlyFileAndReusesIt()
    {
        var file = Path.Combine(_folder, "nested", "approval.key");

        var first = Key(new ApprovalOptions { SigningKeyFile = file }).Bytes.ToArray();
        var second = Key(new ApprovalOptions { SigningKeyFile = file }).Bytes.ToArray();

        Assert.Equal(ApprovalSigningKey.MinimumBytes, first.Length);
        Assert.Equal(first, second);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!));
    }

    [Fact]
    public void Bytes_ManyProcessesStartingAtOnce_AllGetTheSameKey()
    {
        var file = Path.Combine(_folder, "approval.key");

        var keys = Enumerable.Range(0, 8).AsParallel().Select(_ => Convert.ToBase64String(Key(new ApprovalOptions { SigningKeyFile = file }).Bytes.Span)).Distinct().ToList();

        Assert.Single(keys);
    }

    [Fact]
    public void Bytes_KeySetting_WinsOverTheFile()
    {
        var key = new byte[48];
        key[0] = 7;

        var bytes = Key(new ApprovalOptions { SigningKey = Convert.ToBase64String(key), SigningKeyFile = Path.Combine(_folder, "unused.key") }).Bytes;

        Assert.Equal(key, bytes.ToArray());
        Assert.False(Directory.Exists(_folder));
    }

    [Theory]
    [InlineData("", "", "is not set")]
    [InlineData("a short password!", "", "must be at least 32 bytes")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "", "must be at least 32 bytes")] // base64 of 31 bytes
    public void Problem_UnusableSettings_SaysWhy(string key, string file, string expected)
    {
        Assert.Contains(expected, ApprovalSigningKey.Problem(new ApprovalOptions { SigningKey = key, SigningKeyFile = file }));
    }

    [Fact]
    public void Bytes_LongSecretThatIsNotBase64_IsItsUtf8Bytes()
    {
        const string password = "correct-horse-battery-staple-2026!";

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(password), Key(new ApprovalOptions { SigningKey = password }).Bytes.ToArray());
    }

    [Fact]
    public void Problem_KeyOrFile_IsNone()
    {
        Assert.Null(ApprovalSigningKey.Problem(new ApprovalOptions { SigningKey = Convert.ToBase64String(new byte[32]) }));
        Assert.Null(ApprovalSigningKey.Problem(new ApprovalOptions { SigningKeyFile = "~/.config/serverless-ml/approval-signing-key" }));
    }

    [Fact]
    public void ExpandPath_Tilde_IsTheHomeFolder()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal(Path.Join(home, "/.serverless-ml/k"), ApprovalSigningKey.ExpandPath("~/.serverless-ml/k"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
