namespace Serverless.Api.Security;

/// <summary>
/// The local host's API key for state-changing routes ("ApiKey" section). In Azure the Functions host checks function
/// keys itself (<c>AuthorizationLevel.Function</c>), so the function app reads none of this.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "ApiKey";

    /// <summary>
    /// The key callers send as <c>x-functions-key</c> (the header Azure Functions reads). Never put it in a file under
    /// the repository: leave it empty and the local host reads or generates <see cref="KeyFile"/>.
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// Where the generated key is kept when <see cref="Key"/> is empty; empty means
    /// <c>~/.config/serverless-ml/api-key</c> (the user's application-data folder, outside the repository).
    /// </summary>
    public string KeyFile { get; set; } = "";

    /// <summary>Also require the key on scoring routes (predict, OIP infer); they are anonymous by default.</summary>
    public bool RequireForScoring { get; set; }

    /// <summary><see cref="KeyFile"/>, or the default path when it is empty.</summary>
    public string ResolvedKeyFile => KeyFile.Length > 0
        ? Path.GetFullPath(KeyFile)
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "serverless-ml", "api-key");
}
