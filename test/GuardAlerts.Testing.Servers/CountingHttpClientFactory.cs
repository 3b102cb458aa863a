using Amazon.Runtime;

namespace GuardAlerts.Testing.Servers;

/// <summary>Gives the AWS SDK an HttpClient whose handler counts every request it sends, retries included.</summary>
public sealed class CountingHttpClientFactory(RequestCounter counter) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new CountingHandler(counter) { InnerHandler = new SocketsHttpHandler() });

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class CountingHandler(RequestCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : request.RequestUri?.ToString() ?? "?";
            counter.Record(target[(target.LastIndexOf('.') + 1)..]);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
