-- Schema version 5: the source's page for people (registry `homepage`), shown on cards.
ALTER TABLE sources ADD COLUMN homepage VARCHAR;
