using System;
using System.IO;
using System.Management.Automation;
using VaultStaging.Core;
using VaultStaging.Core.Staging;
using VaultStaging.Core.Transfer;

namespace VaultStaging.Module.Commands;

/// <summary>
/// New-VaultUploadSession: creates a resumable upload session sized to each local file and outputs it bound to
/// the file and its part plan, for Send-VaultFilePart and Complete-VaultUploadSession.
/// </summary>
[Cmdlet(VerbsCommon.New, "VaultUploadSession", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(ResumableUpload))]
public sealed class NewVaultUploadSessionCommand : LocalFileCmdlet
{
    private ConnectedVault _vault = null!;
    private UploadOptions _options = null!;

    /// <summary>The staging folder that receives the file (the file keeps its name).</summary>
    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(StagingPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>The full staging path of the file, e.g. /inbound/2024/data.zip (instead of -Destination).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(StagingPathCompleter))]
    [ValidateNotNullOrEmpty]
    public string? StagingPath { get; set; }

    /// <summary>Replaces a file of the same name when the session is committed.</summary>
    [Parameter]
    public SwitchParameter Overwrite { get; set; }

    /// <summary>Part size in bytes (5 MiB to 50,000,000); by default PartPlan.DefaultPartSize (12 MiB) on a near link, the API maximum over a far one, raised for very large files.</summary>
    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long PartSize { get; set; }

    protected override void BeginProcessing()
    {
        _vault = RequireConnection();
        if ((Destination is null) == (StagingPath is null))
        {
            ThrowArgumentError(VaultErrorIds.DestinationOrStagingPath, "Give either -Destination (a staging folder) or -StagingPath (the file's full staging path), not both and not neither.", null);
        }

        _options = new UploadOptions
        {
            PartSize = PartSize > 0 ? PartSize : null,
            IfExists = Overwrite ? ExistingFileAction.Overwrite : ExistingFileAction.Fail,
        };
    }

    protected override void ProcessRecord()
    {
        foreach (var localPath in ResolveLocalPaths())
        {
            if (Directory.Exists(localPath))
            {
                WriteLocalPathError(VaultErrorIds.PathIsDirectory, ErrorCategory.InvalidArgument, $"'{localPath}' is a directory; an upload session holds one file.", localPath);
                continue;
            }

            string stagingPath;
            try
            {
                stagingPath = StagingPath is not null
                    ? Core.Staging.StagingPath.Normalize(StagingPath)
                    : LocalFileSelector.MapToStaging(localPath, Destination!, basePath: null);
            }
            catch (Exception exception)
            {
                WriteLocalFileError(exception, localPath);
                continue;
            }

            if (!ShouldProcess($"{localPath} -> {stagingPath}", "Create upload session"))
            {
                continue;
            }

            var request = new UploadRequest(localPath, stagingPath);
            try
            {
                WriteObject(RunEngine(token => ResumableUpload.StartAsync(_vault.Connection, request, _options, resume: false, token)));
            }
            catch (Exception exception) when (exception is not PipelineStoppedException)
            {
                WriteLocalFileError(exception, localPath);
            }
        }
    }
}
