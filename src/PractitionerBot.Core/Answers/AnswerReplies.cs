using PractitionerBot.Conversations;
using PractitionerBot.Knowledge;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.Answers;

/// <summary>Turns what the knowledge base found into the reply a practitioner sees.</summary>
public static class AnswerReplies
{
    public static Reply From(KnowledgeAnswer answer, IWorkingGroupDirectory groups, Localization.LocalTexts texts, GroupLine? askGroup = null) => answer.Status switch
    {
        KnowledgeStatus.NotReady => new TextReply(texts["notReady"]),
        KnowledgeStatus.NoTerms => new TextReply(texts["emptyMessage"]),
        _ when !answer.IsConfident || answer.Best is null => new NoAnswerReply(answer.Question, []),
        _ => new AnswerReply(answer.Question, Source(answer.Best, groups), answer.Best.HighlightedText,
            answer.Hits.Skip(1).Select(h => Source(h, groups)).ToList(), answer.Confidence) { AskGroup = askGroup, SourceLanguage = answer.Best.Passage.Language },
    };

    public static IReadOnlyList<GroupLine> GroupLines(IWorkingGroupDirectory groups) => groups.All.Select(Line).ToList();

    private static GroupLine Line(WorkingGroup g) => new(g.Id, g.Name, g.ShortName, g.Covers);

    private static SourceView Source(AnswerHit hit, IWorkingGroupDirectory groups)
    {
        var p = hit.Passage;
        return new SourceView(p.DocumentId, p.Id, p.Title, p.Section, p.Source.Year ?? p.Year,
            p.WorkingGroups.Select(id => groups.Find(id) is { } g ? Line(g) : new GroupLine(id, id, id, "")).ToList(),
            Uri.TryCreate(p.Source.Url, UriKind.Absolute, out var url) ? url : null,
            p.Page, hit.Snippet, p.Source.Title) { LastPage = p.LastPage };
    }
}
