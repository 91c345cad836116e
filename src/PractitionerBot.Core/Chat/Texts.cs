namespace PractitionerBot.Chat;

/// <summary>The bot's own sentences, in one place.</summary>
public static class Texts
{
    public const string Help = """
        I answer questions from RAN papers and guidance, and point you to the working group that fits.

        - Ask a question in your own words, for example *How do I set up a local network against radicalisation?*
        - **groups**: the ten RAN working groups and what each covers
        - **which group is for me?**: a recommendation, with reasons, from a sentence about your work
        - **follow GROUP-ID** / **unfollow GROUP-ID**: get (or stop) a group's events and calls; **my groups** lists them
        - From an answer, **Ask the peers** puts your question to a working group's practitioners in their Teams channel
        - **help**: this message

        I do not share your questions with anyone. Please do not type names or other details that identify a person in a case.
        """;

    public const string DescribeYourself = "Tell me in a sentence or two what you do and what you work on, for example: *I'm a youth worker in a neighbourhood centre and some of our teenagers share extremist memes*. I will suggest the working groups that fit.";

    public const string NoSignal = "I could not tell from that which working group fits. Say a little about your work (your role, where you work, what you deal with), or type **groups** to see all ten.";

    public const string EmptyMessage = "I did not catch a question there. Type a question in your own words, or **help** to see what I can do.";

    public const string NotReady = "I am still preparing the library of RAN papers (this takes a minute after a restart). Please ask again shortly.";

    public const string FeedbackThanks = "Thanks, your feedback helps us improve the answers.";

    public const string UnknownAction = "I could not use that button's data. Please ask your question again.";

    public const string Apology = "Sorry, something went wrong on my side while answering. I have reset our conversation; please ask again.";
}
