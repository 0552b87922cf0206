-- Members' profiles (issue 10): where they are, a square avatar, and the search index kept in
-- step with renames.

-- A place as the member writes it ("Leeds", "Bristol, UK"): at most 80 characters (SQLite's
-- length() counts code points, as the API's text() rule does).
ALTER TABLE accounts ADD COLUMN location TEXT NOT NULL DEFAULT '' CHECK (length(location) <= 80);

-- The avatar, stored as listing images are: the upload kept private in R2 (`avatar_original_key`,
-- never served: it keeps its metadata), and one re-encoded, metadata-free square WebP
-- (`avatar_key`, served by /media/). Both set or both NULL.
ALTER TABLE accounts ADD COLUMN avatar_key TEXT;
ALTER TABLE accounts ADD COLUMN avatar_original_key TEXT
  CHECK ((avatar_original_key IS NULL) = (avatar_key IS NULL));
ALTER TABLE accounts ADD COLUMN avatar_width INTEGER
  CHECK ((avatar_width IS NULL) = (avatar_key IS NULL) AND (avatar_width IS NULL OR avatar_width > 0));
ALTER TABLE accounts ADD COLUMN avatar_height INTEGER
  CHECK ((avatar_height IS NULL) = (avatar_key IS NULL) AND (avatar_height IS NULL OR avatar_height > 0));

-- Renaming a seller re-indexes their published listings in the same statement as the rename, so
-- a search by the new name finds them and the old name no longer does. (Before this, the
-- indexed `seller_name` was written once, at publication, and went stale.)
CREATE TRIGGER accounts_fts_seller_name
AFTER UPDATE OF display_name ON accounts
WHEN OLD.display_name IS NOT NEW.display_name
BEGIN
  DELETE FROM listings_fts WHERE rowid IN (
    SELECT pub_seq FROM listings WHERE seller_id = NEW.id AND status = 'published'
  );
  INSERT INTO listings_fts (rowid, title, description, tags, seller_name, facets)
  SELECT rowid, title, description, tags, seller_name, facets FROM listing_search_rows
  WHERE id IN (SELECT id FROM listings WHERE seller_id = NEW.id AND status = 'published');
END;
