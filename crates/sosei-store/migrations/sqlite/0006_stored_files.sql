-- Files uploaded to the site, kept in the database so that every app server has them and a backup
-- of the database is a backup of everything. A deliverable is now a link, a stored file, or
-- neither (known from the records only, e.g. printed leaflets); the old file_path column, which
-- named no real file, is gone.
CREATE TABLE stored_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX stored_files_uploaded_by ON stored_files (uploaded_by);

CREATE TABLE deliverables_with_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id BIGINT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    title_ja TEXT,
    title_en TEXT,
    kind TEXT NOT NULL,
    language_code TEXT NOT NULL,
    link_url TEXT,
    file_id BIGINT REFERENCES stored_files (id),
    added_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    CHECK (link_url IS NULL OR file_id IS NULL)
);
INSERT INTO deliverables_with_files
    (id, programme_id, title_ja, title_en, kind, language_code, link_url, file_id, added_by, created_at)
    SELECT id, programme_id, title_ja, title_en, kind, language_code, link_url, NULL, added_by, created_at
    FROM deliverables;
DROP TABLE deliverables;
ALTER TABLE deliverables_with_files RENAME TO deliverables;
CREATE INDEX deliverables_programme ON deliverables (programme_id, id);
CREATE INDEX deliverables_added_by ON deliverables (added_by);
CREATE INDEX deliverables_file ON deliverables (file_id);
