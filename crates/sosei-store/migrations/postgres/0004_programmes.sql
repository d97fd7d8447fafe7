-- The Social Contract: programme details, teams and their needs, the skills taxonomy, participant
-- profiles, applications with their history and the outbox, host families and placements, match
-- rounds and team assignments, and what programmes leave behind. Timestamps are unix seconds;
-- dates are 'YYYY-MM-DD' text. Keep in step with migrations/sqlite/0004_programmes.sql.

-- Programme details. Existing programmes become drafts with empty details.
ALTER TABLE programmes ADD COLUMN status TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE programmes ADD COLUMN theme_ja TEXT;
ALTER TABLE programmes ADD COLUMN theme_en TEXT;
ALTER TABLE programmes ADD COLUMN description_ja TEXT;
ALTER TABLE programmes ADD COLUMN description_en TEXT;
ALTER TABLE programmes ADD COLUMN applications_open_on TEXT;
ALTER TABLE programmes ADD COLUMN applications_close_on TEXT;
ALTER TABLE programmes ADD COLUMN seats BIGINT;
-- The Japanese-speaker rule: NULL level means no rule.
ALTER TABLE programmes ADD COLUMN japanese_minimum_level TEXT;
ALTER TABLE programmes ADD COLUMN japanese_at_least_per_team BIGINT;
ALTER TABLE programmes ADD COLUMN receives_accommodation_ja TEXT;
ALTER TABLE programmes ADD COLUMN receives_accommodation_en TEXT;
ALTER TABLE programmes ADD COLUMN receives_meals_ja TEXT;
ALTER TABLE programmes ADD COLUMN receives_meals_en TEXT;
ALTER TABLE programmes ADD COLUMN receives_other_ja TEXT;
ALTER TABLE programmes ADD COLUMN receives_other_en TEXT;
CREATE INDEX programmes_status ON programmes (status, starts_on);

CREATE TABLE programme_planned_deliverables (
    programme_id BIGINT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    description_ja TEXT,
    description_en TEXT,
    PRIMARY KEY (programme_id, position)
);

-- The skills taxonomy; site admins add to it.
CREATE TABLE skills (
    slug TEXT PRIMARY KEY NOT NULL,
    label_ja TEXT,
    label_en TEXT,
    built_in BOOLEAN NOT NULL DEFAULT FALSE
);
INSERT INTO skills (slug, label_ja, label_en, built_in) VALUES
    ('english-translation', '英語の翻訳・通訳', 'English translation', TRUE),
    ('chinese-translation', '中国語の翻訳・通訳', 'Chinese translation', TRUE),
    ('thai-translation', 'タイ語の翻訳・通訳', 'Thai translation', TRUE),
    ('korean-translation', '韓国語の翻訳・通訳', 'Korean translation', TRUE),
    ('vietnamese-translation', 'ベトナム語の翻訳・通訳', 'Vietnamese translation', TRUE),
    ('graphic-design', 'グラフィックデザイン', 'Graphic design', TRUE),
    ('web', 'ウェブ制作', 'Web development', TRUE),
    ('social-media', 'SNS運用', 'Social media', TRUE),
    ('photography', '写真撮影', 'Photography', TRUE),
    ('video', '動画制作', 'Video production', TRUE),
    ('tourism-planning', '観光企画', 'Tourism planning', TRUE),
    ('agriculture', '農業', 'Agriculture', TRUE),
    ('cooking', '料理', 'Cooking', TRUE),
    ('teaching', '教育・授業', 'Teaching', TRUE),
    ('research', '調査・研究', 'Research', TRUE),
    ('data-analysis', 'データ分析', 'Data analysis', TRUE),
    ('writing', '文章作成', 'Writing', TRUE),
    ('marketing', 'マーケティング', 'Marketing', TRUE),
    ('event-planning', 'イベント企画', 'Event planning', TRUE),
    ('illustration', 'イラスト', 'Illustration', TRUE);

CREATE TABLE programme_teams (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name_ja TEXT,
    name_en TEXT,
    min_size BIGINT NOT NULL,
    max_size BIGINT NOT NULL,
    max_per_nationality BIGINT,
    CHECK (min_size >= 1 AND min_size <= max_size),
    -- The target of team_assignments' composite key: a team of the application's programme.
    UNIQUE (programme_id, id)
);

