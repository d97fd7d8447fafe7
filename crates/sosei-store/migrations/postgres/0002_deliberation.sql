-- The deliberation space (知恵ラボ): conversations, facilitators, participants, statements, votes,
-- flags, fact cards, the audit log and cached analyses. Timestamps are unix seconds; dates are
-- 'YYYY-MM-DD' text. Keep in step with migrations/sqlite/0002_deliberation.sql.

CREATE TABLE conversations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    region_code TEXT REFERENCES municipalities (code),
    title_ja TEXT,
    title_en TEXT,
    question_ja TEXT,
    question_en TEXT,
    description_ja TEXT,
    description_en TEXT,
    state TEXT NOT NULL,
    moderation_mode TEXT NOT NULL,
    participation_mode TEXT NOT NULL,
    invitation_code TEXT,
    -- JSON arrays of strings (attribute question names; district names).
    attribute_questions TEXT NOT NULL,
    district_options TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    opened_at BIGINT,
    closed_at BIGINT
);
CREATE INDEX conversations_organisation_id ON conversations (organisation_id, created_at);
CREATE INDEX conversations_region_code ON conversations (region_code, created_at);
CREATE INDEX conversations_created_at ON conversations (created_at);

CREATE TABLE conversation_facilitators (
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_facilitators_user_id ON conversation_facilitators (user_id);

-- identity_kind is 'user' (identity_value: the user id in decimal), 'pseudonym' or 'external'.
CREATE TABLE participants (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    identity_kind TEXT NOT NULL,
    identity_value TEXT NOT NULL,
    -- A JSON object of attribute question name to answer.
    attributes TEXT NOT NULL,
    banned BOOLEAN NOT NULL DEFAULT FALSE,
    joined_at BIGINT NOT NULL,
    UNIQUE (conversation_id, identity_kind, identity_value),
    -- The target of the votes' and flags' composite keys: a vote's participant and statement
    -- belong to the same conversation.
    UNIQUE (conversation_id, id)
);

CREATE TABLE statements (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_participant_id BIGINT REFERENCES participants (id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    language TEXT NOT NULL,
    moderation TEXT NOT NULL,
    rejection_reason TEXT,
    is_meta BOOLEAN NOT NULL DEFAULT FALSE,
    is_seed BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    UNIQUE (conversation_id, id)
);
CREATE INDEX statements_author_participant_id ON statements (author_participant_id);

-- A participant's current vote on a statement (the last one cast). conversation_id is copied
-- from the statement so a conversation's votes are read and counted without a join. choice is
-- 1 agree, -1 disagree, 0 pass (Pol.is's numbers).
CREATE TABLE votes (
    conversation_id BIGINT NOT NULL,
    participant_id BIGINT NOT NULL,
    statement_id BIGINT NOT NULL,
    choice SMALLINT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (participant_id, statement_id),
    FOREIGN KEY (conversation_id, participant_id)
        REFERENCES participants (conversation_id, id) ON DELETE CASCADE,
    FOREIGN KEY (conversation_id, statement_id)
        REFERENCES statements (conversation_id, id) ON DELETE CASCADE
);
CREATE INDEX votes_statement_id ON votes (statement_id);
CREATE INDEX votes_conversation_id ON votes (conversation_id, participant_id);

CREATE TABLE statement_flags (
    statement_id BIGINT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    participant_id BIGINT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    PRIMARY KEY (statement_id, participant_id)
);
CREATE INDEX statement_flags_participant_id ON statement_flags (participant_id);

CREATE TABLE fact_cards (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    -- Optional; when set, a statement of the same conversation (the composite key below).
    statement_id BIGINT,
    text_ja TEXT,
    text_en TEXT,
    source_citation TEXT NOT NULL,
    source_url TEXT,
    as_of TEXT,
    value DOUBLE PRECISION,
    unit TEXT,
    author_user_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    FOREIGN KEY (conversation_id, statement_id)
        REFERENCES statements (conversation_id, id) ON DELETE CASCADE
);
CREATE INDEX fact_cards_conversation_id ON fact_cards (conversation_id, statement_id);
CREATE INDEX fact_cards_author_user_id ON fact_cards (author_user_id);

CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    actor_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    target TEXT,
    reason TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX audit_log_conversation_id ON audit_log (conversation_id, at);
CREATE INDEX audit_log_actor_user_id ON audit_log (actor_user_id);

CREATE TABLE analyses (
    conversation_id BIGINT PRIMARY KEY NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    json TEXT NOT NULL,
    votes_seen BIGINT NOT NULL,
    computed_at BIGINT NOT NULL
);
