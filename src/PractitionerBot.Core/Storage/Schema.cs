namespace PractitionerBot.Storage;

/// <summary>
/// The tables every provider has, step by step, in the order they were added; <c>{identity}</c> stands for the
/// provider's auto-numbered primary key. A new step goes at the end, so a database created at any step upgrades.
/// </summary>
internal static class Schema
{
    public static string[] Steps(string identity) => [.. Templates.Select(t => t.Replace("{identity}", identity, StringComparison.Ordinal))];

    private static readonly string[] Templates =
    [
        """
        CREATE TABLE bot_state (
            key TEXT PRIMARY KEY,
            etag TEXT NOT NULL,
            json TEXT NOT NULL,
            updated_utc TEXT NOT NULL
        );
        CREATE TABLE feedback (
            id {identity},
            created_utc TEXT NOT NULL,
            user_key TEXT NOT NULL,
            document_id TEXT,
            passage_id TEXT,
            helpful INTEGER NOT NULL,
            question TEXT
        );
        CREATE INDEX feedback_user ON feedback(user_key);
        """,
        """
        CREATE TABLE channel_links (
            group_id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL UNIQUE,
            team_id TEXT,
            conversation_ref TEXT NOT NULL,
            linked_by TEXT NOT NULL,
            linked_utc TEXT NOT NULL
        );
        CREATE TABLE follows (
            user_key TEXT NOT NULL,
            group_id TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            PRIMARY KEY (user_key, group_id)
        );
        CREATE TABLE peer_questions (
            id TEXT PRIMARY KEY,
            group_id TEXT NOT NULL,
            asker_key TEXT NOT NULL,
            asker_name TEXT,
            asker_ref TEXT,
            text TEXT NOT NULL,
            status TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            updated_utc TEXT NOT NULL,
            channel_conversation_id TEXT,
            channel_activity_id TEXT,
            reminded_utc TEXT
        );
        CREATE INDEX peer_questions_status ON peer_questions(status, created_utc);
        CREATE INDEX peer_questions_asker ON peer_questions(asker_key);
        CREATE TABLE peer_answers (
            id {identity},
            question_id TEXT NOT NULL REFERENCES peer_questions(id) ON DELETE CASCADE,
            answerer_key TEXT NOT NULL,
            answerer_name TEXT,
            text TEXT NOT NULL,
            created_utc TEXT NOT NULL
        );
        CREATE INDEX peer_answers_question ON peer_answers(question_id);
        CREATE INDEX peer_answers_answerer ON peer_answers(answerer_key);
        """,
        """
        CREATE TABLE profiles (
            user_key TEXT PRIMARY KEY,
            role TEXT,
            role_description TEXT,
            country TEXT,
            city TEXT,
            topics TEXT,
            language TEXT,
            consent_utc TEXT NOT NULL,
            conversation_ref TEXT,
            updated_utc TEXT NOT NULL
        );
        CREATE TABLE erasures (
            id {identity},
            erased_utc TEXT NOT NULL,
            rows_erased INTEGER NOT NULL
        );
        """,
        """
        CREATE TABLE conversations (
            user_key TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            conversation_ref TEXT NOT NULL,
            updated_utc TEXT NOT NULL
        );
        CREATE TABLE announcements (
            id TEXT PRIMARY KEY,
            json TEXT NOT NULL,
            status TEXT NOT NULL,
            publish_at_utc TEXT,
            deadline_utc TEXT,
            created_utc TEXT NOT NULL,
            updated_utc TEXT NOT NULL
        );
        CREATE INDEX announcements_status ON announcements(status, publish_at_utc);
        CREATE TABLE interested (
            announcement_id TEXT NOT NULL,
            user_key TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            PRIMARY KEY (announcement_id, user_key)
        );
        CREATE TABLE deliveries (
            id {identity},
            announcement_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            conversation_ref TEXT NOT NULL,
            user_key TEXT,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_utc TEXT NOT NULL,
            lease_until_utc TEXT,
            activity_id TEXT,
            needs_update INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            UNIQUE (announcement_id, conversation_id, kind)
        );
        CREATE INDEX deliveries_due ON deliveries(status, next_attempt_utc);
        CREATE INDEX deliveries_update ON deliveries(needs_update);
        """,
        """
        CREATE INDEX follows_group ON follows(group_id);
        CREATE INDEX conversations_conversation ON conversations(conversation_id);
        CREATE INDEX deliveries_user ON deliveries(user_key);
        """,
        """
        CREATE TABLE welcomes (
            id {identity},
            team_id TEXT NOT NULL,
            user_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            recipient TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            parts_sent INTEGER NOT NULL DEFAULT 0,
            next_attempt_utc TEXT NOT NULL,
            lease_until_utc TEXT,
            created_utc TEXT NOT NULL,
            last_error TEXT,
            UNIQUE (team_id, user_key)
        );
        CREATE INDEX welcomes_due ON welcomes(status, next_attempt_utc);
        CREATE INDEX welcomes_user ON welcomes(user_key);
        """,
        // Insights: questions without their text or asker (see Insights/QuestionInsights.cs and docs/PRIVACY.md).
        """
        CREATE TABLE insight_salts (
            period BIGINT PRIMARY KEY,
            salt TEXT NOT NULL
        );
        CREATE TABLE insight_questions (
            id {identity},
            asked_utc TEXT NOT NULL,
            language TEXT NOT NULL,
            working_groups TEXT NOT NULL,
            answered INTEGER NOT NULL,
            confidence REAL NOT NULL,
            terms TEXT NOT NULL,
            member_hash TEXT NOT NULL,
            salt_period BIGINT NOT NULL
        );
        CREATE INDEX insight_questions_asked ON insight_questions(asked_utc);
        CREATE INDEX insight_questions_member ON insight_questions(salt_period, member_hash);
        """,
    ];
}
