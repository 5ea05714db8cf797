using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// Remembers, per upload session, the size and last-write time of the local file it was started for, so a later
/// process can tell that a file was rewritten even when its new bytes happen to match the parts already sent
/// (Vault stores the parts' MD5s, not the local last-write time). One small text file per session in a per-user
/// folder; it holds no secret (no login session id, no upload session id in clear: the file name is a hash).
/// A missing or unreadable entry is not an error: resume then relies on size and the MD5 of every held part.
/// </summary>
internal sealed class ResumeJournal
{
    /// <summary>Overrides the default folder (tests, and jobs that keep state elsewhere).</summary>
    public const string FolderVariable = "VAULTSTAGING_STATE_DIR";

    /// <summary>Vault purges uncommitted sessions after 72 h; entries older than this serve nothing.</summary>
    private static readonly TimeSpan EntryLifetime = TimeSpan.FromHours(80);

    private const string Header = "vaultstaging-resume 1";

    private readonly IVaultLog log;

    public ResumeJournal(string folder, IVaultLog log)
    {
        Folder = folder;
        this.log = log;
    }

    public string Folder { get; }

    /// <summary>$VAULTSTAGING_STATE_DIR, else the user's local application data folder + VaultStaging/resume.</summary>
    public static string DefaultFolder()
    {
        var configured = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured!;
        }

        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        if (string.IsNullOrEmpty(data))
        {
            data = Path.GetTempPath();
        }

        return Path.Combine(data, "VaultStaging", "resume");
    }

    /// <summary>The recorded file state, or null when there is none (or it cannot be read).</summary>
    public JournalEntry? Read(Uri server, string stagingPath, string sessionId)
    {
        var path = EntryPath(server, stagingPath, sessionId);
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var lines = File.ReadAllLines(path);
            if (lines.Length < 3 || lines[0] != Header
                || !long.TryParse(Value(lines[1], "size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                || !long.TryParse(Value(lines[2], "lastWriteUtcTicks"), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return null;
            }

            return new JournalEntry(size, new DateTime(ticks, DateTimeKind.Utc));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            log.Verbose($"The resume journal entry for {stagingPath} could not be read ({e.Message}); checking the parts' MD5s only.");
            return null;
        }
    }

    public void Write(Uri server, string stagingPath, string sessionId, LocalFileSnapshot file)
    {
        try
        {
            Directory.CreateDirectory(Folder);
            PruneExpired();
            var text = string.Join(
                "\n",
                Header,
                "size=" + file.Length.ToString(CultureInfo.InvariantCulture),
                "lastWriteUtcTicks=" + file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture),
                "stagingPath=" + stagingPath,
                "localPath=" + file.Path,
                "");
            var path = EntryPath(server, stagingPath, sessionId);
            var temp = path + ".tmp";
            File.WriteAllText(temp, text, new UTF8Encoding(false));
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            File.Move(temp, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Resume still works without it (size + part MD5s); only the last-write check is lost.
            log.Warning($"Could not write the resume journal in '{Folder}' ({e.Message}); a later run will check the parts' MD5s only.");
        }
    }

    public void Delete(Uri server, string stagingPath, string sessionId)
    {
        try
        {
            File.Delete(EntryPath(server, stagingPath, sessionId));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            log.Verbose($"Could not delete the resume journal entry for {stagingPath} ({e.Message}); it expires by itself.");
        }
    }

    private string EntryPath(Uri server, string stagingPath, string sessionId)
    {
        var key = server.Authority.ToLowerInvariant() + "\n" + stagingPath + "\n" + sessionId;
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(key));
        return Path.Combine(Folder, Md5.ToHex(hash) + ".resume");
    }

    private void PruneExpired()
    {
        var cutoff = DateTime.UtcNow - EntryLifetime;
        foreach (var entry in new DirectoryInfo(Folder).EnumerateFiles("*.resume"))
        {
            if (entry.LastWriteTimeUtc < cutoff)
            {
                try
                {
                    entry.Delete();
                }
                catch (IOException)
                {
                    // Another process may hold it; the next write tries again.
                }
            }
        }
    }

    private static string? Value(string line, string name)
        => line.StartsWith(name + "=", StringComparison.Ordinal) ? line.Substring(name.Length + 1) : null;
}

/// <summary>The local file's state when its session was created.</summary>
internal sealed record JournalEntry(long Size, DateTime LastWriteTimeUtc)
{
    public bool Matches(LocalFileSnapshot file) => Size == file.Length && LastWriteTimeUtc == file.LastWriteTimeUtc;
}
