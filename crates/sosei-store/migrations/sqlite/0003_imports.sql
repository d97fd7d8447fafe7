-- Ids a record had in the system it was imported from (e.g. a Pol.is comment id), so an export
-- can give them back and a second import can be matched to the first. One row per imported
-- record; kind names the namespace ("polis_comment").
CREATE TABLE external_ids (
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    external_id TEXT NOT NULL,
    internal_id BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, kind, external_id)
);
CREATE INDEX external_ids_internal ON external_ids (conversation_id, kind, internal_id);
