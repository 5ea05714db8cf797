@{
    RootModule           = 'VaultStaging.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'a3d6f0c2-5b1e-4c47-9f3a-7e2b8d41c9a6'
    Author               = 'VaultStaging contributors'
    CompanyName          = 'VaultStaging'
    Copyright            = '(c) VaultStaging contributors. All rights reserved.'
    Description          = 'Stages files on the Veeva Vault file staging server through its REST API: resumable, verified, parallel uploads from the pipeline.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    HelpInfoUri          = 'https://github.com/VaultStaging/VaultStaging/tree/main/docs/en-US'
    FormatsToProcess     = @('VaultStaging.Format.ps1xml')
    CmdletsToExport      = @(
        'Complete-VaultUploadSession'
        'Connect-Vault'
        'Disconnect-Vault'
        'Get-VaultConnection'
        'Get-VaultJob'
        'Get-VaultStagingItem'
        'Get-VaultUploadSession'
        'Move-VaultStagingItem'
        'New-VaultStagingFolder'
        'New-VaultUploadSession'
        'Remove-VaultStagingItem'
        'Remove-VaultUploadSession'
        'Rename-VaultStagingItem'
        'Save-VaultStagingItem'
        'Send-VaultFile'
        'Send-VaultFilePart'
        'Wait-VaultJob'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            ProjectUri   = 'https://github.com/VaultStaging/VaultStaging'
            LicenseUri   = 'https://github.com/VaultStaging/VaultStaging/blob/main/LICENSE'
            Tags         = @('Veeva', 'Vault', 'FileStaging', 'Upload', 'Resumable', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = 'First release: Connect-Vault, Send-VaultFile with resumable, verified, parallel uploads; step-wise session cmdlets; staging item and job cmdlets.'
        }
    }
}
