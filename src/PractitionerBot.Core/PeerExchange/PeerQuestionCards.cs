using PractitionerBot.Conversations;
using PractitionerBot.Localization;
using PractitionerBot.Members;
using PractitionerBot.WorkingGroups;

namespace PractitionerBot.PeerExchange;

/// <summary>The cards of peer exchange: the question in its channel (in the channel language), the answer as the asker reads it.</summary>
public sealed class PeerQuestionCards(IWorkingGroupDirectory groups, ProfileStore profiles, BotTexts texts, PeerExchangeOptions options)
{
    public LocalTexts InChannel => texts.In(BotTexts.ChannelLanguage);

    public PeerQuestionReply ChannelCard(PeerQuestion q, WorkingGroup group, string? notice = null) =>
        new(new PeerQuestionView(q.Id, Line(group, BotTexts.ChannelLanguage), q.Text, q.AskerName ?? InChannel["peerAnonymousAsker"], q.Status, q.Answers, q.Created),
            options.MaxAnswerLength, notice) { Texts = InChannel };

    /// <summary>The answer as the asker reads it: in the language of their profile (they are not in this turn, so no Teams locale).</summary>
    public async Task<PeerAnswerReply> AnswerForAskerAsync(PeerQuestion q, WorkingGroup group, string? answererName, string answer,
        CancellationToken cancellationToken)
    {
        var asker = texts.In(BotTexts.Resolve((await profiles.GetAsync(q.AskerKey, cancellationToken))?.Language, null));
        return new PeerAnswerReply(q.Id, Line(group, asker.Language), q.Text, answererName ?? asker["peerDefaultAnswerer"], answer) { Texts = asker };
    }

    public string UnknownGroup(string id, LocalTexts t) =>
        t.Get("unknownGroup", ("id", MemberText.Escape(id, 60)), ("ids", string.Join(", ", groups.All.Select(g => g.Id))));

    public static GroupLine Line(WorkingGroup g, string language) => new(g.Id, g.NameIn(language), g.ShortName, g.Covers);
}
