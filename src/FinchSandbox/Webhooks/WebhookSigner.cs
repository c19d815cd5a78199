using System.Security.Cryptography;
using System.Text;

namespace FinchDashboard.FinchSandbox.Webhooks;

/// <summary>
/// Finch's webhook signature (Finch's "Webhooks" guide, "Webhook Verification"): base64 HMAC-SHA256 of
/// "{event id}.{unix timestamp}.{body}" keyed with the base64-decoded secret, sent as "v1,&lt;signature&gt;".
/// </summary>
public static class WebhookSigner
{
    public static string Sign(string base64Secret, string eventId, long unixTimestamp, string body)
    {
        var key = Convert.FromBase64String(base64Secret);
        var content = Encoding.UTF8.GetBytes($"{eventId}.{unixTimestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
