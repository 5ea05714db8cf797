namespace VaultStaging.Emulator.Api;

/// <summary>Vault <c>errors[].type</c> values the emulator emits.</summary>
internal static class ErrorTypes
{
    public const string UnexpectedError = "UNEXPECTED_ERROR";
    public const string MalformedUrl = "MALFORMED_URL";
    public const string MethodNotSupported = "METHOD_NOT_SUPPORTED";
    public const string NoPasswordProvided = "NO_PASSWORD_PROVIDED";
    public const string UsernameOrPasswordIncorrect = "USERNAME_OR_PASSWORD_INCORRECT";
    public const string InvalidSessionId = "INVALID_SESSION_ID";
    public const string ParameterRequired = "PARAMETER_REQUIRED";
    public const string InvalidData = "INVALID_DATA";
    public const string InsufficientAccess = "INSUFFICIENT_ACCESS";
    public const string OperationNotAllowed = "OPERATION_NOT_ALLOWED";
    public const string OperationInProgress = "OPERATION_IN_PROGRESS";
    public const string ExceedsFileMaxSize = "EXCEEDS_FILE_MAX_SIZE";
    public const string ApiLimitExceeded = "API_LIMIT_EXCEEDED";
    public const string ItemNameExists = "ITEM_NAME_EXISTS";
}
