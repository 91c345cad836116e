namespace PractitionerBot.Chat;

/// <summary>The bot's own sentences, in one place.</summary>
public static class Texts
{
    public const string Help = """
        I answer questions from RAN papers and guidance, and point you to the working group that fits.

        - Ask a question in your own words, for example *How do I set up a local network against radicalisation?*
        - **groups**: the ten RAN working groups and what each covers
        - **help**: this message

        I do not share your questions with anyone. Please do not type names or other details that identify a person in a case.
        """;

    public const string EmptyMessage = "I did not catch a question there. Type a question in your own words, or **help** to see what I can do.";

    public const string NotReady = "I am still preparing the library of RAN papers (this takes a minute after a restart). Please ask again shortly.";

    public const string FeedbackThanks = "Thanks, your feedback helps us improve the answers.";

    public const string UnknownAction = "I could not use that button's data. Please ask your question again.";

    public const string Apology = "Sorry, something went wrong on my side while answering. I have reset our conversation; please ask again.";
}
