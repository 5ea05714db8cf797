namespace VaultStaging.Emulator.Faults;

/// <summary>The Vault API operations the emulator serves; used to target faults and in the request log.</summary>
public enum EmulatorEndpoint
{
    Any = 0,
    Auth,
    KeepAlive,
    Logout,
    Me,
    Versions,
    ListItems,
    CreateItem,
    DeleteItem,
    UpdateItem,
    Download,
    CreateSession,
    UploadPart,
    Commit,
    ListSessions,
    GetSession,
    ListParts,
    AbortSession,
    JobStatus,

    /// <summary>A request that matched no route (logged only).</summary>
    Unknown,
}
