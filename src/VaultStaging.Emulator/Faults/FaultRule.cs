using System;
using System.Globalization;

namespace VaultStaging.Emulator.Faults;

/// <summary>
/// One armed fault. Matches requests by endpoint and optional part number and fires
/// <see cref="Count"/> times (0 = forever).
/// </summary>
public sealed class FaultRule
{
    public FaultKind Kind { get; set; }

    public EmulatorEndpoint Endpoint { get; set; } = EmulatorEndpoint.Any;

    /// <summary>Only requests with this <c>X-VaultAPI-FilePartNumber</c> match (null = any).</summary>
    public int? PartNumber { get; set; }

    /// <summary>How many times the rule fires; 0 = forever.</summary>
    public int Count { get; set; } = 1;

    /// <summary>Retry-After value for <see cref="FaultKind.Http503"/>.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Delay for <see cref="FaultKind.SlowResponse"/>.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Parses the command-line syntax <c>kind[:endpoint][@part][xcount][=value]</c>, names in kebab-case,
    /// e.g. <c>drop:upload-part@3</c>, <c>http503:commit=5</c>, <c>slow:upload-partx0=250ms</c>.
    /// <c>value</c> is Retry-After seconds for http503 and the delay (<c>250ms</c>, <c>2s</c>, or plain ms) for slow.
    /// </summary>
    public static FaultRule Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = spec.Trim();
        if (text.Length == 0)
        {
            throw new FormatException("Empty fault spec.");
        }

        var rule = new FaultRule();
        string? value = null;
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            value = text[(equals + 1)..];
            text = text[..equals];
        }

        int x = text.LastIndexOf('x');
        if (x > 0 && x < text.Length - 1 && IsDigits(text.AsSpan(x + 1)))
        {
            rule.Count = ParseInt(text[(x + 1)..], spec);
            text = text[..x];
        }

        int at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            rule.PartNumber = ParseInt(text[(at + 1)..], spec);
            text = text[..at];
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string kindName = colon >= 0 ? text[..colon] : text;
        if (colon >= 0)
        {
            rule.Endpoint = ParseEndpoint(text[(colon + 1)..], spec);
        }

        rule.Kind = ParseKind(kindName, spec);
        if (value is not null)
        {
            ApplyValue(rule, value, spec);
        }

        return rule;
    }

    /// <summary>The spec string that <see cref="Parse"/> would turn back into this rule.</summary>
    public override string ToString()
    {
        var text = KebabName(Kind.ToString());
        if (Endpoint != EmulatorEndpoint.Any)
        {
            text += ":" + KebabName(Endpoint.ToString());
        }

        if (PartNumber is { } part)
        {
            text += "@" + part.ToString(CultureInfo.InvariantCulture);
        }

        return text + "x" + Count.ToString(CultureInfo.InvariantCulture);
    }

    internal static string KebabName(string pascal)
    {
        var builder = new System.Text.StringBuilder();
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c) && i > 0 && !char.IsDigit(pascal[i - 1]))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static FaultKind ParseKind(string name, string spec)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "drop":
                return FaultKind.DropConnection;
            case "reset":
                return FaultKind.ResetBeforeResponse;
            case "html":
                return FaultKind.HtmlErrorPage;
            case "slow":
                return FaultKind.SlowResponse;
            case "expire-login":
                return FaultKind.ExpireLoginSession;
            case "burst":
                return FaultKind.BurstExhausted;
        }

        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            if (string.Equals(KebabName(kind.ToString()), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        throw new FormatException($"Unknown fault kind '{name}' in '{spec}'.");
    }

    private static EmulatorEndpoint ParseEndpoint(string name, string spec)
    {
        foreach (var endpoint in Enum.GetValues<EmulatorEndpoint>())
        {
            if (endpoint != EmulatorEndpoint.Unknown &&
                string.Equals(KebabName(endpoint.ToString()), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return endpoint;
            }
        }

        throw new FormatException($"Unknown endpoint '{name}' in fault spec '{spec}'.");
    }

    private static void ApplyValue(FaultRule rule, string value, string spec)
    {
        value = value.Trim();
        switch (rule.Kind)
        {
            case FaultKind.Http503:
                rule.RetryAfterSeconds = ParseInt(value, spec);
                break;
            case FaultKind.SlowResponse:
                rule.Delay = ParseDuration(value, spec);
                break;
            default:
                throw new FormatException($"Fault kind '{KebabName(rule.Kind.ToString())}' takes no '=value' ('{spec}').");
        }
    }

    private static TimeSpan ParseDuration(string value, string spec)
    {
        if (value.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
        {
            return TimeSpan.FromMilliseconds(ParseInt(value[..^2], spec));
        }

        if (value.EndsWith('s'))
        {
            return TimeSpan.FromSeconds(ParseInt(value[..^1], spec));
        }

        return TimeSpan.FromMilliseconds(ParseInt(value, spec));
    }

    private static int ParseInt(string text, string spec)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int result))
        {
            throw new FormatException($"'{text}' is not a non-negative number in fault spec '{spec}'.");
        }

        return result;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
