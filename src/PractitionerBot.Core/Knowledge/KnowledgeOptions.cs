using System.ComponentModel.DataAnnotations;

namespace PractitionerBot.Knowledge;

/// <summary>Configuration section "Knowledge".</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>Folder (or single file) of corpus documents; relative paths start at the content root.</summary>
    [Required] public string CorpusPath { get; set; } = "index/corpus";

    /// <summary>Folder of the generated Lucene index (not committed).</summary>
    [Required] public string IndexPath { get; set; } = "index/lucene";

    /// <summary>The working-group profiles used for routing and onboarding.</summary>
    [Required] public string WorkingGroupsPath { get; set; } = "index/working-groups.yaml";

    /// <summary>Folder of the bilingual lexicons (<c>fr-en.tsv</c>, <c>de-en.tsv</c>, <c>nl-en.tsv</c>) that carry questions over to English.</summary>
    [Required] public string LexiconPath { get; set; } = "index/lexicon";

    /// <summary>Where Debian installs the FreeDict dictionaries.</summary>
    public const string DebianDictionaries = "/usr/share/dictd";

    /// <summary>
    /// Folder of the installed FreeDict dictionaries (dictd format) behind the lexicons, for the everyday words the field
    /// lexicon lacks. Empty: none. The default folder may be absent (the lexicons then work alone); another folder must exist.
    /// </summary>
    public string GeneralDictionaryPath { get; set; } = DebianDictionaries;

    /// <summary>Below this share of the question's weight (read by <see cref="ConfidenceMeasure"/>), the bot says it does not know.</summary>
    [Range(0.0, 1.0)] public double MinConfidence { get; set; } = 0.5;

    /// <summary>Where the question's weight is looked for: the best passage, or its whole document.</summary>
    public ConfidenceMeasure ConfidenceMeasure { get; set; } = ConfidenceMeasure.Document;

    /// <summary>Long questions keep only their most specific terms, which bounds the cost of a search.</summary>
    [Range(4, 256)] public int MaxQueryTerms { get; set; } = 32;

    [Range(1, 10)] public int MaxSources { get; set; } = 3;

    [Range(0.0, 20.0)] public float TitleBoost { get; set; } = 0.75f;
    [Range(0.0, 20.0)] public float SectionBoost { get; set; } = 0f;
    [Range(0.0, 20.0)] public float PhraseBoost { get; set; } = 0.5f;
    [Range(0, 20)] public int PhraseSlop { get; set; } = 3;

    /// <summary>
    /// Weight, against an unknown English word's, of a French, German or Dutch word that neither the lexicon nor the papers
    /// know: more often a general word the field lexicon lacks than the subject of the question.
    /// </summary>
    [Range(0.0, 1.0)] public double UntranslatedWeight { get; set; } = 0.5;

    /// <summary>Match misspelt words (unknown to the index) against close spellings.</summary>
    public bool MatchMisspellings { get; set; } = true;

    /// <summary>Weight of the whole-document score next to the best passage score (both scaled to 0..1).</summary>
    [Range(0.0, 10.0)] public double DocumentWeight { get; set; } = 2.0;
}
