-- Schema version 3 (issue 13): how each listing's time zone was decided, and how many listings
-- of a source run had to assume UTC because nothing stated a zone.
ALTER TABLE listings ADD COLUMN time_basis VARCHAR;
ALTER TABLE source_runs ADD COLUMN assumed_utc INTEGER DEFAULT 0;
