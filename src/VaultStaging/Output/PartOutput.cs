using System.Collections.Generic;
using System.Management.Automation;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module;

/// <summary>
/// Parts as the cmdlets output them: the server's part plus the SessionId it belongs to, so parts bind by property
/// name to Complete-VaultUploadSession, Get-VaultUploadSession and Remove-VaultUploadSession.
/// </summary>
internal static class PartOutput
{
    public const string SessionIdProperty = "SessionId";

    public static PSObject WithSession(UploadedPart part, string sessionId)
    {
        var output = new PSObject(part);
        output.Properties.Add(new PSNoteProperty(SessionIdProperty, sessionId));
        return output;
    }

    public static IEnumerable<PSObject> WithSession(IEnumerable<UploadedPart> parts, string sessionId)
    {
        foreach (var part in parts)
        {
            yield return WithSession(part, sessionId);
        }
    }
}
