using MockEpgu.Dictionaries;
using MockEpgu.Services;
using MockEsia.Configuration;
using MockEsia.Tests.Support;

namespace MockEpgu.Tests.Services;

/// <summary>Fail safe: a bad services or dictionary file, or a bad limit setting, is one line naming it and the fix (epgu-api.md §4, §5.2).</summary>
public sealed class FixtureFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("epgu-fixtures").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""[{"code":"1"},{"code":"1"}]""")]
    [InlineData("""[{"name":"no code"}]""")]
    public void A_bad_services_file_names_the_file_and_the_fix(string content)
    {
        var file = Path.Combine(_folder, "services.json");
        File.WriteAllText(file, content);
        var load = () => ServiceCatalogue.Load(file);
        load.Should().Throw<InvalidDataException>().Which.Message.Should().Contain(file).And.Contain("Fix:");
    }

    [Fact]
    public void A_missing_services_file_is_no_service_and_a_bad_dictionary_names_its_file()
    {
        ServiceCatalogue.Load(Path.Combine(_folder, "services.json")).All.Should().BeEmpty();
        var file = Path.Combine(_folder, "BROKEN.json");
        File.WriteAllText(file, """{"items":[]}""");
        var load = () => DictionaryBook.Load(_folder);
        load.Should().Throw<InvalidDataException>().Which.Message.Should().Contain(file).And.Contain("\"code\"");
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_refuses_the_start_in_one_line()
    {
        var start = () => MockEsiaHost.StartAsync("--MockEsia:Epgu:Limits:RequestsPerMinute=lots");
        var refused = (await start.Should().ThrowAsync<StartupRefusal>()).Which.Message;
        refused.Should().Contain("RequestsPerMinute").And.Contain("Fix:").And.NotContain("\n");
    }
}
