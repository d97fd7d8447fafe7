-- Files uploaded to the site, kept in the database so that every app server has them and a backup
-- of the database is a backup of everything. A deliverable is now a link, a stored file, or
-- neither (known from the records only, e.g. printed leaflets); the old file_path column, which
-- named no real file, is gone.
CREATE TABLE stored_files (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX stored_files_uploaded_by ON stored_files (uploaded_by);

ALTER TABLE deliverables DROP CONSTRAINT deliverables_check;
ALTER TABLE deliverables DROP COLUMN file_path;
ALTER TABLE deliverables ADD COLUMN file_id BIGINT REFERENCES stored_files (id);
ALTER TABLE deliverables ADD CONSTRAINT deliverables_one_location
    CHECK (link_url IS NULL OR file_id IS NULL);
CREATE INDEX deliverables_file ON deliverables (file_id);
