using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Serverless.Core.Storage;

/// <summary>
/// Reads the storage account the way the Functions host does, so one setting serves both hosts:
/// <c>AzureWebJobsStorage</c> as a connection string (Azurite locally), or identity-based
/// <c>AzureWebJobsStorage__blobServiceUri</c> / <c>__accountName</c> with managed identity in Azure.
/// </summary>
public static class StorageConnection
{
    public const string SettingName = "AzureWebJobsStorage";

    /// <summary>The connection string, or null when the account is configured for managed identity.</summary>
    public static string? GetConnectionString(IConfiguration configuration) =>
        configuration[SettingName] is { Length: > 0 } value ? value : configuration.GetConnectionString(SettingName);

    public static BlobServiceClient CreateBlobServiceClient(IConfiguration configuration)
    {
        if (GetConnectionString(configuration) is { } connectionString)
        {
            return new BlobServiceClient(connectionString);
        }

        return new BlobServiceClient(ServiceUri(configuration, "blob"), Credential(configuration));
    }

    public static TableServiceClient CreateTableServiceClient(IConfiguration configuration)
    {
        if (GetConnectionString(configuration) is { } connectionString)
        {
            return new TableServiceClient(connectionString);
        }

        return new TableServiceClient(ServiceUri(configuration, "table"), Credential(configuration));
    }

    /// <summary>The endpoint of one storage service (blob, queue, table) for identity-based configuration.</summary>
    public static Uri ServiceUri(IConfiguration configuration, string service)
    {
        var section = configuration.GetSection(SettingName);
        if (section[$"{service}ServiceUri"] is { Length: > 0 } uri)
        {
            return new Uri(uri);
        }

        var account = section["accountName"];
        if (string.IsNullOrEmpty(account))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{SettingName}' to a connection string, or '{SettingName}__accountName' (managed identity).");
        }

        return new Uri($"https://{account}.{service}.core.windows.net");
    }

    /// <summary>Managed identity (user-assigned when <c>__clientId</c> is set), falling back to developer credentials.</summary>
    public static Azure.Core.TokenCredential Credential(IConfiguration configuration) =>
        configuration.GetSection(SettingName)["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
}
