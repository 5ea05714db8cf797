using System;

namespace VaultStaging.Emulator.Jobs;

/// <summary>An asynchronous server job (commit, delete, move). Its work runs once, when it becomes due.</summary>
internal sealed class Job
{
    public Job(long id, string kind, string method, long createdBy, DateTimeOffset created, DateTimeOffset due, Action work, Action? cleanup, bool mustFail)
    {
        Id = id;
        Kind = kind;
        Method = method;
        CreatedBy = createdBy;
        Created = created;
        Due = due;
        Work = work;
        Cleanup = cleanup;
        MustFail = mustFail;
    }

    public long Id { get; }

    /// <summary>commit, delete or update.</summary>
    public string Kind { get; }

    public string Method { get; }

    public long CreatedBy { get; }

    public DateTimeOffset Created { get; }

    public DateTimeOffset Due { get; }

    /// <summary>Performs the change; throws when it cannot (the job then ends ERRORS_ENCOUNTERED).</summary>
    public Action Work { get; }

    /// <summary>Runs after the work, whatever the outcome (e.g. deletes an assembled temp file).</summary>
    public Action? Cleanup { get; }

    /// <summary>Set by the JobFails fault.</summary>
    public bool MustFail { get; }

    public bool Finished { get; set; }

    public bool Succeeded { get; set; }

    public string? FailureMessage { get; set; }

    public DateTimeOffset? Finish { get; set; }

    public DateTimeOffset? LastPoll { get; set; }
}
