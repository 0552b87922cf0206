import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { type Client, call, csrfOf, form, sessionCookie, signUp, uniqueEmail } from './helpers.ts'
import { deliverMailTo, linksTo, newestTokenIn } from './verify-helpers.ts'

const PASSWORD = 'correct-horse-battery'
const NEW_PASSWORD = 'lantern orchard quietly 42 tide'

const askChange = (client: Client, email: string, current_password = PASSWORD) =>
  call('/api/v1/me/email', { method: 'POST', as: client, json: { email, current_password } })

const confirm = (token: string) => call(`/api/v1/email-verifications/${token}`, { method: 'POST' })

async function emailOf(client: Client) {
  return (await (await call('/api/v1/me', { as: client })).json<{ email: string }>()).email
}

describe('changing the address', () => {
  it('links the new address and tells the old one; the change waits for the link', async () => {
    const client = await signUp()
    const oldMail = (await deliverMailTo(client.email)).length
    const next = uniqueEmail('moved')
    const asked = await askChange(client, next)
    expect(asked.status).toBe(202)
    expect(await asked.json()).toMatchObject({ pending_email: next })
    expect(await emailOf(client)).toBe(client.email)

    const toOld = await deliverMailTo(client.email)
    expect(toOld).toHaveLength(oldMail + 1)
    expect(toOld.at(-1)?.text).toContain(next)
    expect(await linksTo(next, '/confirm-email/')).toHaveLength(1)

    const confirmed = await confirm(await newestTokenIn(next, '/confirm-email/'))
    expect(confirmed.status).toBe(200)
    expect(await confirmed.json()).toMatchObject({ email: next, changed: true })
    expect(await emailOf(client)).toBe(next)
    const signedIn = await call('/api/v1/session', {
      method: 'POST',
      json: { email: next, password: PASSWORD },
    })
    expect(signedIn.status).toBe(200)
  })

  it('refuses a wrong current password and the same address with 400, sending nothing', async () => {
    const client = await signUp()
    const next = uniqueEmail('moved')
    const wrong = await askChange(client, next, 'not my password at all')
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({
      error: { fields: { current_password: expect.any(String) } },
    })
    const same = await askChange(client, client.email)
    expect(same.status).toBe(400)
    expect(await deliverMailTo(next)).toHaveLength(0)
  })

  it('answers 409 for a taken address without saying whose, and sends nothing', async () => {
    const [client, owner] = await Promise.all([signUp(), signUp({ display_name: 'Olga Owner' })])
    const taken = await askChange(client, owner.email.toUpperCase())
    expect(taken.status).toBe(409)
    const body = await taken.json<{ error: { code: string; message: string } }>()
    expect(body.error.code).toBe('email_taken')
    expect(JSON.stringify(body)).not.toMatch(/Olga|acct_/)
    expect(await linksTo(owner.email, '/confirm-email/')).toHaveLength(1)
  })

  it('answers 409 at the link when the address was taken meanwhile, changing nothing', async () => {
    const client = await signUp()
    const next = uniqueEmail('contested')
    expect((await askChange(client, next)).status).toBe(202)
    const token = await newestTokenIn(next, '/confirm-email/')
    await signUp({ email: next })
    const late = await confirm(token)
    expect(late.status).toBe(409)
    expect(await late.json()).toMatchObject({ error: { code: 'email_taken' } })
    expect(await emailOf(client)).toBe(client.email)
  })

  it('keeps only the newest link working, and refuses a used or forged one', async () => {
    const client = await signUp()
    const [first, second] = [uniqueEmail('one'), uniqueEmail('two')]
    expect((await askChange(client, first)).status).toBe(202)
    expect((await askChange(client, second)).status).toBe(202)
    expect((await confirm(await newestTokenIn(first, '/confirm-email/'))).status).toBe(400)
    const token = await newestTokenIn(second, '/confirm-email/')
    expect((await confirm(`${token}x`)).status).toBe(400)
    expect((await confirm(token)).status).toBe(200)
    expect((await confirm(token)).status).toBe(400)
    expect(await emailOf(client)).toBe(second)
  })

  it('is rate limited per account (429)', async () => {
    const client = await signUp()
    for (let i = 0; i < 5; i++) expect((await askChange(client, uniqueEmail())).status).toBe(202)
    expect((await askChange(client, uniqueEmail())).status).toBe(429)
  })

  it('works from the settings page without JavaScript', async () => {
    const client = await signUp()
    const next = uniqueEmail('paged')
    const _csrf = await csrfOf('/account/settings/email', client)
    const wrong = await call('/account/settings/email', {
      ...form({ _csrf, email: next, current_password: 'wrong password here' }),
      as: client,
    })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('not your current password')
    const sent = await call('/account/settings/email', {
      ...form({ _csrf, email: next, current_password: PASSWORD }),
      as: client,
    })
    expect(sent.status).toBe(303)
    expect(await linksTo(next, '/confirm-email/')).toHaveLength(1)
  })
})

describe('changing the password', () => {
  const change = (client: Client | string, current_password: string, password: string) =>
    call('/api/v1/me/password', { method: 'PUT', as: client, json: { current_password, password } })

  it('changes it and ends the other sessions, keeping this one', async () => {
    const client = await signUp()
    const signIn = (password: string) =>
      call('/api/v1/session', { method: 'POST', json: { email: client.email, password } })
    const other = sessionCookie(await signIn(PASSWORD))
    expect((await change(client, PASSWORD, NEW_PASSWORD)).status).toBe(204)
    expect((await call('/api/v1/me', { as: client })).status).toBe(200)
    expect((await call('/api/v1/me', { as: other })).status).toBe(401)
    expect((await signIn(PASSWORD)).status).toBe(401)
    expect((await signIn(NEW_PASSWORD)).status).toBe(200)
  })

  it('refuses a wrong current password or a weak new one with 400, changing nothing', async () => {
    const client = await signUp()
    const before = await env.DB.prepare('SELECT password_hash FROM accounts WHERE id = ?')
      .bind(client.id)
      .first<{ password_hash: string }>()
    const wrong = await change(client, 'not my password at all', NEW_PASSWORD)
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({
      error: { fields: { current_password: expect.any(String) } },
    })
    const weak = await change(client, PASSWORD, 'password1234')
    expect(weak.status).toBe(400)
    expect(await weak.json()).toMatchObject({
      error: { fields: { password: expect.stringMatching(/easy to guess/) } },
    })
    const after = await env.DB.prepare('SELECT password_hash FROM accounts WHERE id = ?')
      .bind(client.id)
      .first<{ password_hash: string }>()
    expect(after).toEqual(before)
    expect((await call('/api/v1/me/password', { method: 'PUT', json: {} })).status).toBe(401)
  })

  it('works from the settings page without JavaScript', async () => {
    const client = await signUp()
    const _csrf = await csrfOf('/account/settings/password', client)
    const done = await call('/account/settings/password', {
      ...form({ _csrf, current_password: PASSWORD, password: NEW_PASSWORD }),
      as: client,
    })
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe('/account/settings/password?changed=1')
  })
})
