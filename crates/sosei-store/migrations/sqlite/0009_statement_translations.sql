-- Translations of statements (知恵ラボ): at most one per statement and language, each saying who
-- made it. A translation is not a statement: votes stay on the statement. translator_kind is
-- 'author', 'facilitator', 'volunteer' or 'machine'; translator_user_id is the account that wrote
-- or entered it (none for an anonymous author or a machine); machine_provider names the provider
-- of a machine translation. text is kept as typed (trimmed, control characters removed, no NFKC).
-- conversation_id is copied from the statement (checked by the composite key) so a conversation's
-- translations are read without a join. Timestamps are unix seconds.
-- Keep in step with migrations/postgres/0009_statement_translations.sql.
CREATE TABLE statement_translations (
    statement_id BIGINT NOT NULL,
    conversation_id BIGINT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('ja', 'en')),
    text TEXT NOT NULL,
    translator_kind TEXT NOT NULL
        CHECK (translator_kind IN ('author', 'facilitator', 'volunteer', 'machine')),
    translator_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    machine_provider TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (statement_id, language),
    FOREIGN KEY (conversation_id, statement_id)
        REFERENCES statements (conversation_id, id) ON DELETE CASCADE,
    CHECK ((translator_kind = 'machine') = (machine_provider IS NOT NULL))
);
CREATE INDEX statement_translations_conversation ON statement_translations (conversation_id);
CREATE INDEX statement_translations_translator ON statement_translations (translator_user_id);
