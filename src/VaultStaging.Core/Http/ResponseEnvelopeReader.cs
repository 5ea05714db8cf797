using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VaultStaging.Core.Json;

namespace VaultStaging.Core.Http;

/// <summary>What the pipeline knows about one HTTP answer when it reads the body.</summary>
internal readonly struct ResponseContext
{
    public ResponseContext(string requestLine, string host, int httpStatus, string? mediaType, string? executionId)
    {
        RequestLine = requestLine;
        Host = host;
        HttpStatus = httpStatus;
        MediaType = mediaType;
        ExecutionId = executionId;
    }

    /// <summary>"PUT /api/v26.1/…", for messages.</summary>
    public string RequestLine { get; }

    public string Host { get; }

    public int HttpStatus { get; }

    public string? MediaType { get; }

    public string? ExecutionId { get; }

    /// <summary>This answer came to a repeat of an attempt that may have been carried out (see <see cref="VaultApiException.AfterUncertainAttempt"/>).</summary>
    public bool AfterUncertainAttempt { get; init; }

    /// <summary>
    /// Whether a refusal of this type is final news about an uncertain attempt: a transient answer is retried and a dead
    /// session renewed, so only the others carry the mark.
    /// </summary>
    public bool MarksUncertain(string vaultErrorType)
        => AfterUncertainAttempt
           && !RetryPolicy.IsTransient(HttpStatus, vaultErrorType)
           && !SessionRenewalPolicy.IsDeadSession(HttpStatus, vaultErrorType);
}

/// <summary>
/// Turns a response body into a typed envelope, or into a <see cref="VaultApiException"/> for a
/// FAILURE/EXCEPTION envelope and for anything that is not a Vault envelope (never a JsonException).
/// </summary>
internal static class ResponseEnvelopeReader
{
    public const string Success = "SUCCESS";
    public const string Warning = "WARNING";

    public static T Read<T>(byte[] body, ResponseContext context, JsonTypeInfo<T> typeInfo, Redactor redactor)
        where T : EnvelopeDto
    {
        if (body.Length == 0)
        {
            throw NotAnEnvelope(context, "an empty body");
        }

        if (LooksLikeHtml(body, context.MediaType))
        {
            throw NotAnEnvelope(context, "an HTML page");
        }

        T? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            throw NotAnEnvelope(context, "invalid or truncated JSON (" + body.Length.ToString(CultureInfo.InvariantCulture) + " bytes)");
        }

        if (envelope?.ResponseStatus is null)
        {
            throw NotAnEnvelope(context, "JSON without a responseStatus");
        }

        if (envelope.ResponseStatus is Success or Warning)
        {
            if (context.HttpStatus >= 400)
            {
                throw NotAnEnvelope(context, "a success envelope with an error status");
            }

            return envelope;
        }

        throw Failure(envelope, context, redactor);
    }

    /// <summary>The error for an answer that is not a Vault envelope (HTML proxy page, truncated JSON, empty 5xx).</summary>
    public static VaultApiException NotAnEnvelope(ResponseContext context, string what)
    {
        var type = context.HttpStatus >= 400
            ? "HTTP_" + context.HttpStatus.ToString(CultureInfo.InvariantCulture)
            : VaultErrorTypes.InvalidResponse;
        var message = string.Format(
            CultureInfo.InvariantCulture,
            "{0}: the server at {1} answered with {2} (HTTP {3}), not a Vault API response — check the server address and any proxy.",
            context.RequestLine,
            context.Host,
            what,
            context.HttpStatus);
        return new VaultApiException(type, message, context.HttpStatus, context.ExecutionId)
        {
            AfterUncertainAttempt = context.MarksUncertain(type),
        };
    }

    private static VaultApiException Failure(EnvelopeDto envelope, ResponseContext context, Redactor redactor)
    {
        var errors = new List<VaultError>();
        foreach (var error in envelope.Errors ?? new List<ErrorDto>())
        {
            errors.Add(new VaultError(error.Type ?? "UNEXPECTED_ERROR", redactor.Redact(error.Message ?? "")));
        }

        var first = errors.Count > 0 ? errors[0] : new VaultError(envelope.ErrorType ?? "UNEXPECTED_ERROR", redactor.Redact(envelope.ResponseMessage ?? ""));
        var detail = first.Message.Length > 0 ? first.Message.TrimEnd('.') + " " : "";
        var message = string.Format(
            CultureInfo.InvariantCulture,
            "{0} failed: {1}({2}, responseStatus {3}).",
            context.RequestLine,
            detail,
            first.Type,
            envelope.ResponseStatus);
        return new VaultApiException(first.Type, message, context.HttpStatus, context.ExecutionId)
        {
            Errors = errors,
            AfterUncertainAttempt = context.MarksUncertain(first.Type),
        };
    }

    private static bool LooksLikeHtml(byte[] body, string? mediaType)
    {
        if (mediaType is not null && mediaType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return true;
        }

        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'<';
        }

        return false;
    }
}
