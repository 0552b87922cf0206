/**
 * Members' choice of optional email, and one-click unsubscribe. Each optional email carries its
 * own random token, of which only the SHA-256 is stored (in its `emails` row): the token names
 * the member, so no secret key is needed and a forged or mistyped token matches nothing.
 */
import { z } from 'zod'

import type { Bindings } from '../app.ts'
import { sha256Hex } from '../lib/crypto.ts'
import { atomically, database } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import { findByUnsubscribeHash, preferencesOf, setPreference } from './repository.ts'
import { EMAIL_CATEGORIES, type EmailCategory, type EmailKind, OPTIONAL_KINDS } from './types.ts'

/** A member's choices: true means they get that category. */
export const preferencesSchema = z.strictObject({
  orders: z.boolean().describe('Your orders: paid, shipped, refunded.'),
  sales: z.boolean().describe('Your sales: a buyer paid, with the address to ship to.'),
  coop: z.boolean().describe('The co-op: your yearly patronage statement.'),
})
export type Preferences = z.output<typeof preferencesSchema>

/** What each category means, in the words the settings page uses. */
export const CATEGORY_LABELS: Record<EmailCategory, string> = {
  orders: 'My orders: paid, shipped, refunded',
  sales: 'My sales: a buyer paid, with the address to ship to',
  coop: 'The co-op: my yearly patronage statement',
}

/** The member's current choices (every category on until they switch it off). */
export function readPreferences(env: Bindings, accountId: string): Promise<Preferences> {
  return preferencesOf(database(env.DB), accountId)
}

/** Saves all three choices at once. */
export async function savePreferences(
  env: Bindings,
  accountId: string,
  choices: Preferences,
  now: Date,
): Promise<Preferences> {
  const db = database(env.DB)
  await atomically(
    env.DB,
    EMAIL_CATEGORIES.map((category) =>
      setPreference(db, accountId, category, choices[category], now),
    ),
  )
  return choices
}

/** The category `c` names, else the one of the email the token came in. */
function categoryOf(c: string | undefined, kind: string): EmailCategory | undefined {
  if (c && (EMAIL_CATEGORIES as readonly string[]).includes(c)) return c as EmailCategory
  return OPTIONAL_KINDS[kind as EmailKind]
}

const invalidLink = () =>
  new AppError(
    400,
    'invalid_token',
    'This unsubscribe link is not valid. Nothing was changed. You can choose which emails you get in your account settings.',
  )

/** The member and category an unsubscribe link stands for; 400 for a link that is not ours. */
export async function unsubscribeTarget(env: Bindings, token: string, c: string | undefined) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw invalidLink()
  const found = await findByUnsubscribeHash(database(env.DB), await sha256Hex(token))
  const category = found && categoryOf(c, found.kind)
  if (!found?.account_id || !category) throw invalidLink()
  return { accountId: found.account_id, category }
}

/** Switches the link's category off; doing it twice changes nothing more. */
export async function unsubscribe(env: Bindings, token: string, c: string | undefined, now: Date) {
  const target = await unsubscribeTarget(env, token, c)
  await setPreference(database(env.DB), target.accountId, target.category, false, now).execute()
  return target
}
