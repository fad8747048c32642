-- The username of the officer an audit entry affects: the grantee of case.grant, the excluded
-- officer of case.exclude, and the invited, activated or deactivated officer. NULL for entries
-- that affect no other officer and for every entry written before this column existed. The hash
-- of an entry covers the subject only when it is set (see AuditChain), so older entries still
-- verify.
ALTER TABLE audit_entry ADD COLUMN subject TEXT NULL;
