using System;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// How many files a run stages at once when the user does not say. On a LAN or loopback a few files keep the
/// link and two cores busy; over a WAN each small file costs a round trip, so more files must be in flight to fill the
/// link. Measured over modelled links (500 files of 100 KB): 16 files at once were 2–4 times as fast as 4 at 20–150 ms,
/// and 32 another 1.3 times as fast as 16 at 20 and 80 ms (equal where the link itself is full). 48 beat 32 by another
/// 8 % at 20 ms and 3 % at 80 ms (equal at 150 ms): each new connection starts with TCP's small initial window, so
/// more of them fill a fast, far link sooner. Vault's burst limit
/// still rules: the rate governor spaces requests when the window runs low. Files sent by session are capped
/// separately: a few large files already fill a link, and each holds one of the vault's shared upload sessions.
/// </summary>
public static class TransferParallelism
{
    public const int LanFiles = 4;

    public const int WanFiles = 48;

    /// <summary>Resumable uploads at once when the parallelism was not chosen by the user.</summary>
    public const int DefaultSessions = 4;

    /// <summary>From this round trip on, the link is treated as a WAN.</summary>
    public static readonly TimeSpan WanRoundTrip = TimeSpan.FromMilliseconds(10);

    /// <summary>Files in flight for a link with this round trip (measured at connect, <see cref="Connection.VaultConnection.RoundTrip"/>).</summary>
    public static int FilesFor(TimeSpan roundTrip) => roundTrip >= WanRoundTrip ? WanFiles : LanFiles;
}
