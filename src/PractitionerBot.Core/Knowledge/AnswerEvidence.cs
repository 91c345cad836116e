namespace PractitionerBot.Knowledge;

/// <summary>How the answer/abstain decision reads the evidence that the papers answer a question.</summary>
public enum ConfidenceMeasure
{
    /// <summary>Share of the question's weight (IDF) found in the best passage.</summary>
    Passage,
    /// <summary>Share of the question's weight found anywhere in the best passage's document.</summary>
    Document,
    /// <summary>Share of the weight of the question's rarer half of terms found in the best passage's document.</summary>
    RareTerms,
}

/// <summary>
/// Evidence that the best hit answers the question, each a share of the question's IDF weight (0..1).
/// Unknown (likely misspelt) words count half when matched approximately.
/// </summary>
public readonly record struct AnswerEvidence(double Passage, double Document, double RareTerms)
{
    public double Of(ConfidenceMeasure measure) => measure switch
    {
        ConfidenceMeasure.Document => Document,
        ConfidenceMeasure.RareTerms => RareTerms,
        _ => Passage,
    };
}
