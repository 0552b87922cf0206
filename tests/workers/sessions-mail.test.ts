import { describe, expect, it } from 'vitest'

import { SIGN_IN_LIMITS } from '../../functions/accounts/service.ts'
import { type Client, ORIGIN, call, sessionCookie, signUp, uniqueEmail } from './helpers.ts'
import { linksOf, mailTo, runEmailJobs } from './mail-helpers.ts'

const PASSWORD = 'correct-horse-battery'
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'

/** The `name=value` of the device cookie a response set, or null. */
function deviceCookie(response: Response): string | null {
  return /(fairstall_device=[^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? null
}

/** Signs in from a browser holding `cookies` (a device cookie, or none). */
function signIn(client: Pick<Client, 'email'>, cookies = '', password = PASSWORD) {
  return call('/api/v1/session', {
    method: 'POST',
    json: { email: client.email, password },
    headers: { 'user-agent': FIREFOX_LINUX, ...(cookies ? { cookie: cookies } : {}) },
  })
}

async function signUpKeepingDevice() {
  const email = uniqueEmail('device')
  const response = await call('/api/v1/accounts', {
    method: 'POST',
    json: { email, password: PASSWORD, display_name: 'Dee Vice' },
  })
  expect(response.status).toBe(201)
  return { email, session: sessionCookie(response), device: deviceCookie(response)! }
}

const OURS = ['A new sign-in to your account', 'Sign-in to your account is paused']

/** The sign-in emails sent to `address` (sign-up's own "confirm your address" left out). */
const signInMail = async (address: string) =>
  (await mailTo(address)).filter((m) => OURS.includes(m.subject ?? ''))

const subjects = async (address: string) => (await signInMail(address)).map((m) => m.subject)

describe('a sign-in from a new device', () => {
  it('is emailed once to the owner, with the client and a link to the sessions page', async () => {
    const dee = await signUpKeepingDevice()
    expect(dee.device).toMatch(/^fairstall_device=.{16,}/)

    const first = await signIn(dee)
    expect(first.status).toBe(200)
    const newDevice = deviceCookie(first)
    expect(newDevice).not.toBeNull()
    expect(newDevice).not.toBe(dee.device)
    await runEmailJobs()
    const mail = await signInMail(dee.email)
    expect(mail.map((m) => m.subject)).toEqual(['A new sign-in to your account'])
    expect(mail[0]!.text).toContain('Firefox on Linux')
    expect(linksOf(mail[0]!)).toContain(`${ORIGIN}/account/settings/sessions`)

    // The same new device again (after signing out, say): known now, so no second email.
    const again = await signIn(dee, newDevice!)
    expect(again.status).toBe(200)
    expect(deviceCookie(again)).toBeNull()
    await runEmailJobs()
    expect(await subjects(dee.email)).toHaveLength(1)
  })

  it('is not emailed for the browser the account signed up on', async () => {
    const dee = await signUpKeepingDevice()
    expect((await signIn(dee, dee.device)).status).toBe(200)
    expect((await signIn(dee, `${dee.session}; ${dee.device}`)).status).toBe(200)
    await runEmailJobs()
    expect(await signInMail(dee.email)).toEqual([])
  })

  it('is not emailed on a wrong password', async () => {
    const dee = await signUpKeepingDevice()
    expect((await signIn(dee, '', 'not the password at all')).status).toBe(401)
    await runEmailJobs()
    expect(await signInMail(dee.email)).toEqual([])
  })
})

describe('a sign-in lockout', () => {
  const tryAll = async (email: string, times: number) => {
    const statuses: number[] = []
    for (let i = 0; i < times; i++) {
      statuses.push((await signIn({ email }, '', `wrong guess ${i}`)).status)
    }
    return statuses
  }

  it('is emailed once to the owner when the limit is first hit, with a reset link', async () => {
    const ann = await signUp()
    const statuses = await tryAll(ann.email, SIGN_IN_LIMITS.perEmail + 3)
    expect(statuses.slice(0, SIGN_IN_LIMITS.perEmail).every((s) => s === 401)).toBe(true)
    expect(statuses.slice(SIGN_IN_LIMITS.perEmail).every((s) => s === 429)).toBe(true)
    await runEmailJobs()
    const mail = await signInMail(ann.email)
    expect(mail.map((m) => m.subject)).toEqual(['Sign-in to your account is paused'])
    expect(mail[0]!.text).toMatch(/paused until .+ UTC/)
    expect(linksOf(mail[0]!)).toContain(`${ORIGIN}/forgot-password`)
  })

  it('answers an unknown address with the same 429, and emails nobody', async () => {
    const ghost = uniqueEmail('ghost')
    const ann = await signUp()
    await tryAll(ann.email, SIGN_IN_LIMITS.perEmail)
    await tryAll(ghost, SIGN_IN_LIMITS.perEmail)
    const known = await signIn({ email: ann.email }, '', 'wrong again')
    const unknown = await signIn({ email: ghost }, '', 'wrong again')
    expect(unknown.status).toBe(429)
    expect(known.status).toBe(429)
    expect(await unknown.json()).toEqual(await known.json())
    await runEmailJobs()
    expect(await mailTo(ghost)).toEqual([])
    expect(await subjects(ann.email)).toEqual(['Sign-in to your account is paused'])
  })
})
