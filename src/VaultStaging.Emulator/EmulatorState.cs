using System;
using System.Collections.Generic;
using System.Linq;
using VaultStaging.Emulator.Api;
using VaultStaging.Emulator.Staging;

namespace VaultStaging.Emulator;

/// <summary>Read access to the emulator's state for test assertions, plus a few test levers.</summary>
public sealed class EmulatorState
{
    private readonly EmulatorContext _emulator;

    internal EmulatorState(EmulatorContext emulator) => _emulator = emulator;

    /// <summary>Active (unexpired, uncommitted, unaborted) upload sessions; paths in the root view.</summary>
    public IReadOnlyList<UploadSessionInfo> ActiveSessions
    {
        get
        {
            lock (_emulator.Gate)
            {
                return _emulator.Sessions.All()
                    .Select(s => new UploadSessionInfo(
                        s.Id,
                        s.Target.ToString(),
                        s.Owner.Id,
                        s.Size,
                        s.Overwrite,
                        s.Created,
                        s.Expires,
                        s.Parts.Select(p => new UploadPartInfo(p.Number, p.Size, p.Md5Hex)).ToArray()))
                    .ToArray();
            }
        }
    }

    /// <summary>Files placed by successful commit jobs (root-view paths).</summary>
    public IReadOnlyList<CommittedFileInfo> CommittedFiles
    {
        get
        {
            _emulator.Jobs.RunDue();
            lock (_emulator.Gate)
            {
                return _emulator.CommittedFiles.ToArray();
            }
        }
    }

    public IReadOnlyList<JobInfo> Jobs =>
        _emulator.Jobs.All()
            .Select(j => new JobInfo(j.Id, j.Kind, _emulator.Jobs.StatusOf(j), j.CreatedBy, j.Created, j.Due, j.FailureMessage))
            .ToArray();

    /// <summary>Live login sessions; ids are truncated (they are credentials).</summary>
    public IReadOnlyList<LoginSessionInfo> LoginSessions => _emulator.Logins.Snapshot();

    /// <summary>Every staged item (root-view paths), depth first.</summary>
    public IReadOnlyList<StagedItemInfo> Items
    {
        get
        {
            _emulator.Jobs.RunDue();
            return _emulator.Staging.AllItems().Select(e => Describe(e.Path, e.Item)).ToArray();
        }
    }

    /// <summary>The staged item at a root-view path such as <c>/u1000/x.txt</c>, or null.</summary>
    public StagedItemInfo? GetItem(string rootPath)
    {
        _emulator.Jobs.RunDue();
        var path = ParseRootPath(rootPath);
        var item = _emulator.Staging.Find(path);
        return item is null ? null : Describe(_emulator.Staging.PathOf(item), item);
    }

    /// <summary>Invalidates one login session (the full id returned by <c>/auth</c>); true when it existed.</summary>
    public bool ExpireLoginSession(string sessionId) => _emulator.Logins.Expire(sessionId);

    public void ExpireAllLoginSessions() => _emulator.Logins.ExpireAll();

    internal static StagingPath ParseRootPath(string rootPath)
    {
        var trimmed = rootPath.Trim('/');
        var segments = trimmed.Length == 0 ? Array.Empty<string>() : trimmed.Split('/');
        foreach (var segment in segments)
        {
            try
            {
                PathRules.ValidateName(segment);
            }
            catch (VaultApiException error)
            {
                throw new ArgumentException(error.Message, nameof(rootPath));
            }
        }

        return new StagingPath(segments);
    }

    private static StagedItemInfo Describe(StagingPath path, StagedItem item) =>
        new(path.ToString(), item.IsFolder, item.IsFolder ? 0 : item.Size, item.Md5, item.Modified);
}

public sealed record UploadSessionInfo(
    string Id,
    string Path,
    long OwnerId,
    long Size,
    bool Overwrite,
    DateTimeOffset Created,
    DateTimeOffset Expires,
    IReadOnlyList<UploadPartInfo> Parts);

public sealed record UploadPartInfo(int Number, long Size, string Md5);

public sealed record CommittedFileInfo(string Path, long Size, string? Md5, long CommittedBy, DateTimeOffset Committed);

public sealed record JobInfo(long Id, string Kind, string Status, long CreatedBy, DateTimeOffset Created, DateTimeOffset Due, string? FailureMessage);

public sealed record LoginSessionInfo(string TruncatedId, string UserName, long UserId, DateTimeOffset Created, DateTimeOffset LastActivity);

/// <summary>A staged file or folder; <see cref="Md5"/> is known for files written during this run.</summary>
public sealed record StagedItemInfo(string Path, bool IsFolder, long Size, string? Md5, DateTimeOffset Modified);
