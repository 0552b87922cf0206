/**
 * Fixed-window rate limits kept in D1. One upsert per check both counts the attempt and reads
 * the count, so concurrent attempts cannot slip past each other.
 */
import { AppError } from './errors.ts'

export interface Limit {
  /** What is limited, e.g. `signin:email:ann@example.com`. */
  key: string
  /** Attempts allowed per window. */
  max: number
  windowSeconds: number
}

const COUNT_ATTEMPT = `
  INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
    window_start = excluded.window_start
  RETURNING count`

/**
 * Counts one attempt against each limit and throws 429 (with Retry-After seconds in the
 * message) when any of them is over.
 */
export async function enforceLimits(d1: D1Database, limits: Limit[], now: Date): Promise<void> {
  const seconds = Math.floor(now.getTime() / 1000)
  const results = await d1.batch<{ count: number }>(
    limits.map((l) => d1.prepare(COUNT_ATTEMPT).bind(l.key, seconds - (seconds % l.windowSeconds))),
  )
  limits.forEach((limit, i) => {
    const count = results[i]?.results[0]?.count ?? 0
    if (count > limit.max) {
      const retryAfter = limit.windowSeconds - (seconds % limit.windowSeconds)
      throw new RateLimited(retryAfter, limit, count)
    }
  })
}

/**
 * A 429 that also tells the client when to try again, and the caller which limit tripped at
 * which count (count = max + 1 is the attempt that first hit it in this window).
 */
export class RateLimited extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    readonly limit?: Limit,
    readonly count?: number,
  ) {
    super(
      429,
      'rate_limited',
      `Too many attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
    )
  }
}
