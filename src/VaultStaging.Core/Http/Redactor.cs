using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace VaultStaging.Core.Http;

/// <summary>
/// Removes secrets from any text that leaves the engine (log lines, exception messages built from
/// server text): every secret the connection has held (login session ids, passwords), plus anything
/// shaped like one (an Authorization header, a sessionId JSON field, a password form field).
/// </summary>
internal sealed class Redactor
{
    internal const string Mask = "[redacted]";

    // Shorter values are not treated as secrets: masking "a" everywhere would garble every message.
    private const int MinimumSecretLength = 4;

    private static readonly Regex SecretShapes = new(
        @"(?<key>(?:Authorization\s*[:=]?\s*(?:Bearer\s+)?|Bearer\s+))(?<value>[^\s,;""']+)" +
        @"|(?<key>""?(?:sessionId|session_id|password)""?\s*[:=]\s*""?)(?<value>[^""&\s,}]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // Every match of SecretShapes contains one of these.
    private static readonly string[] SecretShapeKeys = { "authorization", "bearer", "sessionid", "session_id", "password" };

    private readonly object gate = new();
    private string[] secrets = Array.Empty<string>();

    public void AddSecret(string? secret)
    {
        if (secret is null || secret.Length < MinimumSecretLength)
        {
            return;
        }

        lock (gate)
        {
            var list = new List<string>(secrets);
            if (!list.Contains(secret))
            {
                list.Add(secret);

                // Longest first, so a secret that contains another is masked whole.
                list.Sort((a, b) => b.Length.CompareTo(a.Length));
                secrets = list.ToArray();
            }
        }
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var result = text!;
        foreach (var secret in secrets)
        {
            if (result.IndexOf(secret, StringComparison.Ordinal) >= 0)
            {
                result = result.Replace(secret, Mask);
            }
        }

        return MayHoldSecretShape(result) ? SecretShapes.Replace(result, m => m.Groups["key"].Value + Mask) : result;
    }

    /// <summary>
    /// Whether <see cref="SecretShapes"/> can match: only where one of its keys occurs. Most lines are requests and
    /// decisions that name none, and a 2 GiB upload logs ~350 of them, verbose or not; this check spares each a
    /// regex run. Text with a non-ASCII letter always goes to the regex, whose case-insensitive match knows letters
    /// beyond ASCII (the Kelvin sign matches "k"); other symbols, such as the arrow in request lines, cannot stand
    /// for a key's letter.
    /// </summary>
    private static bool MayHoldSecretShape(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u007f' && char.IsLetter(c))
            {
                return true;
            }
        }

        foreach (var key in SecretShapeKeys)
        {
            if (text.IndexOf(key, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
