-- The buyer's cart (functions/cart/). One row per member and listing: adding a listing that is
-- already there changes its quantity, it never makes a second line. Prices are not stored: the
-- cart always shows, and checkout always charges, the listing's price as it is now.

CREATE TABLE cart_items (
  member_id TEXT NOT NULL REFERENCES accounts (id),
  listing_id TEXT NOT NULL REFERENCES listings (id),
  -- 1..100 (MAX_LINE_QUANTITY in functions/cart/limits.ts): a line of 0 is a removed line, and
  -- no one buys more than 100 of one handmade piece through a cart.
  quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100),
  added_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (member_id, listing_id)
) WITHOUT ROWID;

-- A cart holds at most 50 lines (MAX_CART_LINES): the guard that a loop of posts cannot grow
-- one member's cart, and the cart page's one query, without bound. The service says so first;
-- this is what holds under two tabs at once. An upsert of a line already there
-- (a BEFORE INSERT trigger fires for it too) is a change of quantity, never refused here.
CREATE TRIGGER cart_items_at_most_50 BEFORE INSERT ON cart_items
WHEN NOT EXISTS (
  SELECT 1 FROM cart_items WHERE member_id = NEW.member_id AND listing_id = NEW.listing_id
) AND (SELECT count(*) FROM cart_items WHERE member_id = NEW.member_id) >= 50
BEGIN SELECT RAISE(ABORT, 'cart: full'); END;
