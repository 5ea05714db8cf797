namespace VaultStaging.Core;

/// <summary>
/// Every error id the engine, the CLI and the module report: a documented contract (docs/cli.md, docs/module.md)
/// that scripts branch on, so a value here never changes. Errors Vault itself returns are reported as
/// <see cref="VaultApiPrefix"/> + the PascalCase Vault error type (INSUFFICIENT_ACCESS → VaultInsufficientAccess).
/// </summary>
public static class VaultErrorIds
{
    /// <summary>Prefix of the ids of errors Vault returns: "Vault" + the PascalCase error type.</summary>
    public const string VaultApiPrefix = "Vault";

    // Connection and configuration

    /// <summary>No server, or a server address that is not a usable DNS name or https URL.</summary>
    public const string InvalidServerUrl = "InvalidServerUrl";

    /// <summary>A plain-http server address other than loopback.</summary>
    public const string InsecureServerUrl = "InsecureServerUrl";

    /// <summary>A client id that breaks Vault's client id syntax.</summary>
    public const string InvalidClientId = "InvalidClientId";

    /// <summary>An API version that is not of the form vNN.N.</summary>
    public const string InvalidApiVersion = "InvalidApiVersion";

    /// <summary>Neither a user name and password nor a session id was given.</summary>
    public const string CredentialRequired = "CredentialRequired";

    /// <summary>A request timeout that is zero or negative.</summary>
    public const string InvalidRequestTimeout = "InvalidRequestTimeout";

    /// <summary>Vault logged the user in to another vault than the one asked for (no such vault, not a member).</summary>
    public const string VaultMismatch = "VaultMismatch";

    /// <summary>The session id or token is not accepted, or expired with no credentials to log in again.</summary>
    public const string SessionExpired = "SessionExpired";

    /// <summary>A request could not reach the server (network, DNS, proxy, TLS).</summary>
    public const string ConnectionFailed = "ConnectionFailed";

    /// <summary>A request got no answer within the request timeout.</summary>
    public const string RequestTimeout = "RequestTimeout";

    /// <summary>The server redirected a request to another host, which would carry the session there.</summary>
    public const string UnexpectedRedirectHost = "UnexpectedRedirectHost";

    // Staging paths and items

    /// <summary>A staging path that is relative, has '.' or '..' segments or breaks another of Vault's path rules.</summary>
    public const string InvalidStagingPath = "InvalidStagingPath";

    /// <summary>A new name for a staging item that is empty or contains '/'.</summary>
    public const string InvalidStagingName = "InvalidStagingName";

    /// <summary>A move the tool refuses: onto itself, a folder into itself, or into a folder that does not exist.</summary>
    public const string InvalidStagingMove = "InvalidStagingMove";

    /// <summary>The staging root or a user's home folder, which the tool never moves or deletes.</summary>
    public const string ProtectedStagingItem = "ProtectedStagingItem";

    /// <summary>The staging path names no file or folder on the server.</summary>
    public const string StagingItemNotFound = "StagingItemNotFound";

    /// <summary>A folder was asked for where a file stands on the staging server.</summary>
    public const string StagingPathIsFile = "StagingPathIsFile";

    /// <summary>A file was to be staged where a folder stands on the staging server.</summary>
    public const string StagingPathIsFolder = "StagingPathIsFolder";

    /// <summary>An admin's /u&lt;id&gt; staging path used by a user who is not an admin.</summary>
    public const string AdminPathForNonAdmin = "AdminPathForNonAdmin";

    // Jobs

    /// <summary>A Vault job (commit, move, delete) ended in failure.</summary>
    public const string JobFailed = "JobFailed";

    /// <summary>A Vault job did not finish within the wait.</summary>
    public const string JobTimeout = "JobTimeout";

    // Local files and selection

    /// <summary>The local file does not exist.</summary>
    public const string LocalFileNotFound = "LocalFileNotFound";

    /// <summary>The local path (file or folder) does not exist.</summary>
    public const string LocalPathNotFound = "LocalPathNotFound";

    /// <summary>A directory was given where one file is needed.</summary>
    public const string LocalPathIsDirectory = "LocalPathIsDirectory";

    /// <summary>A directory was given without the recurse option.</summary>
    public const string DirectoryNeedsRecurse = "DirectoryNeedsRecurse";

    /// <summary>A local file that is not below the base path its staging layout is derived from.</summary>
    public const string LocalPathOutsideBase = "LocalPathOutsideBase";

    /// <summary>The local file cannot be read (locked, permissions).</summary>
    public const string LocalFileUnreadable = "LocalFileUnreadable";

    /// <summary>The local file changed while it was being staged, so it was not committed.</summary>
    public const string LocalFileChanged = "LocalFileChanged";

    /// <summary>Two local files of one run would be staged at the same staging path.</summary>
    public const string DuplicateStagingPath = "DuplicateStagingPath";

    /// <summary>An include or exclude pattern that is empty.</summary>
    public const string InvalidPattern = "InvalidPattern";

    /// <summary>A file of include or exclude patterns that cannot be read.</summary>
    public const string PatternFileUnreadable = "PatternFileUnreadable";

    // Uploads

    /// <summary>The file is larger than Vault's limits allow.</summary>
    public const string FileTooLarge = "FileTooLarge";

    /// <summary>A part size outside the range Vault allows.</summary>
    public const string InvalidPartSize = "InvalidPartSize";

