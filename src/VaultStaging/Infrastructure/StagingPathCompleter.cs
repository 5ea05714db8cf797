using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using VaultStaging.Core.Staging;

namespace VaultStaging.Module;

/// <summary>
/// Tab completion of staging paths: lists the folder typed so far over the -Connection given or the default connection
/// (folders first, each ending in '/' so the next Tab goes deeper). Silent when not connected or on any error.
/// </summary>
public sealed class StagingPathCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly char[] NeedsQuoting = { ' ', '\'', '$', '`', '(', ')', '{', '}', ';', ',', '&', '@', '#' };

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        // The -Connection already typed on the line (a variable holding Connect-Vault -PassThru output), else the default.
        var current = (PSObject.AsPSObject(fakeBoundParameters?["Connection"] ?? new object()).BaseObject as VaultConnectionInfo)?.Vault
            ?? ModuleConnection.Current;
        if (current is null || current.IsClosed)
        {
            return Array.Empty<CompletionResult>();
        }

        var typed = (wordToComplete ?? "").Trim('\'', '"');
        if (!typed.StartsWith("/", StringComparison.Ordinal))
        {
            typed = "/" + typed;
        }

        var split = typed.LastIndexOf('/');
        var folder = split == 0 ? "/" : typed.Substring(0, split);
        var prefix = typed.Substring(split + 1);
        try
        {
            using var cancel = new CancellationTokenSource(Timeout);
            var items = current.Connection.Staging.ListItemsAsync(folder, recursive: false, cancel.Token).GetAwaiter().GetResult();
            return items
                .Where(item => item.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(item => item.Kind == StagingItemKind.Folder ? 0 : 1)
                .ThenBy(item => item.Name, StringComparer.OrdinalIgnoreCase)
                .Select(ToCompletion)
                .ToList();
        }
        catch (Exception)
        {
            // Completion must never throw into the user's prompt.
            return Array.Empty<CompletionResult>();
        }
    }

    private static CompletionResult ToCompletion(StagingItem item)
    {
        var path = item.Kind == StagingItemKind.Folder ? item.Path.TrimEnd('/') + "/" : item.Path;
        var text = path.IndexOfAny(NeedsQuoting) >= 0
            ? "'" + path.Replace("'", "''") + "'"
            : path;
        var tooltip = item.Kind == StagingItemKind.Folder ? item.Path : $"{item.Path} ({item.Size} bytes)";
        return new CompletionResult(text, item.Name, CompletionResultType.ParameterValue, tooltip);
    }
}
