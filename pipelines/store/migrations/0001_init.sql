-- PeerMap store, schema version 1. Applied once, inside a transaction, by pipelines/store/schema.py.
-- Timestamps the model carries as ISO 8601 text (first_seen, last_seen, ...) stay VARCHAR in UTC
-- ("YYYY-MM-DDTHH:MM:SS+00:00") so they sort and compare as text.

CREATE TABLE sources (
    id VARCHAR PRIMARY KEY,
    name VARCHAR,
    url VARCHAR,
    format VARCHAR,
    enabled BOOLEAN,
    timezone VARCHAR,
    region VARCHAR,
    terms VARCHAR,
    attribution VARCHAR,
    precision_cap VARCHAR,
    schedule VARCHAR,
    health VARCHAR DEFAULT 'new',      -- ok | degraded | broken | new
    reason VARCHAR,
    last_run_at TIMESTAMPTZ,
    last_success_at TIMESTAMPTZ,
    last_error VARCHAR,
    item_count INTEGER
);

CREATE TABLE crawl_runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    as_of TIMESTAMPTZ NOT NULL,
    status VARCHAR                     -- ok | partial | failed
);

CREATE TABLE source_runs (
    run_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    ok BOOLEAN,
    fetched INTEGER,
    parsed INTEGER,
    new INTEGER,
    updated INTEGER,
    unchanged INTEGER,
    linked INTEGER,                    -- matched to another source's listing (cross-source dedup)
    missing INTEGER,
    errors INTEGER,
    error_sample VARCHAR[],
    duration_s DOUBLE,
    health VARCHAR,
    reason VARCHAR,
    as_of TIMESTAMPTZ
);

CREATE TABLE raw_items (
    run_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    uid VARCHAR,
    payload JSON,
    content_hash VARCHAR
);

CREATE TABLE listings (
    id VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,        -- the primary source: the one whose fields the row holds
    source_url VARCHAR,
    description VARCHAR,
    organizer VARCHAR,
    attendance_mode VARCHAR,
    status VARCHAR,
    start VARCHAR,
    "end" VARCHAR,
    all_day BOOLEAN,
    timezone VARCHAR,
    rrule VARCHAR,
    schedule_text VARCHAR,
    next_occurrences VARCHAR[],
    venue_name VARCHAR,
    street VARCHAR,
    city VARCHAR,
    region VARCHAR,
    postal_code VARCHAR,
    country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geo_precision VARCHAR,
    online_url VARCHAR,
    is_free BOOLEAN,
    sliding_scale BOOLEAN,
    cost_min DOUBLE,
    cost_max DOUBLE,
    currency VARCHAR,
    ce_credits DOUBLE,
    audience VARCHAR[],
    modalities VARCHAR[],
    languages VARCHAR[],
    contact_email VARCHAR,
    contact_url VARCHAR,
    contact_phone VARCHAR,
    first_seen VARCHAR,
    last_seen VARCHAR,
    url VARCHAR,
    source_uid VARCHAR,
    serves_regions VARCHAR[],
    status_evidence VARCHAR,
    ce_approvals VARCHAR[],
    categories VARCHAR[],
    last_changed VARCHAR,
    missing_since VARCHAR,
    source_ids VARCHAR[],
    occurrences_json VARCHAR,          -- canonical JSON of the occurrences, for change detection
    suppressed BOOLEAN DEFAULT false
);

CREATE TABLE occurrences (
    listing_id VARCHAR NOT NULL,
    start TIMESTAMPTZ,
    "end" TIMESTAMPTZ,
    status VARCHAR,
    title VARCHAR
);

CREATE TABLE listing_sources (
    listing_id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    source_uid VARCHAR NOT NULL,
    source_url VARCHAR,
    first_seen VARCHAR,
    last_seen VARCHAR,
    missing_since VARCHAR,
    PRIMARY KEY (source_id, source_uid)
);

CREATE TABLE suppressions (
    kind VARCHAR NOT NULL,             -- listing_id | organizer | email | domain | url_pattern
    value VARCHAR NOT NULL,
    reason VARCHAR,
    created_at TIMESTAMPTZ,
    PRIMARY KEY (kind, value)
);

CREATE TABLE change_log (
    listing_id VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    old VARCHAR,
    new VARCHAR,
    changed_at TIMESTAMPTZ
);
