-- Postboxes. lookup is keyed BLAKE2b-256 of the normalised pseudonym with the server pepper
-- from the key file, so the table holds no pseudonym. wrapped_case_key is the case private key
-- encrypted under Argon2id(password, key_salt); a log-in succeeds exactly when it decrypts.
CREATE TABLE postbox (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL UNIQUE REFERENCES report_case (id) ON DELETE CASCADE,
    lookup           BLOB    NOT NULL UNIQUE,
    key_salt         BLOB    NOT NULL,
    key_ops          INTEGER NOT NULL,
    key_memory       INTEGER NOT NULL,
    wrapped_case_key BLOB    NOT NULL
);

-- Messages of the conversation between reporter and officers, in both directions. body is an
-- envelope sealed to the case public key; created_hour is rounded down to the hour.
CREATE TABLE message (
    id           INTEGER PRIMARY KEY,
    public_id    TEXT    NOT NULL UNIQUE,
    case_id      INTEGER NOT NULL REFERENCES report_case (id) ON DELETE CASCADE,
    author       TEXT    NOT NULL CHECK (author IN ('reporter', 'officer')),
    created_hour INTEGER NOT NULL,
    body         BLOB    NOT NULL
);

CREATE INDEX message_case ON message (case_id, id);

-- Attachments of messages: the existing attachment table gains the message they belong to.
ALTER TABLE attachment ADD COLUMN message_id INTEGER NULL REFERENCES message (id) ON DELETE CASCADE;
