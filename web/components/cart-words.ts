/**
 * The words for why a piece cannot be bought, shared by the listing page's buy area and the
 * cart, so a buyer reads the same reason in both places.
 */

/** Why a listing cannot be bought (functions/cart/lines.ts `unbuyableReason`). */
export type UnbuyableReason = 'own' | 'archived' | 'unavailable' | 'sold_out' | 'payouts_not_ready'

/** What the listing's page says instead of the buy buttons. */
export const LISTING_WORDS: Record<UnbuyableReason, string> = {
  own: 'This is your own listing: you cannot buy it.',
  archived: 'This piece is no longer for sale.',
  unavailable: 'This piece is not in the shop.',
  sold_out: 'Sold out: the artist has none left.',
  // Also what the listing tests read: keep the wording in step with them.
  payouts_not_ready: 'This artist is still setting up payouts; you can buy soon.',
}

/** What a cart line says when it cannot be bought now (and checkout leaves it out). */
export const LINE_WORDS: Record<string, string> = {
  own: 'This is your own listing: remove it.',
  archived: 'No longer for sale: checkout leaves it out.',
  unavailable: 'No longer in the shop: checkout leaves it out.',
  sold_out: 'Sold out: checkout leaves it out.',
  payouts_not_ready: 'The artist is still setting up payouts: checkout leaves it out for now.',
  currency: 'Priced in another currency: checkout leaves it out.',
}
