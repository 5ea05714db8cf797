namespace VaultStaging.Core;
