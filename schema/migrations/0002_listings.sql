-- Listings, their images, categories and the full-text index behind search.

-- A seller's storefront shows a short bio.
ALTER TABLE accounts ADD COLUMN bio TEXT NOT NULL DEFAULT '' CHECK (length(bio) <= 2000);

CREATE TABLE categories (
  slug TEXT PRIMARY KEY CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
  name TEXT NOT NULL,
  parent_slug TEXT REFERENCES categories (slug),
  position INTEGER NOT NULL
);

INSERT INTO categories (slug, name, parent_slug, position) VALUES
  ('art', 'Art', NULL, 1),
  ('prints', 'Prints', 'art', 1),
  ('paintings', 'Paintings', 'art', 2),
  ('photography', 'Photography', 'art', 3),
  ('illustration', 'Illustration', 'art', 4),
  ('craft', 'Craft', NULL, 2),
  ('ceramics', 'Ceramics', 'craft', 1),
  ('textiles', 'Textiles', 'craft', 2),
  ('jewellery', 'Jewellery', 'craft', 3),
  ('woodwork', 'Woodwork', 'craft', 4),
  ('paper', 'Paper and books', 'craft', 5),
  ('digital', 'Digital downloads', NULL, 3),
  ('patterns', 'Patterns', 'digital', 1),
  ('wallpapers', 'Wallpapers', 'digital', 2);

-- `seq` is the integer key the full-text index points at (FTS5 rows need an integer rowid);
-- `id` is the opaque id clients see.
CREATE TABLE listings (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  seller_id TEXT NOT NULL REFERENCES accounts (id),
  title TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 140),
  description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  price_cents INTEGER NOT NULL DEFAULT 0 CHECK (price_cents BETWEEN 0 AND 1000000000),
  currency TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('physical', 'digital')),
  -- Stock of a physical listing; NULL for a digital one (never runs out).
  quantity INTEGER CHECK (quantity BETWEEN 0 AND 100000),
  shipping_cents INTEGER NOT NULL DEFAULT 0 CHECK (shipping_cents BETWEEN 0 AND 1000000000),
  category_slug TEXT REFERENCES categories (slug),
  -- The top-level category (the slug itself for a top-level one), so browsing a parent
  -- category walks one index range instead of merging its children's.
  category_root TEXT REFERENCES categories (slug),
  -- JSON array of lower-case tags.
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived', 'sold_out')),
  featured INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
  -- The cover image's keys, kept here so list pages read one row per listing.
  cover_image_id TEXT,
  cover_thumb_key TEXT,
  cover_width INTEGER,
  cover_height INTEGER,
  image_count INTEGER NOT NULL DEFAULT 0 CHECK (image_count BETWEEN 0 AND 12),
  -- The private file a digital listing delivers after payment (R2 key, never public).
  file_key TEXT,
  file_name TEXT,
  file_bytes INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  published_at TEXT,
  -- Publication order: set at each publish, newest highest. The full-text index's rowid.
  pub_seq INTEGER UNIQUE,
  CHECK ((kind = 'physical') = (quantity IS NOT NULL)),
  CHECK (kind = 'physical' OR shipping_cents = 0),
  CHECK (status IN ('draft') OR (published_at IS NOT NULL AND pub_seq IS NOT NULL)),
  CHECK ((category_slug IS NULL) = (category_root IS NULL)),
  CHECK (status <> 'published' OR (length(title) > 0 AND price_cents > 0 AND image_count > 0))
);
-- Browse orders (newest first, price both ways), by status first, then category or seller.
CREATE INDEX listings_newest ON listings (status, pub_seq DESC);
CREATE INDEX listings_by_price ON listings (status, price_cents, pub_seq);
CREATE INDEX listings_by_category ON listings (status, category_slug, pub_seq DESC);
CREATE INDEX listings_by_category_price ON listings (status, category_slug, price_cents, pub_seq);
CREATE INDEX listings_by_root ON listings (status, category_root, pub_seq DESC);
CREATE INDEX listings_by_root_price ON listings (status, category_root, price_cents, pub_seq);
CREATE INDEX listings_by_seller ON listings (seller_id, status, pub_seq DESC);
CREATE INDEX listings_by_seller_price ON listings (seller_id, status, price_cents, pub_seq);
CREATE INDEX listings_featured ON listings (status, featured, pub_seq DESC);
CREATE INDEX listings_of_seller_all ON listings (seller_id, updated_at DESC, seq DESC);

