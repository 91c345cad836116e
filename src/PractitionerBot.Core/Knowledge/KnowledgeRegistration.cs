using Microsoft.Extensions.DependencyInjection;
using PractitionerBot.Composition;
using PractitionerBot.Knowledge.Ingestion;
using PractitionerBot.Knowledge.Semantic;
using PractitionerBot.Knowledge.Translation;

namespace PractitionerBot.Knowledge;

public static class KnowledgeRegistration
{
    /// <summary>
    /// The papers: sections "Knowledge" and "Semantic" (relative paths resolved against <paramref name="root"/>), the corpus
    /// loader, the translation of questions, the indexer and the knowledge base. The corpus loader needs the working groups'
    /// ids (<see cref="KnownWorkingGroups"/>, from <c>AddWorkingGroups</c>). Opening the index and embedding are start-up
    /// steps the host or the command line runs.
    /// </summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, string root)
    {
        services.AddValidatedOptions<KnowledgeOptions>(KnowledgeOptions.Section, o =>
        {
            o.CorpusPath = Path.GetFullPath(o.CorpusPath, root);
            o.IndexPath = Path.GetFullPath(o.IndexPath, root);
            o.WorkingGroupsPath = Path.GetFullPath(o.WorkingGroupsPath, root);
            o.LexiconPath = Path.GetFullPath(o.LexiconPath, root);
            if (!string.IsNullOrWhiteSpace(o.GeneralDictionaryPath)) o.GeneralDictionaryPath = Path.GetFullPath(o.GeneralDictionaryPath, root);
        }, o => Missing("Knowledge:CorpusPath", o.CorpusPath).Concat(MissingFile("Knowledge:WorkingGroupsPath", o.WorkingGroupsPath))
            .Concat(Directory.Exists(o.LexiconPath) ? [] : [$"Knowledge:LexiconPath: folder '{o.LexiconPath}' does not exist"])
            .Concat(string.IsNullOrWhiteSpace(o.GeneralDictionaryPath) || o.GeneralDictionaryPath == KnowledgeOptions.DebianDictionaries
                || Directory.Exists(o.GeneralDictionaryPath) ? [] : [$"Knowledge:GeneralDictionaryPath: folder '{o.GeneralDictionaryPath}' does not exist"]));
        services.AddValidatedOptions<SemanticOptions>(SemanticOptions.Section, o =>
        {
            if (!string.IsNullOrWhiteSpace(o.VectorsPath)) o.VectorsPath = Path.GetFullPath(o.VectorsPath, root);
        });

        services.AddSingleton(sp => new CorpusLoader(sp.GetRequiredService<KnownWorkingGroups>().Ids));
        services.AddSingleton(new PassageSplitter());
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<KnowledgeOptions>();
            return new QueryTranslator(BilingualLexicon.Load(o.LexiconPath), new LanguageIdentifier(),
                Directory.Exists(o.GeneralDictionaryPath) ? o.GeneralDictionaryPath : null);
        });
        services.AddSingleton<KnowledgeIndexer>();
        services.AddSingleton<KnowledgeBase>();
        services.AddSingleton<IKnowledgeBase>(sp => sp.GetRequiredService<KnowledgeBase>());
        services.AddSingleton<IEmbedderSource>(PackagedModels.Instance);
        return services;
    }

    private static IEnumerable<string> Missing(string key, string path) =>
        Directory.Exists(path) || File.Exists(path) ? [] : [$"{key}: '{path}' does not exist"];

    private static IEnumerable<string> MissingFile(string key, string path) =>
        File.Exists(path) ? [] : [$"{key}: file '{path}' does not exist"];
}
