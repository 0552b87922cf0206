-- Stock that cannot be oversold (functions/listings/stock.ts).
--
-- `listings.quantity` stays the stock a buyer can still take. A checkout takes units out of it
-- into a hold; paying turns the hold into a sale, an abandoned checkout releases it back. So at
-- every moment: stock the seller put in = quantity + Σ held + Σ sold.

CREATE TABLE stock_holds (
  id TEXT PRIMARY KEY,
  listing_id TEXT NOT NULL REFERENCES listings (id),
  -- Who holds the units: the order line they were reserved for. One hold per line and listing,
  -- so a retried checkout cannot take the same line's units twice.
  holder TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
  status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'released', 'sold')),
  created_at TEXT NOT NULL,
  settled_at TEXT,
  CHECK ((status = 'held') = (settled_at IS NULL)),
  UNIQUE (holder, listing_id)
);
-- The units held on a listing (seller edits, release) read only its open holds.
CREATE INDEX stock_holds_by_listing ON stock_holds (listing_id, status);

-- The guard of a reservation. The batch inserts the hold first and then takes the units with a
-- conditional update (`quantity >= n`); an UPDATE that matches no row is no error in SQLite, so
-- this trigger refuses the hold instead, and the whole batch (order rows included) aborts with
-- "stock: sold out", which the caller answers 409 sold_out (stockConflict in listings/stock.ts).
-- The batch runs alone, so nothing can take the units between this check and the update after it.
CREATE TRIGGER stock_holds_need_stock BEFORE INSERT ON stock_holds
WHEN NOT EXISTS (
  SELECT 1 FROM listings
  WHERE id = NEW.listing_id AND status = 'published' AND quantity >= NEW.quantity
)
BEGIN SELECT RAISE(ABORT, 'stock: sold out'); END;

-- A hold is settled once, held -> released or held -> sold, and nothing else of it changes, so
-- a released hold can never be sold (its units went back) nor released twice.
CREATE TRIGGER stock_holds_settle_once BEFORE UPDATE ON stock_holds
WHEN NOT (
  OLD.status = 'held' AND NEW.status IN ('released', 'sold')
  AND NEW.id = OLD.id AND NEW.listing_id = OLD.listing_id
  AND NEW.holder = OLD.holder AND NEW.quantity = OLD.quantity
)
BEGIN SELECT RAISE(ABORT, 'stock: hold settled'); END;

CREATE TRIGGER stock_holds_no_delete BEFORE DELETE ON stock_holds
BEGIN SELECT RAISE(ABORT, 'stock: holds are kept'); END;

-- The full-text index is rewritten only when something it holds changes: the indexed text, the
-- facets (kind, category, seller, price), the rowid (pub_seq) or the status that moves a listing
-- in or out of it (only `published` listings are indexed: sold out leaves, restock returns).
-- Before this, every stock change re-tokenised the listing. `UPDATE OF` alone is not enough:
-- it fires whenever a column is SET, even to the same value, hence the WHEN.
DROP TRIGGER listings_fts_update;
CREATE TRIGGER listings_fts_update
AFTER UPDATE OF title, description, tags, seller_id, kind, price_cents, category_slug,
  category_root, status, pub_seq ON listings
WHEN OLD.title IS NOT NEW.title
  OR OLD.description IS NOT NEW.description
  OR OLD.tags IS NOT NEW.tags
  OR OLD.seller_id IS NOT NEW.seller_id
  OR OLD.kind IS NOT NEW.kind
  OR OLD.price_cents IS NOT NEW.price_cents
  OR OLD.category_slug IS NOT NEW.category_slug
  OR OLD.category_root IS NOT NEW.category_root
  OR OLD.status IS NOT NEW.status
  OR OLD.pub_seq IS NOT NEW.pub_seq
BEGIN
  DELETE FROM listings_fts WHERE OLD.status = 'published' AND rowid = OLD.pub_seq;
  INSERT INTO listings_fts (rowid, title, description, tags, seller_name, facets)
  SELECT rowid, title, description, tags, seller_name, facets FROM listing_search_rows WHERE id = NEW.id;
END;
