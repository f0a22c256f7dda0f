using Esia.Protocol.Errors;
using Esia.Protocol.Scopes;

namespace Esia.Protocol.Tests.Tokens;

public class CatalogueTests
{
    [Fact]
    public void Observed_errors_read_exactly_as_ESIA_sends_them()
    {
        EsiaErrors.AccessDenied.Description.Should().Be("ESIA-007004: The resource owner or authorization server denied the request.");
        EsiaErrors.ClientSecretWrong.Description.Should().Be("ESIA-007053: OAuthErrorEnum.clientSecretWrong");
        EsiaErrors.ClientSecretWrong.OAuthError.Should().Be("access_denied");
        EsiaErrors.UnauthorizedClient.OAuthError.Should().Be("unauthorized_client");
        EsiaErrors.MissingParameter.DescriptionFor("client_certificate_hash").Should()
            .Be("ESIA-007014: The request doesn`t contain the mandatory parameter [client_certificate_hash].");
    }

    [Fact]
    public void Codes_are_unique_and_findable()
    {
        EsiaErrors.All.Select(e => e.Code).Should().OnlyHaveUniqueItems();
        EsiaErrors.Find("007011").Should().Be(EsiaErrors.InvalidGrant);
        EsiaErrors.Find("ESIA-007008").Should().Be(EsiaErrors.TemporarilyUnavailable);
        EsiaErrors.Find("nonsense").Should().BeNull();
        EsiaErrors.CodeOf("ESIA-007004: The resource owner").Should().Be("ESIA-007004");
        EsiaErrors.CodeOf("something else").Should().BeNull();
    }

    [Theory]
    [InlineData("fullname?oid=1000404446", "fullname", "oid=1000404446")]
    [InlineData("http://esia.gosuslugi.ru/org_inn?org_oid=1002416012", "org_inn", "org_oid=1002416012")]
    [InlineData("org_inn?org_oid=1002416012", "org_inn", "org_oid=1002416012")]
    [InlineData("openid", "openid", "")]
    public void Scopes_normalise_both_spellings(string scope, string name, string query)
    {
        EsiaScopes.Normalize(scope).Should().Be((name, query));
        EsiaScopes.IsKnown(scope).Should().BeTrue();
    }

    [Fact]
    public void The_catalogue_knows_where_data_lives()
    {
        EsiaScopes.Find("email")!.Resource.Should().Be(ScopeResource.Contacts);
        EsiaScopes.Find("id_doc")!.Values.Should().Contain("RF_PASSPORT");
        EsiaScopes.Find("unknown_scope").Should().BeNull();
        EsiaScopes.Split(" openid  fullname ").Should().Equal("openid", "fullname");
    }
}
