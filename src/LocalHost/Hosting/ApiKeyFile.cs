using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Serverless.Api.Security;

namespace Serverless.LocalHost.Hosting;

/// <summary>
/// When <c>ApiKey:Key</c> is empty, the local host uses the key in <see cref="ApiKeyOptions.ResolvedKeyFile"/>
/// (default <c>~/.config/serverless-ml/api-key</c>, outside the repository), generating it on first start: 32 random
/// bytes, base64url, the file readable by its owner only. A newly generated key is printed once to the console
/// (not to the logs or telemetry); later starts read it silently.
/// </summary>
/// <remarks>Two hosts starting at once agree on one key: the file is created with <see cref="FileMode.CreateNew"/> and the loser reads it.</remarks>
internal sealed class ApiKeyFile : IPostConfigureOptions<ApiKeyOptions>
{
    public void PostConfigure(string? name, ApiKeyOptions options)
    {
        if (options.Key.Length > 0)
        {
            return;
        }

        var path = options.ResolvedKeyFile;
        options.Key = File.Exists(path) ? File.ReadAllText(path).Trim() : CreateOrRead(path);
    }

    private static string CreateOrRead(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        try
        {
            var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(path, file))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(key);
            }

            Console.WriteLine($"Generated the local API key (stored in {path}; shown only now). Send it as x-functions-key on state-changing routes:{Environment.NewLine}  {key}");
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return File.ReadAllText(path).Trim(); // Another host created it first.
        }
    }
}
