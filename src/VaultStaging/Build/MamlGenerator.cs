// Compiled by MSBuild's RoslynCodeTaskFactory (see Help.targets), not part of the module assembly.
// docs/en-US/<Cmdlet>.md (platyPS layout) is the one source of the cmdlet help; this writes the MAML that
// Get-Help reads, and turns about_VaultStaging.md into about_VaultStaging.help.txt. Kept to C# 7.3.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class GenerateVaultStagingHelp : Task
{
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    [Required]
    public string SourceDirectory { get; set; }

    [Required]
    public string MamlFile { get; set; }

    [Required]
    public string AboutFile { get; set; }

    public override bool Execute()
    {
        var commands = Directory.GetFiles(SourceDirectory, "*-*.md").OrderBy(f => f, StringComparer.Ordinal).Select(ParseCommand).ToList();
        foreach (var command in commands)
        {
            if (string.IsNullOrWhiteSpace(command.Synopsis) || command.Description.Count == 0 || command.Examples.Count == 0)
            {
                Log.LogError("{0}: help needs a SYNOPSIS, a DESCRIPTION and at least one example.", command.Name);
            }
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(MamlFile));
        WriteMaml(commands);
        var about = Path.Combine(SourceDirectory, "about_VaultStaging.md");
        File.WriteAllText(AboutFile, AboutText(File.ReadAllLines(about)), new UTF8Encoding(false));
        return true;
    }

    private sealed class CommandHelp
    {
        public string Name = "";
        public string Synopsis = "";
        public List<string> Description = new List<string>();
        public List<Example> Examples = new List<Example>();
        public List<ParameterHelp> Parameters = new List<ParameterHelp>();
        public List<KeyValuePair<string, List<string>>> Inputs = new List<KeyValuePair<string, List<string>>>();
        public List<KeyValuePair<string, List<string>>> Outputs = new List<KeyValuePair<string, List<string>>>();
        public List<string> Notes = new List<string>();
        public List<string> Links = new List<string>();
    }

    private sealed class Example
    {
        public string Title = "";
        public StringBuilder Code = new StringBuilder();
        public List<string> Remarks = new List<string>();
    }

    private sealed class ParameterHelp
    {
        public string Name = "";
        public List<string> Description = new List<string>();
        public Dictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public string Field(string key, string fallback)
        {
            string value;
            return Fields.TryGetValue(key, out value) && value.Length > 0 ? value : fallback;
        }

        public string[] Sets
        {
            get { return Field("Parameter Sets", "(All)").Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray(); }
        }
    }

    private static CommandHelp ParseCommand(string path)
    {
        var help = new CommandHelp { Name = Path.GetFileNameWithoutExtension(path) };
        string section = null;
        string sub = null;
        Example example = null;
        ParameterHelp parameter = null;
        List<string> ioText = null;
        bool inFence = false;
        string fenceLanguage = null;
        var paragraph = new StringBuilder();
        var lines = File.ReadAllLines(path);
        var start = lines.Length > 0 && lines[0].Trim() == "---" ? Array.IndexOf(lines, "---", 1) + 1 : 0;

        Action<List<string>> flush = target =>
        {
            if (paragraph.Length > 0 && target != null)
            {
                target.Add(paragraph.ToString().Trim());
            }

            paragraph.Clear();
        };

        Func<List<string>> currentTarget = () =>
        {
            switch (section)
            {
                case "DESCRIPTION": return help.Description;
                case "EXAMPLES": return example != null ? example.Remarks : null;
                case "PARAMETERS": return parameter != null ? parameter.Description : null;
                case "INPUTS":
                case "OUTPUTS": return ioText;
                case "NOTES": return help.Notes;
                default: return null;
            }
        };

        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                if (!inFence)
                {
                    flush(currentTarget());
                    inFence = true;
                    fenceLanguage = line.Trim().Substring(3).Trim();
                }
                else
                {
                    inFence = false;
                    fenceLanguage = null;
                }

                continue;
            }

            if (inFence)
            {
                if (section == "EXAMPLES" && example != null && fenceLanguage != "output")
                {
                    example.Code.AppendLine(line);
                }
                else if (section == "PARAMETERS" && parameter != null && fenceLanguage == "yaml")
                {
                    var colon = line.IndexOf(':');
                    if (colon > 0)
                    {
                        parameter.Fields[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
                    }
                }
                else
                {
                    var target = currentTarget();
                    if (target != null)
                    {
                        target.Add("    " + line);
                    }
                }

                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                flush(currentTarget());
                section = line.Substring(3).Trim().ToUpperInvariant();
                sub = null;
                example = null;
                parameter = null;
                ioText = null;
                continue;
            }

            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                flush(currentTarget());
                sub = line.Substring(4).Trim();
                if (section == "EXAMPLES")
                {
                    example = new Example { Title = sub };
                    help.Examples.Add(example);
                }
                else if (section == "PARAMETERS")
                {
                    parameter = sub.StartsWith("-", StringComparison.Ordinal) ? new ParameterHelp { Name = sub.Substring(1) } : null;
                    if (parameter != null)
                    {
                        help.Parameters.Add(parameter);
                    }
                }
                else if (section == "INPUTS" || section == "OUTPUTS")
                {
                    ioText = new List<string>();
                    (section == "INPUTS" ? help.Inputs : help.Outputs).Add(new KeyValuePair<string, List<string>>(sub, ioText));
                }

                continue;
            }

            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }

            if (section == "SYNOPSIS")
            {
                help.Synopsis = (help.Synopsis + " " + line.Trim()).Trim();
            }
            else if (section == "RELATED LINKS")
            {
                var text = line.Trim();
                if (text.StartsWith("[", StringComparison.Ordinal) && text.IndexOf(']') > 0)
                {
                    help.Links.Add(text.Substring(1, text.IndexOf(']') - 1));
                }
            }
            else if (line.Trim().Length == 0)
            {
                flush(currentTarget());
            }
            else
            {
                paragraph.Append(paragraph.Length > 0 ? " " : "").Append(line.Trim());
            }
        }

        flush(currentTarget());
        return help;
    }

    private void WriteMaml(IEnumerable<CommandHelp> commands)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var writer = XmlWriter.Create(MamlFile, settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("helpItems", "http://msh");
            writer.WriteAttributeString("schema", "maml");
            foreach (var command in commands)
            {
                WriteCommand(writer, command);
            }

            writer.WriteEndElement();
        }
    }

    private static void WriteCommand(XmlWriter w, CommandHelp c)
    {
        w.WriteStartElement("command", "command", Command);
        w.WriteAttributeString("xmlns", "maml", null, Maml);
        w.WriteAttributeString("xmlns", "dev", null, Dev);
        w.WriteStartElement("command", "details", Command);
        w.WriteElementString("command", "name", Command, c.Name);
        var dash = c.Name.IndexOf('-');
        w.WriteElementString("command", "verb", Command, c.Name.Substring(0, dash));
        w.WriteElementString("command", "noun", Command, c.Name.Substring(dash + 1));
        Paragraphs(w, new List<string> { c.Synopsis });
        w.WriteEndElement();
        Paragraphs(w, c.Description);

        w.WriteStartElement("command", "syntax", Command);
        var sets = c.Parameters.SelectMany(p => p.Sets).Where(s => s != "(All)").Distinct().ToList();
        if (sets.Count == 0)
        {
            sets.Add("(All)");
        }

        foreach (var set in sets)
        {
            w.WriteStartElement("command", "syntaxItem", Command);
            w.WriteElementString("maml", "name", Maml, c.Name);
            foreach (var p in c.Parameters.Where(p => p.Sets.Contains("(All)") || p.Sets.Contains(set)))
            {
                WriteParameter(w, p, set);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("command", "parameters", Command);
        foreach (var p in c.Parameters)
        {
            WriteParameter(w, p, null);
        }

        w.WriteEndElement();

        WriteTypes(w, "inputTypes", "inputType", c.Inputs);
        WriteTypes(w, "returnValues", "returnValue", c.Outputs);

        if (c.Notes.Count > 0)
        {
            w.WriteStartElement("maml", "alertSet", Maml);
            w.WriteStartElement("maml", "alert", Maml);
            foreach (var note in c.Notes)
            {
                w.WriteElementString("maml", "para", Maml, note);
            }

            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteStartElement("command", "examples", Command);
        foreach (var example in c.Examples)
        {
            w.WriteStartElement("command", "example", Command);
            w.WriteElementString("maml", "title", Maml, "-------------------------- " + example.Title + " --------------------------");
            w.WriteElementString("dev", "code", Dev, example.Code.ToString().TrimEnd());
            w.WriteStartElement("dev", "remarks", Dev);
            foreach (var remark in example.Remarks)
            {
                w.WriteElementString("maml", "para", Maml, remark);
            }

            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("command", "relatedLinks", Command);
        foreach (var link in c.Links)
        {
            w.WriteStartElement("maml", "navigationLink", Maml);
            w.WriteElementString("maml", "linkText", Maml, link);
            w.WriteElementString("maml", "uri", Maml, "");
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteParameter(XmlWriter w, ParameterHelp p, string set)
    {
        var type = p.Field("Type", "String");
        var position = p.Field("Position", "Named");
        if (set != null && position.Contains(","))
        {
            position = "Named";
        }

        w.WriteStartElement("command", "parameter", Command);
        w.WriteAttributeString("required", p.Field("Required", "False").StartsWith("True", StringComparison.OrdinalIgnoreCase) ? "true" : "false");
        w.WriteAttributeString("variableLength", type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false");
        w.WriteAttributeString("globbing", p.Field("Accept wildcard characters", "False").StartsWith("True", StringComparison.OrdinalIgnoreCase) ? "true" : "false");
        w.WriteAttributeString("pipelineInput", p.Field("Accept pipeline input", "False"));
        w.WriteAttributeString("position", position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : position);
        w.WriteAttributeString("aliases", p.Field("Aliases", "none"));
        w.WriteElementString("maml", "name", Maml, p.Name);
        Paragraphs(w, p.Description);
        if (type != "SwitchParameter")
        {
            w.WriteStartElement("command", "parameterValue", Command);
            w.WriteAttributeString("required", "true");
            w.WriteAttributeString("variableLength", "false");
            w.WriteString(type);
            w.WriteEndElement();
        }

        w.WriteStartElement("dev", "type", Dev);
        w.WriteElementString("maml", "name", Maml, type);
        w.WriteElementString("maml", "uri", Maml, "");
        w.WriteEndElement();
        w.WriteElementString("dev", "defaultValue", Dev, p.Field("Default value", "None"));
        w.WriteEndElement();
    }

    private static void WriteTypes(XmlWriter w, string listName, string itemName, List<KeyValuePair<string, List<string>>> types)
    {
        w.WriteStartElement("command", listName, Command);
        foreach (var type in types)
        {
            w.WriteStartElement("command", itemName, Command);
            w.WriteStartElement("dev", "type", Dev);
            w.WriteElementString("maml", "name", Maml, type.Key);
            w.WriteEndElement();
            Paragraphs(w, type.Value);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Paragraphs(XmlWriter w, List<string> paragraphs)
    {
        w.WriteStartElement("maml", "description", Maml);
        foreach (var paragraph in paragraphs)
        {
            w.WriteElementString("maml", "para", Maml, paragraph);
        }

        w.WriteEndElement();
    }

    /// <summary>Markdown to the about_*.help.txt layout: headings in capitals at the margin, text indented.</summary>
    private static string AboutText(string[] lines)
    {
        var text = new StringBuilder();
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                text.AppendLine("        " + line);
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                text.AppendLine("TOPIC").AppendLine("    " + line.Substring(2).Trim()).AppendLine();
            }
            else if (line.StartsWith("#", StringComparison.Ordinal))
            {
                text.AppendLine(line.TrimStart('#').Trim().ToUpperInvariant());
            }
            else
            {
                text.AppendLine(line.Length == 0 ? "" : "    " + line.Replace("`", ""));
            }
        }

        return text.ToString();
    }
}
