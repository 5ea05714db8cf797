using System.Diagnostics.CodeAnalysis;

// A SemaphoreSlim only holds unmanaged state once its AvailableWaitHandle is read, which no code here does;
// making these long-lived types disposable for it would spread Dispose calls through their owners for nothing.
[assembly: SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "SemaphoreSlim without AvailableWaitHandle", Scope = "type", Target = "~T:VaultStaging.Core.Http.SessionRenewer")]
[assembly: SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "SemaphoreSlim without AvailableWaitHandle", Scope = "type", Target = "~T:VaultStaging.Core.Staging.JobPoller")]
[assembly: SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "SemaphoreSlim without AvailableWaitHandle", Scope = "type", Target = "~T:VaultStaging.Core.Transfer.UploadBatch")]
