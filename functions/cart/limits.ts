/** The cart's limits, restated by the CHECK and the trigger of schema/migrations/0008_cart.sql. */

/** Most units of one listing in one line. Above it a form is refused (400), not clamped. */
export const MAX_LINE_QUANTITY = 100

/** Most lines in one member's cart. */
export const MAX_CART_LINES = 50
