using System.Security.Cryptography;
using System.Text;

namespace Serverless.Durable.Replay;

/// <summary>Name-based (version 5) GUIDs, as Durable Task's <c>NewGuid</c>: the same name gives the same GUID.</summary>
internal static class DeterministicGuid
{
    // The namespace Durable Task uses for orchestration GUIDs (RFC 4122 URL namespace).
    private static readonly Guid Namespace = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    public static Guid Create(string name)
    {
        var namespaceBytes = Namespace.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[namespaceBytes.Length + nameBytes.Length];
        namespaceBytes.CopyTo(buffer, 0);
        nameBytes.CopyTo(buffer, namespaceBytes.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 specifies; this is an identifier, not security.
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