-- kind 'skill' (skill_slug set) or 'language' (language_code, minimum_level and its rank set).
CREATE TABLE team_needs (
    team_id BIGINT NOT NULL REFERENCES programme_teams (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    skill_slug TEXT REFERENCES skills (slug),
    language_code TEXT,
    minimum_level TEXT,
    minimum_level_rank BIGINT,
    at_least BIGINT NOT NULL,
    PRIMARY KEY (team_id, position),
    CHECK ((kind = 'skill' AND skill_slug IS NOT NULL)
        OR (kind = 'language' AND language_code IS NOT NULL AND minimum_level IS NOT NULL
            AND minimum_level_rank IS NOT NULL))
);
CREATE INDEX team_needs_skill_slug ON team_needs (skill_slug);

CREATE TABLE participant_profiles (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    affiliation TEXT,
    dietary_notes TEXT,
    accessibility_needs TEXT,
    bio TEXT,
    updated_at BIGINT NOT NULL
);

CREATE TABLE profile_nationalities (
    user_id BIGINT NOT NULL REFERENCES participant_profiles (user_id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    country_code TEXT NOT NULL,
    PRIMARY KEY (user_id, country_code)
);

-- level_rank is LanguageLevel::rank, so "at least B1 / N3" is a comparison.
CREATE TABLE profile_languages (
    user_id BIGINT NOT NULL REFERENCES participant_profiles (user_id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    language_code TEXT NOT NULL,
    level TEXT NOT NULL,
    level_rank BIGINT NOT NULL,
    PRIMARY KEY (user_id, language_code)
);
CREATE INDEX profile_languages_language ON profile_languages (language_code, level_rank);

CREATE TABLE profile_skills (
    user_id BIGINT NOT NULL REFERENCES participant_profiles (user_id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    skill_slug TEXT NOT NULL REFERENCES skills (slug),
    PRIMARY KEY (user_id, skill_slug)
);
CREATE INDEX profile_skills_skill_slug ON profile_skills (skill_slug);

CREATE TABLE profile_availability (
    user_id BIGINT NOT NULL REFERENCES participant_profiles (user_id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    PRIMARY KEY (user_id, starts_on, ends_on)
);

CREATE TABLE profile_dietary_requirements (
    user_id BIGINT NOT NULL REFERENCES participant_profiles (user_id) ON DELETE CASCADE,
    requirement TEXT NOT NULL,
    PRIMARY KEY (user_id, requirement)
);

CREATE TABLE applications (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    preference_rank BIGINT NOT NULL,
    motivation TEXT NOT NULL,
    status TEXT NOT NULL,
    review_notes TEXT,
    review_score BIGINT,
    submitted_at BIGINT NOT NULL,
    status_changed_at BIGINT NOT NULL,
    UNIQUE (programme_id, user_id),
    UNIQUE (programme_id, id)
);
-- A person's ranks are unique among their active (non-final) applications.
CREATE UNIQUE INDEX applications_active_rank ON applications (user_id, preference_rank)
    WHERE status IN ('submitted', 'shortlisted', 'offered', 'accepted');
CREATE INDEX applications_programme_status ON applications (programme_id, status);

CREATE TABLE application_history (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status TEXT NOT NULL,
    by_user_id BIGINT NOT NULL REFERENCES users (id),
    at BIGINT NOT NULL
);
CREATE INDEX application_history_application ON application_history (application_id, id);
CREATE INDEX application_history_by_user ON application_history (by_user_id);

CREATE TABLE outbox (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    email TEXT NOT NULL,
    locale TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    application_id BIGINT REFERENCES applications (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_recipient ON outbox (recipient_user_id, id);
CREATE INDEX outbox_application ON outbox (application_id);

CREATE TABLE host_families (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    region_code TEXT NOT NULL REFERENCES municipalities (code),
    name TEXT NOT NULL,
    contact TEXT,
    beds BIGINT NOT NULL CHECK (beds >= 1)
);
CREATE INDEX host_families_organisation ON host_families (organisation_id);
CREATE INDEX host_families_region ON host_families (region_code);

CREATE TABLE host_availability (
    host_family_id BIGINT NOT NULL REFERENCES host_families (id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    PRIMARY KEY (host_family_id, starts_on, ends_on)
);

CREATE TABLE host_languages (
    host_family_id BIGINT NOT NULL REFERENCES host_families (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    language_code TEXT NOT NULL,
    PRIMARY KEY (host_family_id, language_code)
);

CREATE TABLE host_dietary_capabilities (
    host_family_id BIGINT NOT NULL REFERENCES host_families (id) ON DELETE CASCADE,
    requirement TEXT NOT NULL,
    PRIMARY KEY (host_family_id, requirement)
);

-- A bed is taken on every day from starts_on to ends_on, both included.
CREATE TABLE host_placements (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL,
    application_id BIGINT NOT NULL,
    host_family_id BIGINT NOT NULL REFERENCES host_families (id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    CHECK (starts_on <= ends_on),
    FOREIGN KEY (programme_id, application_id)
        REFERENCES applications (programme_id, id) ON DELETE CASCADE
);
CREATE INDEX host_placements_host ON host_placements (host_family_id, starts_on);
CREATE INDEX host_placements_programme ON host_placements (programme_id);
CREATE INDEX host_placements_application ON host_placements (application_id);

CREATE TABLE match_rounds (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    created_by BIGINT NOT NULL REFERENCES users (id),
    weight_preference DOUBLE PRECISION NOT NULL,
    weight_skill_fit DOUBLE PRECISION NOT NULL,
    weight_diversity DOUBLE PRECISION NOT NULL,
    created_at BIGINT NOT NULL,
    -- The matcher's outcome, opaque JSON text.
    outcome_json TEXT,
    outcome_recorded_at BIGINT
);
CREATE INDEX match_rounds_organisation ON match_rounds (organisation_id, created_at);
CREATE INDEX match_rounds_created_by ON match_rounds (created_by);

CREATE TABLE match_round_programmes (
    match_round_id BIGINT NOT NULL REFERENCES match_rounds (id) ON DELETE CASCADE,
    programme_id BIGINT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    PRIMARY KEY (match_round_id, programme_id)
);
CREATE INDEX match_round_programmes_programme ON match_round_programmes (programme_id);

-- An application's current team; the composite keys make the team one of the application's
-- programme.
CREATE TABLE team_assignments (
    application_id BIGINT PRIMARY KEY NOT NULL,
    programme_id BIGINT NOT NULL,
    team_id BIGINT NOT NULL,
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    source TEXT NOT NULL,
    match_round_id BIGINT REFERENCES match_rounds (id) ON DELETE SET NULL,
    set_by BIGINT NOT NULL REFERENCES users (id),
    updated_at BIGINT NOT NULL,
    FOREIGN KEY (programme_id, application_id)
        REFERENCES applications (programme_id, id) ON DELETE CASCADE,
    FOREIGN KEY (programme_id, team_id)
        REFERENCES programme_teams (programme_id, id) ON DELETE CASCADE
);
CREATE INDEX team_assignments_programme ON team_assignments (programme_id, team_id);
CREATE INDEX team_assignments_team ON team_assignments (team_id);
CREATE INDEX team_assignments_round ON team_assignments (match_round_id);
CREATE INDEX team_assignments_set_by ON team_assignments (set_by);

CREATE TABLE deliverables (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    title_ja TEXT,
    title_en TEXT,
    kind TEXT NOT NULL,
    language_code TEXT NOT NULL,
    link_url TEXT,
    file_path TEXT,
    added_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    CHECK ((link_url IS NULL) <> (file_path IS NULL))
);
CREATE INDEX deliverables_programme ON deliverables (programme_id, id);
CREATE INDEX deliverables_added_by ON deliverables (added_by);

CREATE TABLE testimonials (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    author_user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text_ja TEXT,
    text_en TEXT,
    consent_to_publish BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (programme_id, author_user_id)
);
CREATE INDEX testimonials_author ON testimonials (author_user_id);

-- "references" is an SQL keyword, hence the prefix.
CREATE TABLE programme_references (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    host_family_id BIGINT NOT NULL REFERENCES host_families (id) ON DELETE CASCADE,
    participant_user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    direction TEXT NOT NULL,
    written_by BIGINT NOT NULL REFERENCES users (id),
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX programme_references_programme ON programme_references (programme_id, id);
CREATE INDEX programme_references_host ON programme_references (host_family_id);
CREATE INDEX programme_references_participant ON programme_references (participant_user_id);
CREATE INDEX programme_references_written_by ON programme_references (written_by);
