using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Serverless.Core.Approvals;

/// <summary>The key approval tokens are signed with, read once from <see cref="ApprovalOptions"/>.</summary>
/// <remarks>
/// A generated key file is created exclusively, so two processes starting together on one machine end up with the same
/// key (the loser reads the winner's file). Thread-safe.
/// </remarks>
public sealed class ApprovalSigningKey
{
    /// <summary>HMAC-SHA256 keys shorter than its block's half are weak; 32 bytes is the hash size.</summary>
    public const int MinimumBytes = 32;

    private readonly Lazy<ReadOnlyMemory<byte>> _bytes;

    public ApprovalSigningKey(IOptions<ApprovalOptions> options)
    {
        var value = options.Value;
        _bytes = new Lazy<ReadOnlyMemory<byte>>(() => Load(value.SigningKey, value.SigningKeyFile), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ReadOnlyMemory<byte> Bytes => _bytes.Value;

    /// <summary>Why the settings give no usable key, or null when they do (the options validator's check).</summary>
    public static string? Problem(ApprovalOptions options)
    {
        if (options.SigningKey is { Length: > 0 } key)
        {
            return Decode(key).Length >= MinimumBytes
                ? null
                : $"Approvals:SigningKey must be at least {MinimumBytes} bytes: base64 (openssl rand -base64 48) or a {MinimumBytes}-character secret.";
        }

        return options.SigningKeyFile is { Length: > 0 }
            ? null
            : "Approvals:SigningKey is not set (in Azure: a Key Vault reference to approval-signing-key), and no Approvals:SigningKeyFile to keep a generated one in.";
    }

    /// <summary>Expands a leading <c>~</c> to the user's home folder.</summary>
    public static string ExpandPath(string path) =>
        path.StartsWith('~') ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..]) : Path.GetFullPath(path);

    private static ReadOnlyMemory<byte> Load(string key, string file)
    {
        if (key is { Length: > 0 })
        {
            return Decode(key);
        }

        var path = ExpandPath(file);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // owner-only, like an SSH key
            }

            try
            {
                // CreateNew is atomic (O_EXCL): of processes starting together exactly one writes the key.
                using var stream = new FileStream(path, create);
                using var writer = new StreamWriter(stream);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: read theirs below.
            }
        }

        // The creator may still be writing: a short read is retried for a moment.
        for (var attempt = 0; ; attempt++)
        {
            if (Decode(File.ReadAllText(path).Trim()) is { Length: >= MinimumBytes } bytes)
            {
                return bytes;
            }

            if (attempt == 50)
            {
                throw new InvalidOperationException($"The approval signing key file {path} does not hold a key of at least {MinimumBytes} bytes.");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Base64 when it decodes (openssl's keys, ours), else the secret's UTF-8 bytes (a generated password).</summary>
    private static byte[] Decode(string secret)
    {
        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var written) ? buffer[..written] : System.Text.Encoding.UTF8.GetBytes(secret);
    }
}
