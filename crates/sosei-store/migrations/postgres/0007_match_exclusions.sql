-- Applications a coordinator keeps out of matching: every later run of the matcher leaves them
-- without a team (a lock "exclude" from their programme) until the coordinator includes them
-- again. Kept per application, not per round, since every run is a round of its own.
-- Timestamps are unix seconds. Keep in step with migrations/sqlite/0007_match_exclusions.sql.
CREATE TABLE match_exclusions (
    application_id BIGINT PRIMARY KEY NOT NULL,
    programme_id BIGINT NOT NULL,
    excluded_by BIGINT NOT NULL REFERENCES users (id),
    excluded_at BIGINT NOT NULL,
    FOREIGN KEY (programme_id, application_id)
        REFERENCES applications (programme_id, id) ON DELETE CASCADE
);
CREATE INDEX match_exclusions_programme ON match_exclusions (programme_id);
CREATE INDEX match_exclusions_excluded_by ON match_exclusions (excluded_by);
