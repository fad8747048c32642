-- Officer accounts: invitations, TOTP and deactivation.

-- An administrator's invitation. The officer row is created at activation, when the invitee
-- chooses a password, because only then can the key pair be made and wrapped. token_hash is
-- SHA-256 of the one-time token in the activation link; expires_at is epoch seconds.
CREATE TABLE officer_invitation (
    id         INTEGER PRIMARY KEY,
    username   TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    role       TEXT    NOT NULL CHECK (role IN ('administrator', 'officer')),
    token_hash BLOB    NOT NULL UNIQUE,
    expires_at INTEGER NOT NULL,
    created_by INTEGER NULL REFERENCES officer (id) ON DELETE SET NULL
);

-- The TOTP secret, encrypted under the same password-derived key as the private key (with its
-- own associated data); NULL until enrolled. totp_last_step is the RFC 6238 time step of the
-- last accepted code, so a code cannot be used twice.
ALTER TABLE officer ADD COLUMN totp_wrapped BLOB NULL;
ALTER TABLE officer ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE officer ADD COLUMN deactivated_at INTEGER NULL;

-- Case workflow, all in clear because the case list and the legal deadlines need them
-- without decryption. Times are epoch seconds. version grows with every change, so a form
-- loaded before another officer's change is detected on submit.
ALTER TABLE report_case ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_case ADD COLUMN assignee_id INTEGER NULL REFERENCES officer (id) ON DELETE SET NULL;
ALTER TABLE report_case ADD COLUMN aware_at INTEGER NULL;
ALTER TABLE report_case ADD COLUMN acknowledged_at INTEGER NULL;
ALTER TABLE report_case ADD COLUMN feedback_at INTEGER NULL;
ALTER TABLE report_case ADD COLUMN extension_months INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_case ADD COLUMN extended_at INTEGER NULL;
ALTER TABLE report_case ADD COLUMN answered_at INTEGER NULL;
ALTER TABLE report_case ADD COLUMN authority_decision TEXT NULL CHECK (authority_decision IN ('notify', 'not-needed'));
ALTER TABLE report_case ADD COLUMN authority_notified_at INTEGER NULL;
ALTER TABLE report_case ADD COLUMN closed_at INTEGER NULL;
ALTER TABLE report_case ADD COLUMN next_deadline INTEGER NULL;

CREATE INDEX report_case_next_deadline ON report_case (next_deadline);
CREATE INDEX report_case_status ON report_case (status);
CREATE INDEX report_case_assignee ON report_case (assignee_id);
CREATE INDEX report_case_kind ON report_case (kind);

-- The last message of a case each officer has seen, for the unread count on the list.
CREATE TABLE case_read (
    case_id         INTEGER NOT NULL REFERENCES report_case (id) ON DELETE CASCADE,
    officer_id      INTEGER NOT NULL REFERENCES officer (id) ON DELETE CASCADE,
    last_message_id INTEGER NOT NULL,
    PRIMARY KEY (case_id, officer_id)
);

-- Officers excluded from a case (for example because it concerns them). Their sealed keys are
-- deleted and no grant may seal them again.
CREATE TABLE case_exclusion (
    case_id    INTEGER NOT NULL REFERENCES report_case (id) ON DELETE CASCADE,
    officer_id INTEGER NOT NULL REFERENCES officer (id) ON DELETE CASCADE,
    PRIMARY KEY (case_id, officer_id)
);

-- Newly activated officers waiting for older cases. An officer who holds those cases re-seals
-- them at their next log-in; the server cannot do it alone.
CREATE TABLE pending_grant (
    officer_id INTEGER PRIMARY KEY REFERENCES officer (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);

-- Officer-only content (internal notes, risk assessment, breach register facts, the reasons of
-- decisions, the authority's reference): envelopes sealed to the case's internal public key,
-- which the reporter's postbox key cannot open. kind says what the JSON inside is.
CREATE TABLE internal_record (
    id         INTEGER PRIMARY KEY,
    public_id  TEXT    NOT NULL UNIQUE,
    case_id    INTEGER NOT NULL REFERENCES report_case (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    officer_id INTEGER NULL REFERENCES officer (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    body       BLOB    NOT NULL
);

CREATE INDEX internal_record_case ON internal_record (case_id, kind, id);

-- The audit log: one row per officer action, chained by hash so that an edited or deleted row
-- is detected. Holds the officer, the action and the case id, never case content; the case id
-- has no foreign key because entries must outlive purged cases.
CREATE TABLE audit_entry (
    sequence       INTEGER PRIMARY KEY,
    at             INTEGER NOT NULL,
    officer        TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    case_id        INTEGER NULL,
    previous_hash  BLOB    NOT NULL,
    hash           BLOB    NOT NULL
);
