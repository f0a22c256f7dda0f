using System.Text;
using System.Text.Json.Nodes;
using MockEsia.Configuration;

namespace MockEsia.Endpoints.Rest;

/// <summary>The REST API's data answers: ESIA's headers (eTag, no caching) and a content type naming the resource's model.</summary>
internal static class RestResults
{
    /// <summary>A resource of a model (e.g. <c>prn/Person-3</c>), with its eTag in the body and the headers.</summary>
    internal static IResult Data(HttpContext context, string baseUrl, string model, JsonObject body)
    {
        var etag = PersonRepresentation.ETag(body.ToJsonString());
        body["eTag"] = etag;
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-store, no-cache, must-revalidate, proxy-revalidate, max-age=0";
        return new SchemaJson(body, $"application/json; schema=\"{baseUrl}/rs/model/{model}\"");
    }

    private sealed class SchemaJson(JsonObject body, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = contentType;
            return httpContext.Response.WriteAsync(body.ToJsonString(MockEsiaJson.Wire), Encoding.UTF8);
        }
    }
}
