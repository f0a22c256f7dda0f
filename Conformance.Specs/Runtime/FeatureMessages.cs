using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters.RuntimeSupport;
using GherkinDocument = Gherkin.Ast.GherkinDocument;

namespace Conformance.Specs.Runtime;

/// <summary>
/// A feature's Cucumber messages — source, Gherkin document and pickles — made at run time (the code-behind generator
/// would otherwise embed them), so that Reqnroll's HTML and message formatters can report features run this way.
/// </summary>
public sealed class FeatureMessages : IFeatureLevelCucumberMessages
{
    private FeatureMessages(Source source, Io.Cucumber.Messages.Types.GherkinDocument document, IReadOnlyList<Pickle> pickles)
    {
        Source = source;
        GherkinDocument = document;
        Pickles = pickles;
    }

    /// <inheritdoc />
    public bool HasMessages => true;

    /// <inheritdoc />
    public Source Source { get; }

    /// <inheritdoc />
    public Io.Cucumber.Messages.Types.GherkinDocument GherkinDocument { get; }

    /// <inheritdoc />
    public IEnumerable<Pickle> Pickles { get; }

    /// <summary>Builds the messages of a parsed feature file.</summary>
    public static FeatureMessages Create(string file, GherkinDocument document)
    {
        var ids = new IncrementingIdGenerator();
        var uri = Path.GetFileName(file);
        var messages = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(document, uri);
        var pickles = new PickleCompiler(ids).Compile(messages);
        return new FeatureMessages(new Source(uri, File.ReadAllText(file), SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN), messages, pickles);
    }
}
