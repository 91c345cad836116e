namespace PractitionerBot.Dialogs;

/// <summary>
/// Whether a message reads as a question, in English, French, German or Dutch: a question mark, or a question word first.
/// A flow uses it to tell an answer to its step from a question the member asked in the middle.
/// </summary>
public static class MessageShape
{
    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        // English
        "how", "what", "why", "when", "where", "who", "whom", "whose", "which", "can", "could", "should", "would", "is", "are", "do",
        "does", "did", "any", "anyone", "has", "have", "will", "shall", "may", "might", "must",
        // French (folded: no accents)
        "comment", "pourquoi", "quand", "ou", "qui", "quel", "quelle", "quels", "quelles", "que", "quoi", "est-ce", "puis-je", "peut-on",
        "faut-il", "existe-t-il", "y", "combien", "lequel", "laquelle",
        // German
        "wie", "was", "warum", "weshalb", "wieso", "wann", "wo", "wer", "welche", "welcher", "welches", "welchen", "kann", "konnen",
        "soll", "sollte", "darf", "gibt", "muss", "ist", "sind", "hat", "haben", "woran", "womit", "wozu",
        // Dutch
        "hoe", "wat", "waarom", "wanneer", "waar", "welke", "welk", "kan", "kun", "kunnen", "moet", "moeten", "mag", "zijn", "heeft",
        "hebben", "wordt", "zou", "bestaat", "weet",
    };

    /// <summary>True when the text reads as a question rather than as an answer to one.</summary>
    public static bool IsQuestion(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0) return false;
        if (trimmed.EndsWith('?') || trimmed.EndsWith('？')) return true;
        var first = ChoiceMatcher.Fold(trimmed).Split([' ', ',', ':', '\''], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return QuestionWords.Contains(first);
    }

    /// <summary>Words in the text: a long message is no pick from a list.</summary>
    public static int WordCount(string? text) => (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
