-- Invitations are single use: used_at (epoch seconds) is set when the invitee activates the
-- account, in the same transaction that creates the officer row.
ALTER TABLE officer_invitation ADD COLUMN used_at INTEGER NULL;
