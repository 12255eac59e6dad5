namespace Fupin.Common;

/// <summary>
/// One failed rule on one field of a request. <see cref="Field"/> is the request property's name,
/// <see cref="Code"/> is stable for programs, <see cref="Message"/> is shown to the user.
/// </summary>
public sealed record FieldError(string Field, string Code, string Message);

public enum FailureKind { NotFound, Invalid, Conflict }

/// <summary>Why a use case did not produce its value: an expected outcome, not an exception.</summary>
public sealed record Failure(FailureKind Kind, string Message, IReadOnlyList<FieldError> Errors)
{
    public const string ConflictMessage = "该户信息已被他人修改，请刷新后重新编辑";
}

/// <summary>The value of a use case, or the <see cref="Failure"/> that stopped it.</summary>
public readonly record struct Result<T>
{
    Result(T? value, Failure? failure) => (Value, Failure) = (value, failure);

    public T? Value { get; }
    public Failure? Failure { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Failure))]
    public bool IsOk => Failure is null;

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Failure failure) => new(default, failure);
}

public static class Result
{
    public static Failure NotFound(string message) => new(FailureKind.NotFound, message, []);
    public static Failure Invalid(IReadOnlyList<FieldError> errors) => new(FailureKind.Invalid, "提交的信息有误，请按提示修改", errors);
    public static Failure Conflict(string message = Failure.ConflictMessage) => new(FailureKind.Conflict, message, []);
}
