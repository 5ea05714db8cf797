namespace VaultStaging.Emulator.Link;

/// <summary>What one client connection carries across its requests: a congestion window each way (none when the link has no rate).</summary>
internal sealed class TcpConnection
{
    public TcpConnection(LinkProfile link)
    {
        if (link.BytesPerSecond is { } rate)
        {
            Uplink = new CongestionWindow(link.RoundTrip, rate);
            Downlink = new CongestionWindow(link.RoundTrip, rate);
        }
    }

    /// <summary>Request bodies, client to emulator.</summary>
    public CongestionWindow? Uplink { get; }

    /// <summary>Response bodies, emulator to client.</summary>
    public CongestionWindow? Downlink { get; }
}
