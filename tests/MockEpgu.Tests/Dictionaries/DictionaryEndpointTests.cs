using System.Net;
using System.Text.Json;
using MockEpgu.Tests.Support;

namespace MockEpgu.Tests.Dictionaries;

/// <summary>The dictionary endpoint, without authorization (epgu-api.md §2.8; §6.1 items 1, 18).</summary>
public class DictionaryEndpointTests : EpguTest
{
    private async Task<(HttpResponseMessage Response, JsonElement Body)> AskAsync(string code, string body)
    {
        var (response, text) = await SendAsync(Call(HttpMethod.Post, $"/api/nsi/v1/dictionary/{code}", null, Json(body)));
        return (response, response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    [Fact]
    public async Task A_dictionary_answers_without_a_token_all_items_without_paging_a_page_with_it()
    {
        var (response, all) = await AskAsync("EXTERNAL_BIC", """{"treeFiltering":"ONELEVEL"}""");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        all.GetProperty("error").GetProperty("code").GetInt32().Should().Be(0);
        all.GetProperty("error").GetProperty("message").GetString().Should().Be("operation completed");
        all.GetProperty("fieldErrors").GetArrayLength().Should().Be(0);
        var total = all.GetProperty("total").GetInt32();
        all.GetProperty("items").GetArrayLength().Should().Be(total).And.BeGreaterThan(10);
        var item = all.GetProperty("items")[0];
        foreach (var key in new[] { "value", "parentValue", "title", "isLeaf", "children", "attributes", "attributeValues", "source" })
        {
            item.TryGetProperty(key, out _).Should().BeTrue(key);
        }

        item.GetProperty("attributeValues").GetProperty("BIC").GetString().Should().Be(item.GetProperty("value").GetString());

        var (_, page) = await AskAsync("BIC", """{"treeFiltering":"ONELEVEL","pageNum":1,"pageSize":2}""");
        page.GetProperty("items").GetArrayLength().Should().Be(2, "pageNum 1 is the first page under the default reading");
        var (_, whole) = await AskAsync("BIC", """{"treeFiltering":"ONELEVEL"}""");
        page.GetProperty("items")[0].GetProperty("value").GetString().Should().Be(whole.GetProperty("items")[0].GetProperty("value").GetString());

        await Admin.SetReadingAsync("EpguDictionaryPageBase", "Zero");
        var (_, zeroBased) = await AskAsync("BIC", """{"treeFiltering":"ONELEVEL","pageNum":1,"pageSize":2}""");
        zeroBased.GetProperty("items")[0].GetProperty("value").GetString().Should().Be(whole.GetProperty("items")[2].GetProperty("value").GetString());
    }

    [Fact]
    public async Task SUBTREE_keeps_the_hierarchy_ONELEVEL_a_level_and_parentRefItemValue_goes_down_one()
    {
        var (_, tree) = await AskAsync("TO_PFR", """{"treeFiltering":"SUBTREE"}""");
        var region = tree.GetProperty("items")[0];
        region.GetProperty("isLeaf").GetBoolean().Should().BeFalse();
        region.GetProperty("children").GetArrayLength().Should().BeGreaterThan(0);

        var (_, flat) = await AskAsync("TO_PFR", """{"treeFiltering":"ONELEVEL"}""");
        flat.GetProperty("items")[0].GetProperty("children").GetArrayLength().Should().Be(0);

        var parent = region.GetProperty("value").GetString();
        var (_, offices) = await AskAsync("TO_PFR", $$"""{"treeFiltering":"ONELEVEL","parentRefItemValue":"{{parent}}"}""");
        offices.GetProperty("items").EnumerateArray().Should().OnlyContain(i => i.GetProperty("parentValue").GetString() == parent).And.NotBeEmpty();
    }

    [Fact]
    public async Task An_unknown_dictionary_is_a_business_error_with_HTTP_200_and_bad_bodies_are_400()
    {
        var (response, body) = await AskAsync("NO_SUCH", """{"treeFiltering":"ONELEVEL"}""");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.GetProperty("error").GetProperty("code").GetInt32().Should().Be(7);
        body.GetProperty("error").GetProperty("message").GetString().Should().Be("Entity not found");
        body.GetProperty("items").GetArrayLength().Should().Be(0);

        (await AskAsync("BIC", "{oops")).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AskAsync("BIC", """{"pageNum":1}""")).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
