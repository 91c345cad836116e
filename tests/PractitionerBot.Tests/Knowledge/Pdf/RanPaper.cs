namespace PractitionerBot.Tests.Knowledge.Pdf;

/// <summary>What a generated paper says: a cover, numbered headings, paragraphs and a table.</summary>
public sealed record RanPaper(string Title, string Subtitle, string RunningHeader, IReadOnlyList<PaperBlock> Blocks)
{
    /// <summary>The paragraphs under a heading, as a reader would copy them (soft hyphens removed).</summary>
    public IReadOnlyList<string> Paragraphs(string heading) =>
        Blocks.SkipWhile(b => b is not PaperHeading h || h.Text != heading).Skip(1).TakeWhile(b => b is not PaperHeading)
            .OfType<PaperParagraph>().Select(p => p.Plain).ToList();
}

public abstract record PaperBlock;

public sealed record PaperHeading(string Text, int Level) : PaperBlock;

/// <summary>A paragraph; a soft hyphen (U+00AD) marks where the word must be hyphenated at a line end.</summary>
public sealed record PaperParagraph(string Text) : PaperBlock
{
    public string Plain => Text.Replace("\u00AD", "");
}

public sealed record PaperTable(IReadOnlyList<string[]> Rows) : PaperBlock;

/// <summary>
/// The fixture paper: the shape of a RAN ex post paper (cover, two columns, numbered headings, a
/// section long enough to run over a page break, a table), with text made to be asked about.
/// </summary>
public static class RanPapers
{
    public const string RotaHeading = "2.1 The street-level liaison rota";
    public const string RotaQuestion = "What is the street-level liaison rota?";

    private static readonly string[] RotaSentences =
    [
        "The street-level liaison rota sets out which partner walks the neighbourhood with the commu\u00ADnity officer on each day of the week.",
        "Youth workers, teachers and the mosque association take turns, so that young people meet familiar faces rather than uniforms alone.",
        "Each shift ends with a short debrief in the community centre, where concerns are written down without names and passed to the local coordinator.",
        "Where a concern points to radicalisation, the coordinator calls the multi-agency case meeting within five working days.",
        "The rota is agreed every quarter with the municipality, which pays for the hours of the youth workers and provides the meeting rooms.",
        "Practitioners said the regular walks built trust faster than any awareness campaign had done before.",
        "Shopkeepers and parents learned whom to approach, and several families asked for advice before a situation escalated.",
        "A shared calendar keeps the rota visible to every partner, and swaps are allowed when a partner gives two days of notice.",
        "New partners shadow an experienced colleague for two shifts before they walk on their own.",
    ];

    public static RanPaper Liaison(int rotaParagraphs = 14)
    {
        var blocks = new List<PaperBlock>
        {
            new PaperHeading("1 Introduction", 1),
            new PaperParagraph("This paper summarises a meeting of the working group on local prevention. Participants from eight municipalities compared how police and social partners share the work of early prevention in neighbourhoods."),
            new PaperParagraph("The discussion focused on practical arrangements that other cities can copy, on the resources they need, and on the pitfalls that participants encountered when they started."),
            new PaperHeading("2 Working with the police", 1),
            new PaperParagraph("Police officers are often the first to notice a change in a young person, but they are rarely the right people to respond on their own. Municipalities therefore pair them with social partners."),
            new PaperHeading(RotaHeading, 2),
        };
        for (var i = 0; i < rotaParagraphs; i++)
            blocks.Add(new PaperParagraph(string.Join(' ', Enumerable.Range(0, 4).Select(k => RotaSentences[(i * 4 + k) % RotaSentences.Length]))
                .Replace("each day of the week", i == 0 ? "each day of the week" : $"each day of week {i + 1}")));
        blocks.AddRange(
        [
            new PaperHeading("2.2 Sharing information safely", 2),
            new PaperParagraph("Information is shared on a need-to-know basis. The local coordinator keeps the records of the case meetings, and partners receive only the actions assigned to them."),
            new PaperParagraph("Data protection officers of the municipality reviewed the arrangement and advised a retention period of two years for the case notes."),
            new PaperTable(
            [
                ["Partner", "Days on the rota", "Hours per week"],
                ["Youth work", "Monday and Thursday", "6"],
                ["School social work", "Tuesday", "3"],
                ["Mosque association", "Friday", "2"],
            ]),
            new PaperHeading("3 Lessons learned", 1),
            new PaperParagraph("Start small, with two partners and one neighbourhood, and extend the rota once the debriefs run smoothly. Evaluate after a year, asking residents as well as partners what changed."),
            new PaperParagraph("Above all, keep the rota voluntary for residents: the walks are an offer of contact, not a form of surveillance."),
        ]);
        return new RanPaper("Street-level liaison in local prevention", "Ex post paper of the RAN working group on local prevention",
            "RAN LOCAL · Street-level liaison", blocks);
    }

    /// <summary>A handbook of many pages: the same chapters again and again, with their numbers.</summary>
    public static RanPaper Handbook(int chapters)
    {
        var blocks = new List<PaperBlock>();
        for (var c = 1; c <= chapters; c++)
        {
            blocks.Add(new PaperHeading($"{c} Chapter {c} of the handbook", 1));
            for (var p = 0; p < 6; p++)
                blocks.Add(new PaperParagraph(string.Join(' ', Enumerable.Range(0, 5).Select(k => RotaSentences[(c + p + k) % RotaSentences.Length]))));
        }
        return new RanPaper("Handbook for local coordinators", "A long manual", "RAN Handbook", blocks);
    }
}
