/**
 * Devices: a long-lived, HttpOnly `fairstall_device` cookie holding a random id, so a sign-in
 * from a browser the account has never used can be told apart (and emailed). Only the id's
 * SHA-256 is stored, in `account_devices` and on the session.
 */
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'

import { randomToken, sha256Hex } from '../lib/crypto.ts'
import type { DB } from '../lib/db.ts'

const COOKIE = 'fairstall_device'
/** 400 days: the longest lifetime browsers grant a cookie. */
const MAX_AGE_SECONDS = 400 * 24 * 60 * 60

const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:'

/** The request's device: its cookie's hash, and a fresh id (to set) when it brought none. */
export interface Device {
  hash: string
  /** Set when the request had no (usable) device cookie: the caller sets it with setDevice. */
  fresh: string | null
}

/** The device the request presents, or a new one. */
export async function deviceOf(c: Context): Promise<Device> {
  const presented = getCookie(c, COOKIE, isHttps(c) ? 'host' : undefined)
  if (presented && presented.length >= 16 && presented.length <= 64) {
    return { hash: await sha256Hex(presented), fresh: null }
  }
  const fresh = randomToken(128)
  return { hash: await sha256Hex(fresh), fresh }
}

/** Sets the device cookie when the device is new to this browser. */
export function setDevice(c: Context, device: Device) {
  if (!device.fresh) return
  setCookie(c, COOKIE, device.fresh, {
    path: '/',
    httpOnly: true,
    secure: isHttps(c),
    sameSite: 'Lax',
    maxAge: MAX_AGE_SECONDS,
    prefix: isHttps(c) ? 'host' : undefined,
  })
}

/** Whether the account knows this device, and whether it knows any device at all. */
export async function deviceHistory(db: DB, accountId: string, deviceHash: string) {
  const rows = await db
    .selectFrom('account_devices')
    .select('device_hash')
    .where('account_id', '=', accountId)
    .orderBy((eb) => eb.case().when('device_hash', '=', deviceHash).then(0).else(1).end(), 'asc')
    .limit(1)
    .execute()
  return { known: rows[0]?.device_hash === deviceHash, any: rows.length > 0 }
}

/** The insert that remembers a device for an account (a repeat changes nothing). */
export function rememberDevice(db: DB, accountId: string, deviceHash: string, now: Date) {
  return db
    .insertInto('account_devices')
    .values({ account_id: accountId, device_hash: deviceHash, first_seen_at: now.toISOString() })
    .onConflict((oc) => oc.doNothing())
}