CREATE TABLE listing_images (
  id TEXT PRIMARY KEY,
  listing_id TEXT NOT NULL REFERENCES listings (id),
  position INTEGER NOT NULL CHECK (position >= 0),
  original_key TEXT NOT NULL UNIQUE,
  thumb_key TEXT NOT NULL UNIQUE,
  large_key TEXT NOT NULL UNIQUE,
  content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  bytes INTEGER NOT NULL CHECK (bytes > 0),
  created_at TEXT NOT NULL
);
CREATE INDEX listing_images_by_listing ON listing_images (listing_id, position);

-- Full-text search over published listings. rowid = listings.pub_seq, so `ORDER BY rowid DESC`
-- is newest-first inside the index. `facets` holds filter tokens (k_physical, c_prints,
-- r_art, s_<seller>, p_<price bucket>) so filters are answered inside the index too, and a
-- search reads only the listing rows it returns. Kept in step by the triggers below.
CREATE VIRTUAL TABLE listings_fts USING fts5 (
  title,
  description,
  tags,
  seller_name,
  facets,
  content = '',
  contentless_delete = 1,
  tokenize = "unicode61 remove_diacritics 2 tokenchars '_'",
  prefix = '2 3'
);

-- Relevance: a title match weighs most, then tags, the seller's name and the description; the
-- facet tokens weigh nothing (a rare price bucket must not lift a listing up the results).
INSERT INTO listings_fts (listings_fts, rank) VALUES ('rank', 'bm25(10.0, 2.0, 5.0, 3.0, 0.0)');

-- Price buckets: p_k holds [2^(k-1), 2^k) cents (p_10: 512-1023¢), and the finer q_f holds
-- [2^(f/16), 2^((f+1)/16)) cents, so a price range matches whole buckets inside it plus fine
-- ones at its edges, and the exact bounds trim only a sliver.
CREATE VIEW listing_search_rows AS
SELECT
  l.pub_seq AS rowid,
  l.title,
  l.description,
  (SELECT group_concat(value, ' ') FROM json_each(l.tags)) AS tags,
  (SELECT display_name FROM accounts WHERE id = l.seller_id) AS seller_name,
  'k_' || l.kind
    || coalesce(' c_' || replace(l.category_slug, '-', '_'), '')
    || coalesce(' r_' || replace(l.category_root, '-', '_'), '')
    || ' s_' || lower(replace(l.seller_id, '-', '_'))
    || CASE WHEN l.price_cents < 1 THEN ' p_0'
         ELSE ' p_' || CAST(floor(log2(l.price_cents)) + 1 AS INTEGER)
           || ' q_' || CAST(floor(log2(l.price_cents) * 16) AS INTEGER) END
    AS facets,
  l.id
FROM listings l
WHERE l.status = 'published';

CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings WHEN NEW.status = 'published'
BEGIN
  INSERT INTO listings_fts (rowid, title, description, tags, seller_name, facets)
  SELECT rowid, title, description, tags, seller_name, facets FROM listing_search_rows WHERE id = NEW.id;
END;

CREATE TRIGGER listings_fts_update AFTER UPDATE ON listings
BEGIN
  DELETE FROM listings_fts WHERE OLD.status = 'published' AND rowid = OLD.pub_seq;
  INSERT INTO listings_fts (rowid, title, description, tags, seller_name, facets)
  SELECT rowid, title, description, tags, seller_name, facets FROM listing_search_rows WHERE id = NEW.id;
END;
