import { useEffect, useState } from 'preact/hooks'

/**
 * The header's link to the cart. On the server it is a plain "Cart" link (no query on every
 * page); once hydrated it asks `/api/v1/cart/count` and shows how many pieces the cart holds.
 */
export function CartLink() {
  const [count, setCount] = useState<number | null>(null)
  useEffect(() => {
    fetch('/api/v1/cart/count', {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
      .then((response) => (response.ok ? (response.json() as Promise<{ count?: unknown }>) : null))
      .then((body) => {
        if (typeof body?.count === 'number') setCount(body.count)
      })
      // The plain link still works; a failed count is not worth a message.
      .catch(() => undefined)
  }, [])
  return (
    <a class="cart-link" href="/cart">
      Cart
      {count !== null && count > 0 && (
        <span class="cart-link__count">
          {' '}
          {count}
          <span class="visually-hidden"> {count === 1 ? 'piece' : 'pieces'}</span>
        </span>
      )}
    </a>
  )
}
