using PractitionerBot.Knowledge.Model;

namespace PractitionerBot.Knowledge.Ingestion;

/// <summary>
/// Cuts documents into passages: one per heading, with long sections split on paragraph and
/// sentence boundaries into windows of at most <see cref="MaxWords"/> words, so a passage is
/// short enough to read in a card and still says what its section is about.
/// </summary>
public sealed class PassageSplitter(int maxWords = 180, int minWords = 25)
{
    public int MaxWords { get; } = maxWords;

    public IReadOnlyList<Passage> Split(CorpusDocument document)
    {
        var passages = new List<Passage>();
        foreach (var section in document.Sections)
        {
            foreach (var (window, pages) in Windows(section))
            {
                if (passages.Count > 0 && TextUtil.CountWords(window) < minWords
                    && passages[^1].Section == section.Heading && passages[^1].Page == section.Page)
                {
                    var last = passages[^1];
                    passages[^1] = last with { Text = last.Text + "\n\n" + window, LastPage = pages?.Last ?? last.LastPage };
                    continue;
                }
                passages.Add(new Passage($"{document.Id}#{passages.Count}", document, section.Heading, window, pages?.First ?? section.Page)
                {
                    LastPage = pages?.Last ?? section.LastPage ?? section.Page,
                });
            }
        }
        return passages;
    }

    private IEnumerable<(string Text, PageRange? Pages)> Windows(DocumentSection section)
    {
        var paragraphs = section.Text.Split(["\n\n", "\r\n\r\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var pages = section.ParagraphPages?.Count == paragraphs.Length ? section.ParagraphPages : null;
        var current = new List<string>();
        PageRange? range = null;
        var words = 0;
        foreach (var (paragraph, index) in paragraphs.Select((p, i) => (p, i)).SelectMany(p => SplitLongParagraph(p.p).Select(part => (part, p.i))))
        {
            var count = TextUtil.CountWords(paragraph);
            if (count == 0) continue;
            if (words > 0 && words + count > MaxWords)
            {
                yield return (string.Join("\n\n", current), range);
                current.Clear();
                range = null;
                words = 0;
            }
            current.Add(paragraph);
            if (pages is not null) range = range is { } r ? new PageRange(r.First, Math.Max(r.Last, pages[index].Last)) : pages[index];
            words += count;
        }
        if (current.Count > 0) yield return (string.Join("\n\n", current), range);
    }

    private IEnumerable<string> SplitLongParagraph(string paragraph)
    {
        if (TextUtil.CountWords(paragraph) <= MaxWords)
        {
            yield return paragraph;
            yield break;
        }
        var chunk = new List<string>();
        var words = 0;
        foreach (var sentence in Sentences(paragraph))
        {
            var count = TextUtil.CountWords(sentence);
            if (words > 0 && words + count > MaxWords)
            {
                yield return string.Join(' ', chunk);
                chunk.Clear();
                words = 0;
            }
            // A single sentence longer than the window (PDF extraction without punctuation) is cut by words.
            if (count > MaxWords)
            {
                var tokens = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < tokens.Length; i += MaxWords)
                    yield return string.Join(' ', tokens.Skip(i).Take(MaxWords));
                continue;
            }
            chunk.Add(sentence);
            words += count;
        }
        if (chunk.Count > 0) yield return string.Join(' ', chunk);
    }

    private static IEnumerable<string> Sentences(string paragraph)
    {
        var start = 0;
        for (var i = 0; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            if ((c == '.' || c == '?' || c == '!') && (i + 1 == paragraph.Length || char.IsWhiteSpace(paragraph[i + 1])))
            {
                yield return paragraph[start..(i + 1)].Trim();
                start = i + 1;
            }
        }
        if (start < paragraph.Length && !string.IsNullOrWhiteSpace(paragraph[start..])) yield return paragraph[start..].Trim();
    }
}
