namespace MockEsia.DriftWatch;

/// <summary>What the drift proxy needs: the upstream ESIA, the app's certificate, where to listen and write.</summary>
internal sealed record ProxySettings(Uri Upstream, string ClientCertificate, string? UpstreamCa, bool KeepRaw, string Output, string Urls);
