-- Schema version 2: the change log is append-only and read per listing (peermap history <id>).
CREATE INDEX change_log_listing ON change_log (listing_id);
