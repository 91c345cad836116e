using System.Text.Json.Nodes;
using PractitionerBot.Announcements;
using PractitionerBot.Conversations;
using PractitionerBot.Localization;
using PractitionerBot.Members;
using PractitionerBot.PeerExchange;

namespace PractitionerBot.Chat;

/// <summary>Action.Execute from a card (Teams universal actions): the returned card replaces the clicked one.</summary>
public sealed class InvokeRouter(PeerExchangeService peers, AnnouncementInterest interest, MemberLanguage languages, BotTexts texts)
{
    public async Task<InvokeReply> HandleAsync(IncomingMessage message, string? verb, JsonObject? data, CancellationToken cancellationToken) =>
        verb switch
        {
            "peerAnswer" => await peers.AnswerAsync(message, data, texts.In(await languages.OfAsync(message, cancellationToken)), cancellationToken),
            "interested" => await interest.InterestedAsync(message, data, cancellationToken),
            _ => InvokeReply.Text(texts.Get("unknownAction", await languages.OfAsync(message, cancellationToken))),
        };
}
