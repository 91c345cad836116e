using PractitionerBot.Storage;

namespace PractitionerBot.Members;

/// <summary>What a member told the bot during onboarding, kept only with their consent.</summary>
public sealed record MemberProfile(
    string UserKey,
    string? Role,
    string? RoleDescription,
    string? Country,
    string? City,
    IReadOnlyList<string> Topics,
    string? Language,
    DateTimeOffset ConsentUtc,
    string? ConversationReference);

public sealed class ProfileStore(Database database, TimeProvider time)
{
    public Task SaveAsync(MemberProfile p, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            INSERT INTO profiles (user_key, role, role_description, country, city, topics, language, consent_utc, conversation_ref, updated_utc)
            VALUES ($k, $role, $desc, $country, $city, $topics, $lang, $consent, $ref, $now)
            ON CONFLICT(user_key) DO UPDATE SET role = excluded.role, role_description = excluded.role_description, country = excluded.country,
                city = excluded.city, topics = excluded.topics, language = excluded.language, consent_utc = excluded.consent_utc,
                conversation_ref = excluded.conversation_ref, updated_utc = excluded.updated_utc;
            """, cancellationToken, ("$k", p.UserKey), ("$role", p.Role), ("$desc", p.RoleDescription), ("$country", p.Country),
            ("$city", p.City), ("$topics", string.Join(',', p.Topics)), ("$lang", p.Language), ("$consent", p.ConsentUtc.ToString("O")),
            ("$ref", p.ConversationReference), ("$now", time.Utc()));

    public async Task<MemberProfile?> GetAsync(string userKey, CancellationToken cancellationToken) =>
        (await database.QueryAsync("""
            SELECT user_key, role, role_description, country, city, topics, language, consent_utc, conversation_ref FROM profiles WHERE user_key = $k;
            """, r => new MemberProfile(r.GetString(0), r.NullableString(1), r.NullableString(2), r.NullableString(3), r.NullableString(4),
                (r.NullableString(5) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), r.NullableString(6),
                DateTimeOffset.Parse(r.GetString(7), System.Globalization.CultureInfo.InvariantCulture), r.NullableString(8)),
            cancellationToken, ("$k", userKey))).SingleOrDefault();
}
