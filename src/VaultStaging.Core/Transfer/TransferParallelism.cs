using System;

namespace VaultStaging.Core.Transfer;

/// <summary>
/// How many files a run stages at once when the user does not say. On a LAN or loopback a few files keep the
/// link and two cores busy; over a WAN each small file costs a round trip, so more files must be in flight to fill the
/// link (measured over modelled links of 20–150 ms: 16 files at once stage small files about three times as fast as
/// 4). Files sent by session are capped separately, since each holds two part buffers in memory.
/// </summary>
public static class TransferParallelism
{
    public const int LanFiles = 4;

    public const int WanFiles = 16;

    /// <summary>Resumable uploads at once when the parallelism was not chosen by the user: two parts each stay in memory.</summary>
    public const int DefaultSessions = 4;

    /// <summary>From this round trip on, the link is treated as a WAN.</summary>
    public static readonly TimeSpan WanRoundTrip = TimeSpan.FromMilliseconds(10);

    /// <summary>Files in flight for a link with this round trip (measured at connect, <see cref="Connection.VaultConnection.RoundTrip"/>).</summary>
    public static int FilesFor(TimeSpan roundTrip) => roundTrip >= WanRoundTrip ? WanFiles : LanFiles;
}