    /// <summary>The staging path is taken and no overwrite, update or skip option was given.</summary>
    public const string StagingItemExists = "StagingItemExists";

    /// <summary>The staged copy differs from the local file and only identical copies may be skipped.</summary>
    public const string StagedCopyDiffers = "StagedCopyDiffers";

    /// <summary>The staged copy did not verify after it was committed.</summary>
    public const string StagedCopyCorrupt = "StagedCopyCorrupt";

    /// <summary>The committed file's size on the server is not the local file's, or it is missing.</summary>
    public const string StagedSizeMismatch = "StagedSizeMismatch";

    /// <summary>The server's size or MD5 of a one-request upload is not the local file's.</summary>
    public const string UploadVerificationFailed = "UploadVerificationFailed";

    /// <summary>The server's size or MD5 of a part is not the part sent.</summary>
    public const string PartVerificationFailed = "PartVerificationFailed";

    /// <summary>A part could not be sent within its attempts.</summary>
    public const string PartUploadFailed = "PartUploadFailed";

    /// <summary>The local file's size is not the one the upload session was created for.</summary>
    public const string SessionSizeMismatch = "SessionSizeMismatch";

    /// <summary>The session holds parts that fit no valid part layout of the local file.</summary>
    public const string SessionIncompatible = "SessionIncompatible";

    /// <summary>A commit was asked for before every part was sent.</summary>
    public const string SessionIncomplete = "SessionIncomplete";

    /// <summary>The vault stayed at its limit of active upload sessions for the whole wait.</summary>
    public const string SessionLimitReached = "SessionLimitReached";

    /// <summary>The upload session ended on the server, and a fresh one ended too.</summary>
    public const string UploadSessionExpired = "UploadSessionExpired";

    /// <summary>An upload failed for a reason the engine did not foresee.</summary>
    public const string UploadFailed = "UploadFailed";

    // Downloads

    /// <summary>The local file exists and no overwrite, update or skip option was given.</summary>
    public const string LocalFileExists = "LocalFileExists";

    /// <summary>A staging folder was given without the recurse option.</summary>
    public const string StagingFolderNeedsRecurse = "StagingFolderNeedsRecurse";

    /// <summary>A staged name that cannot be a local file name here.</summary>
    public const string UnsafeLocalName = "UnsafeLocalName";

    /// <summary>Two staged items of one run would be saved at the same local path.</summary>
    public const string DuplicateLocalPath = "DuplicateLocalPath";

    /// <summary>The downloaded size is not the listed size.</summary>
    public const string DownloadSizeMismatch = "DownloadSizeMismatch";

    /// <summary>The downloaded file's MD5 is not Vault's.</summary>
    public const string DownloadMd5Mismatch = "DownloadMd5Mismatch";

    /// <summary>Vault did not answer a ranged (resumed) download as asked.</summary>
    public const string RangeNotHonored = "RangeNotHonored";

    /// <summary>The local file cannot be written (permissions, free space).</summary>
    public const string LocalFileWriteFailed = "LocalFileWriteFailed";

    /// <summary>An error no more specific id describes.</summary>
    public const string UnexpectedError = "UnexpectedError";

    // Module only: cmdlet arguments and the PowerShell session

    /// <summary>No Connect-Vault has run in this session and no -Connection was given.</summary>
    public const string NotConnected = "NotConnected";

    /// <summary>The -Connection given was ended by Disconnect-Vault.</summary>
    public const string ConnectionClosed = "ConnectionClosed";

    /// <summary>-Overwrite, -Update and -SkipExisting given together on Send-VaultFile.</summary>
    public const string OverwriteAndSkipExisting = "OverwriteAndSkipExisting";

    /// <summary>-Overwrite, -Update and -SkipExisting given together on Save-VaultStagingItem.</summary>
    public const string ConflictingExistingFileModes = "ConflictingExistingFileModes";

    /// <summary>A -Destination that is not on the file system provider.</summary>
    public const string DestinationNotFileSystem = "DestinationNotFileSystem";

    /// <summary>A -Destination that is a file, not a folder.</summary>
    public const string DestinationIsFile = "DestinationIsFile";

    /// <summary>Both or neither of -Destination and -StagingPath given to New-VaultUploadSession.</summary>
    public const string DestinationOrStagingPath = "DestinationOrStagingPath";

    /// <summary>A directory given to New-VaultUploadSession, which takes one file.</summary>
    public const string PathIsDirectory = "PathIsDirectory";

    /// <summary>A path on a provider other than the file system.</summary>
    public const string NotFileSystemPath = "NotFileSystemPath";

    /// <summary>The cmdlet was stopped (Ctrl+C) before it finished.</summary>
    public const string OperationStopped = "OperationStopped";

    /// <summary>A local file or folder that the account may not read.</summary>
    public const string LocalFileAccessDenied = "LocalFileAccessDenied";

    /// <summary>A local file that could not be read for another I/O reason.</summary>
    public const string LocalFileReadFailed = "LocalFileReadFailed";

    /// <summary>An argument the engine refused as invalid.</summary>
    public const string InvalidArgument = "InvalidArgument";

    /// <summary>A Vault job that a cmdlet waited for ended in failure.</summary>
    public const string VaultJobFailed = "VaultJobFailed";

    /// <summary>A download failed for a reason the cmdlet did not foresee.</summary>
    public const string DownloadFailed = "DownloadFailed";
}
