-- The account's life: e-mail verification, password reset and verification links, the terms of
-- use and the privacy policy (versioned, each edit a new version) with each person's acceptance,
-- and deleted accounts (the row stays, emptied of personal data, so the records that name it as
-- their author keep a valid reference). Timestamps are unix seconds.
-- Keep in step with migrations/postgres/0010_account_lifecycle.sql.

ALTER TABLE users ADD COLUMN email_verified_at BIGINT;
ALTER TABLE users ADD COLUMN deleted_at BIGINT;

-- A link sent by e-mail. Only the SHA-256 of its token is kept; purpose is 'password_reset' or
-- 'email_verification'; email is the address the link was sent to (a verification link
-- confirms that address only). used_at is set once, by the request that uses it.
CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose, created_at);

-- kind is 'terms' or 'privacy'. A version is never changed once published.
CREATE TABLE legal_documents (
    kind TEXT NOT NULL,
    version BIGINT NOT NULL,
    body_ja TEXT NOT NULL,
    body_en TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    published_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (kind, version)
);

CREATE TABLE legal_acceptances (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    version BIGINT NOT NULL,
    accepted_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind, version),
    FOREIGN KEY (kind, version) REFERENCES legal_documents (kind, version)
);
