-- Officers. The private key is stored only wrapped under a key derived from the officer's
-- password (Argon2id with the stored salt and parameters); login succeeds when it unwraps.
CREATE TABLE officer (
    id                  INTEGER PRIMARY KEY,
    username            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    role                TEXT    NOT NULL CHECK (role IN ('administrator', 'officer')),
    active              INTEGER NOT NULL DEFAULT 1,
    public_key          BLOB    NOT NULL,
    key_salt            BLOB    NOT NULL,
    key_ops             INTEGER NOT NULL,
    key_memory          INTEGER NOT NULL,
    wrapped_private_key BLOB    NOT NULL,
    created_at          INTEGER NOT NULL
);

-- Cases. Only the columns below are in clear; content is an envelope sealed to public_key.
-- received_hour is the receipt time in epoch seconds, rounded down to the hour.
CREATE TABLE report_case (
    id                  INTEGER PRIMARY KEY,
    reference           TEXT    NOT NULL UNIQUE,
    kind                TEXT    NOT NULL CHECK (kind IN ('breach', 'request')),
    status              TEXT    NOT NULL DEFAULT 'new',
    received_hour       INTEGER NOT NULL,
    public_key          BLOB    NOT NULL,
    internal_public_key BLOB    NOT NULL,
    content             BLOB    NOT NULL
);

CREATE INDEX report_case_received ON report_case (received_hour);

-- The case private keys sealed to one officer's public key, one row per officer with access.
CREATE TABLE case_key (
    case_id                     INTEGER NOT NULL REFERENCES report_case (id) ON DELETE CASCADE,
    officer_id                  INTEGER NOT NULL REFERENCES officer (id) ON DELETE CASCADE,
    sealed_private_key          BLOB    NOT NULL,
    sealed_internal_private_key BLOB    NOT NULL,
    PRIMARY KEY (case_id, officer_id)
);

-- Attachments. The file itself lives in the data directory under attachments/<id>, encrypted
-- with its own key; that key, the original file name, size and SHA-256 are in sealed_meta.
CREATE TABLE attachment (
    id          TEXT    PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES report_case (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    sealed_meta BLOB    NOT NULL
);

CREATE INDEX attachment_case ON attachment (case_id);
