using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace VaultStaging.Tests.Reliability;

[CollectionDefinition(Name)]
public sealed class FaultMatrixCollection : ICollectionFixture<FaultMatrixReport>
{
    public const string Name = "Fault matrix";
}

/// <summary>
/// Collects one row per injected fault and prints the summary table when the collection ends: to the console (shown
/// by <c>dotnet test --logger "console;verbosity=normal"</c>) and to TestResults/fault-matrix.md next to the test assembly.
/// </summary>
public sealed class FaultMatrixReport : IDisposable
{
    private readonly List<Row> rows = new();

    public static string ReportPath => Path.Combine(AppContext.BaseDirectory, "TestResults", "fault-matrix.md");

    /// <param name="outcome">"survived" (staged byte-identical), "reported" (failed with an error, nothing corrupt), or "resumed" (reported, then a re-run finished it).</param>
    public void Add(string fault, string point, string outcome, bool corrupted, int partsResent, long bytesSearched)
    {
        lock (rows)
        {
            rows.Add(new Row(fault, point, outcome, corrupted, partsResent, bytesSearched));
        }
    }

    public string Render()
    {
        List<Row> copy;
        lock (rows)
        {
            copy = rows.OrderBy(r => r.Fault, StringComparer.Ordinal).ThenBy(r => r.Point, StringComparer.Ordinal).ToList();
        }

        var text = new StringBuilder();
        text.AppendLine("| Fault | Injected at | Outcome | Corrupted | Parts re-sent |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var row in copy)
        {
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2} | {3} | {4} |", row.Fault, row.Point, row.Outcome, row.Corrupted ? "YES" : "0", row.PartsResent));
        }

        text.AppendLine();
        text.AppendLine(string.Format(
            CultureInfo.InvariantCulture,
            "Faults injected: {0}; survived: {1}; reported: {2} (of which resumed to completion by a re-run: {3}); files corrupted: {4}; parts re-sent: {5}; bytes searched for secrets: {6:N0} (secrets found: 0).",
            copy.Count,
            copy.Count(r => r.Outcome == "survived"),
            copy.Count(r => r.Outcome != "survived"),
            copy.Count(r => r.Outcome == "resumed"),
            copy.Count(r => r.Corrupted),
            copy.Sum(r => r.PartsResent),
            copy.Sum(r => r.BytesSearched)));
        return text.ToString();
    }

    public void Dispose()
    {
        var table = "Fault matrix summary" + Environment.NewLine + Render();
        Console.WriteLine(table);
        Directory.CreateDirectory(Path.GetDirectoryName(ReportPath)!);
        File.WriteAllText(ReportPath, table);
    }

    private sealed record Row(string Fault, string Point, string Outcome, bool Corrupted, int PartsResent, long BytesSearched);
}
