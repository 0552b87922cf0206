import { useEffect, useState } from 'preact/hooks'

import { StatusBadge } from '../components/StatusBadge'
import { orderBadge } from '../components/order/words'
import type { OrderStatus } from '../components/order/types'

/** How long to wait before the n-th look (0-based): 1 s doubling, at most 15 s between looks. */
export function pollDelay(attempt: number): number {
  return Math.min(1000 * 2 ** Math.min(attempt, 10), 15_000)
}

/** Looks this many times (about five minutes) before asking the buyer to come back later. */
export const MAX_POLLS = 25

type Download = { title: string; url: string }
type Answer = { status?: unknown; items?: { title?: unknown; download_url?: unknown }[] }

function downloadsOf(answer: Answer): Download[] {
  return (answer.items ?? []).flatMap((item) =>
    typeof item.download_url === 'string' && typeof item.title === 'string'
      ? [{ title: item.title, url: item.download_url }]
      : [],
  )
}

/**
 * The confirmation after Stripe's Checkout: "confirming your payment" while the order is
 * pending, then, once the payment's webhook has landed, "paid" and the downloads, without a
 * reload. On the server (and without JavaScript) it is the pending text; the page then looks
 * again by itself with a meta refresh instead.
 */
export function OrderStatusWatch(props: { orderId: string; status: OrderStatus }) {
  const [status, setStatus] = useState<OrderStatus>(props.status)
  const [downloads, setDownloads] = useState<Download[]>([])
  const [gaveUp, setGaveUp] = useState(false)
  useEffect(() => {
    if (props.status !== 'pending') return
    let attempt = 0
    let timer: ReturnType<typeof setTimeout>
    const look = async () => {
      try {
        const response = await fetch(`/api/v1/orders/${encodeURIComponent(props.orderId)}`, {
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
        })
        const answer = response.ok ? ((await response.json()) as Answer) : null
        if (answer && typeof answer.status === 'string' && answer.status !== 'pending') {
          setDownloads(downloadsOf(answer))
          setStatus(answer.status as OrderStatus)
          return
        }
      } catch {
        // A dropped connection is one missed look: the next one tries again.
      }
      attempt += 1
      if (attempt >= MAX_POLLS) setGaveUp(true)
      else timer = setTimeout(() => void look(), pollDelay(attempt))
    }
    timer = setTimeout(() => void look(), pollDelay(0))
    return () => clearTimeout(timer)
  }, [props.orderId, props.status])
  const badge = orderBadge(status)
  return (
    <div class="order-watch" role="status" aria-live="polite">
      <p class="order-watch__badge">
        <StatusBadge tone={badge.tone}>{badge.text}</StatusBadge>
      </p>
      {status === 'pending' && (
        <p>
          Thank you: we are confirming your payment with our card processor. This usually takes a
          few seconds, and there is nothing more to pay.
        </p>
      )}
      {status === 'pending' && gaveUp && (
        <p>
          This is taking longer than usual.{' '}
          <a href={`/orders/${props.orderId}?checkout=done`}>Look again</a> in a minute.
        </p>
      )}
      {status === 'paid' && <p>Your payment is confirmed. Thank you for buying on Fairstall.</p>}
      {status === 'cancelled' && <p>This order was cancelled: nothing was charged.</p>}
      {status !== 'pending' && (
        <p>
          <a href={`/orders/${props.orderId}`}>See the whole order</a>
        </p>
      )}
      {downloads.length > 0 && (
        <ul class="order-watch__downloads">
          {downloads.map((download) => (
            <li key={download.url}>
              <a href={download.url}>{`Download ${download.title}`}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
