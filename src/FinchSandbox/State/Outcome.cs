namespace FinchDashboard.FinchSandbox.State;

/// <summary>Either a value or the Finch error response that replaces it.</summary>
public readonly record struct Outcome<T>(T? Value, IResult? Error)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static Outcome<T> Fail(IResult error) => new(default, error);
}
