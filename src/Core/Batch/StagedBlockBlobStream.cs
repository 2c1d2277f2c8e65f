using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Serverless.Core.Batch;

/// <summary>
/// A write-only stream onto a block blob that stages blocks as it fills and makes them visible only in
/// <see cref="CommitAsync"/>. Until then readers see the previous version of the blob (or none).
/// </summary>
/// <remarks>
/// Atomicity: disposing without committing publishes nothing; the staged blocks stay uncommitted and the
/// service discards them (at the latest after 7 days, or at the next commit of the blob, which lists only its own
/// blocks). Block ids carry an attempt id, so a retry never commits another attempt's blocks.
/// Memory: two buffers of <c>blockSize</c> (one filling while the other uploads). Asynchronous writes only.
/// </remarks>
internal sealed class StagedBlockBlobStream(BlockBlobClient blob, int blockSize) : Stream
{
    private readonly string _attempt = Guid.NewGuid().ToString("N");
    private readonly List<string> _blockIds = [];
    private byte[] _current = new byte[blockSize];
    private int _filled;
    private byte[]? _spare;
    private byte[]? _uploading;
    private Task? _pending;
    private long _length;

    public BlockBlobClient Blob => blob;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _current.Length - _filled);
            buffer.Span[..n].CopyTo(_current.AsSpan(_filled));
            _filled += n;
            _length += n;
            buffer = buffer[n..];
            if (_filled == _current.Length)
            {
                await StageCurrentAsync(cancellationToken);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Uploads what is left and commits the block list: the blob appears whole, or not at all.</summary>
    public async Task CommitAsync(string contentType, CancellationToken cancellationToken)
    {
        await StageCurrentAsync(cancellationToken);
        if (_pending is not null)
        {
            await _pending;
        }

        await blob.CommitBlockListAsync(
            _blockIds,
            new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);
    }

    private async ValueTask StageCurrentAsync(CancellationToken cancellationToken)
    {
        if (_filled == 0)
        {
            return;
        }

        if (_pending is not null)
        {
            await _pending;
            _spare = _uploading;
        }

        _uploading = _current;
        var length = _filled;
        _current = _spare ?? new byte[_current.Length];
        _spare = null;
        _filled = 0;
        _pending = StageAsync(_uploading, length, cancellationToken);
    }

    private async Task StageAsync(byte[] buffer, int length, CancellationToken cancellationToken)
    {
        // Added before the first await, so the list is in write order. Same length for every id, as the service requires.
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{_attempt}{_blockIds.Count:D10}"));
        _blockIds.Add(id);
        using var content = new MemoryStream(buffer, 0, length, writable: false);
        await blob.StageBlockAsync(id, content, cancellationToken: cancellationToken);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    // Staging happens only on the asynchronous paths; a synchronous flush has nothing it may block on.
    public override void Flush() { }
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Use WriteAsync: staging a block is network I/O.");
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (_pending is not null)
        {
            // An abandoned upload must not outlive the attempt; its failure no longer matters.
            await _pending.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        await base.DisposeAsync();
    }
}
