-- Platform foundation: accounts, sessions, the municipality directory, regions, organisations,
-- roles and programmes. Timestamps are unix seconds; dates are 'YYYY-MM-DD' text.
-- Keep in step with migrations/postgres/0001_init.sql.

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_site_admin BOOLEAN NOT NULL DEFAULT FALSE,
    preferred_locale TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX users_created_at ON users (created_at);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE login_failures (
    key TEXT PRIMARY KEY NOT NULL,
    consecutive_failures BIGINT NOT NULL,
    last_failure_at BIGINT
);

CREATE TABLE municipalities (
    code TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    parent TEXT,
    name TEXT NOT NULL,
    kana TEXT NOT NULL,
    name_en TEXT NOT NULL,
    romaji_key TEXT NOT NULL
);
CREATE INDEX municipalities_parent ON municipalities (parent, kind, code);
CREATE INDEX municipalities_kind ON municipalities (kind, code);

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name_ja TEXT,
    name_en TEXT,
    description_ja TEXT,
    description_en TEXT,
    website TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (organisation_id, user_id, role)
);
CREATE INDEX memberships_user_id ON memberships (user_id);

CREATE TABLE region_profiles (
    code TEXT PRIMARY KEY NOT NULL REFERENCES municipalities (code),
    steward_organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    vision_ja TEXT,
    vision_en TEXT,
    plan_ja TEXT,
    plan_en TEXT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX region_profiles_steward ON region_profiles (steward_organisation_id);

CREATE TABLE region_goals (
    code TEXT NOT NULL REFERENCES region_profiles (code) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    text_ja TEXT,
    text_en TEXT,
    PRIMARY KEY (code, position)
);

CREATE TABLE stakeholders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    region_code TEXT NOT NULL REFERENCES municipalities (code),
    role TEXT NOT NULL,
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE CASCADE,
    name_ja TEXT,
    name_en TEXT,
    description_ja TEXT,
    description_en TEXT
);
CREATE INDEX stakeholders_region_code ON stakeholders (region_code);
CREATE INDEX stakeholders_organisation_id ON stakeholders (organisation_id);

CREATE TABLE programmes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    region_code TEXT NOT NULL REFERENCES municipalities (code),
    title_ja TEXT,
    title_en TEXT,
    summary_ja TEXT,
    summary_en TEXT,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL
);
CREATE INDEX programmes_region_code ON programmes (region_code, starts_on);
CREATE INDEX programmes_organisation_id ON programmes (organisation_id, starts_on);
