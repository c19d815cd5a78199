using System.Security.Cryptography;

namespace FinchDashboard.StripeSandbox.State;

/// <summary>Ids the way Stripe makes them: a type prefix (<c>cus</c>, <c>fca</c>, <c>fcsess</c>, <c>evt</c>, <c>req</c>) and random letters and digits.</summary>
public static class StripeIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string New(string prefix, int length = 24) => $"{prefix}_{RandomNumberGenerator.GetString(Alphabet, length)}";
}
