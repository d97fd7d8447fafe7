-- Delivering the outbox by SMTP. A sender claims a message by moving next_attempt_at past now (a
-- lease: if the sender dies, the message is claimed again once the lease ends) and counting the
-- attempt. A failed attempt records its error and the time of the next try; a message that fails
-- for good (a permanent SMTP refusal, or too many attempts) gets failed_at and is not tried again
-- until a site admin asks for it.
ALTER TABLE outbox ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
ALTER TABLE outbox ADD COLUMN failed_at BIGINT;

DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
