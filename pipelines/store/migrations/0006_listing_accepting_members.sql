-- Schema version 6 (issue 14): does a consult group / supervisor take new members?
-- open | waitlist | closed | unknown; rows written before this version are 'unknown'.
ALTER TABLE listings ADD COLUMN accepting_members VARCHAR DEFAULT 'unknown';
