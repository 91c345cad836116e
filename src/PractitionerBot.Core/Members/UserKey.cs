using System.Security.Cryptography;
using System.Text;

namespace PractitionerBot.Members;

/// <summary>
/// The one-way key that stands for a person in every store: the channel's user id is never stored,
/// and erasing a person means deleting or anonymising the rows with their key.
/// </summary>
public static class UserKey
{
    public static string For(string channelId, string userId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{channelId}\n{userId}")))[..32];
}
