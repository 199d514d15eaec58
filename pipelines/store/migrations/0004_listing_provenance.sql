-- Organizer-suggested listings (pipelines/submissions): their provenance line and the date the
-- organizer last confirmed them. NULL for crawled listings.
ALTER TABLE listings ADD COLUMN provenance VARCHAR;
ALTER TABLE listings ADD COLUMN confirmed_at VARCHAR;
