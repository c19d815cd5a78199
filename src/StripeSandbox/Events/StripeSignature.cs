using System.Security.Cryptography;
using System.Text;

namespace FinchDashboard.StripeSandbox.Events;

/// <summary>
/// Stripe's webhook signature (docs "Verify webhook signatures"; stripe-node's Webhooks.js): the header
/// <c>t={unix seconds},v1={hex HMAC-SHA256("{t}.{payload}")}</c>, keyed with the endpoint secret's UTF-8 bytes, the
/// <c>whsec_</c> prefix included, exactly as the SDKs compute it.
/// </summary>
public static class StripeSignature
{
    public const string HeaderName = "Stripe-Signature";

    public static string Header(string webhookSecret, long unixTimestamp, string payload) =>
        $"t={unixTimestamp},v1={Compute(webhookSecret, unixTimestamp, payload)}";

    private static string Compute(string webhookSecret, long unixTimestamp, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhookSecret), Encoding.UTF8.GetBytes($"{unixTimestamp}.{payload}")));
}
