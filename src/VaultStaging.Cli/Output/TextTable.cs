using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace VaultStaging.Cli.Output;

/// <summary>Left-aligned columns separated by two spaces, sized to their widest cell; the last column is never padded.</summary>
internal sealed class TextTable
{
    private readonly List<string[]> rows = new();

    public TextTable(params string[] header)
    {
        rows.Add(header);
    }

    public void Add(params string[] cells) => rows.Add(cells);

    public IEnumerable<string> Lines()
    {
        int columns = rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (int i = 0; i < row.Length; i++)
            {
                line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            yield return line.ToString().TrimEnd();
        }
    }
}
