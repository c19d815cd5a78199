namespace FinchDashboard.StripeSandbox.Api;

/// <summary>Stripe's list object: a page of <see cref="Data"/>, newest first, and whether more lie beyond it.</summary>
public sealed record StripeList<T>(IReadOnlyList<T> Data, bool HasMore, string Url)
{
    public string Object => "list";
}

/// <summary>Stripe's cursor paging: <c>limit</c> (1–100, default 10), then <c>starting_after</c> or <c>ending_before</c> an object id.</summary>
public static class ListPaging
{
    public static StripeList<TWire> Page<T, TWire>(
        IReadOnlyList<T> newestFirst, Func<T, string> idOf, StripeParameters parameters, string url, string objectName, Func<T, TWire> toWire)
    {
        var limit = parameters.Integer("limit", 1, 100) ?? 10;
        var startingAfter = parameters.String("starting_after");
        var endingBefore = parameters.String("ending_before");
        if (startingAfter is not null && endingBefore is not null)
            throw StripeParameters.Invalid("ending_before", "You may only specify one of these parameters: ending_before, starting_after.");

        int start, end;
        if (endingBefore is not null)
        {
            end = IndexOf(endingBefore, "ending_before");
            start = Math.Max(0, end - limit);
            return new StripeList<TWire>(Slice(start, end), start > 0, url);
        }
        start = startingAfter is null ? 0 : IndexOf(startingAfter, "starting_after") + 1;
        end = Math.Min(newestFirst.Count, start + limit);
        return new StripeList<TWire>(Slice(start, end), end < newestFirst.Count, url);

        int IndexOf(string id, string param)
        {
            for (var i = 0; i < newestFirst.Count; i++)
                if (idOf(newestFirst[i]) == id) return i;
            throw new StripeRequestException(StripeErrors.ResourceMissing(objectName, id, param, status: 400));
        }

        List<TWire> Slice(int from, int to) => newestFirst.Skip(from).Take(to - from).Select(toWire).ToList();
    }
}
