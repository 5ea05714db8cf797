namespace VaultStaging.Core.Http;

/// <summary>The caller's <see cref="IVaultLog"/> (or nothing), with every line passed through the redactor.</summary>
internal sealed class SafeLog : IVaultLog
{
    private readonly IVaultLog? inner;
    private readonly Redactor redactor;

    public SafeLog(IVaultLog? inner, Redactor redactor)
    {
        this.inner = inner;
        this.redactor = redactor;
    }

    public void Verbose(string message) => inner?.Verbose(redactor.Redact(message));

    public void Debug(string message) => inner?.Debug(redactor.Redact(message));

    public void Warning(string message) => inner?.Warning(redactor.Redact(message));
}
