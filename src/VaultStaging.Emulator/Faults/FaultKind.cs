namespace VaultStaging.Emulator.Faults;

/// <summary>What a <see cref="FaultRule"/> does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>Read part of the request body, then abort the connection; nothing is processed.</summary>
    DropConnection,

    /// <summary>Process the request fully (a part IS stored), then abort the connection without a response.</summary>
    ResetBeforeResponse,

    /// <summary>HTTP 500 with an EXCEPTION envelope; nothing is processed.</summary>
    Http500,

    /// <summary>HTTP 503 with <c>Retry-After: RetryAfterSeconds</c>; nothing is processed.</summary>
    Http503,

    /// <summary>HTTP 502 with an HTML body, like a proxy error page; nothing is processed.</summary>
    HtmlErrorPage,

    /// <summary>The caller's login session is invalidated before processing (INVALID_SESSION_ID).</summary>
    ExpireLoginSession,

    /// <summary>Wait <see cref="FaultRule.Delay"/> (real time) before processing the request.</summary>
    SlowResponse,

    /// <summary>Store normally but answer with a wrong <c>part_content_md5</c> / <c>file_content_md5</c>.</summary>
    WrongMd5,

    /// <summary>Delay by the burst delay and answer with <c>X-VaultAPI-BurstLimitRemaining: 0</c> and a response delay header.</summary>
    BurstExhausted,

    /// <summary>The job created by this request (commit, delete, move) ends ERRORS_ENCOUNTERED and changes nothing.</summary>
    JobFails,

    /// <summary>Process the request, then answer 200 with a truncated JSON body.</summary>
    MalformedJson,

    /// <summary>The commit's job succeeds but records the staged file one byte short: a storage fault the client must catch.</summary>
    ShortFile,
}
