import fc from 'fast-check'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

import { MIN_PASSWORD_SCORE, checkPasswordStrength } from '../../functions/accounts/strength.ts'
import { call, form, signUp, uniqueEmail } from './helpers.ts'

const me = ['Ada Lovelace', 'ada.lovelace@example.org']

describe('password strength', () => {
  it('refuses a short, guessable password with advice in words', () => {
    const result = checkPasswordStrength('abc12345', me)
    expect(result.ok).toBe(false)
    expect(result.score).toBeLessThan(MIN_PASSWORD_SCORE)
    expect(result.message).toMatch(/^This password is too easy to guess\. \S/)
  })

  it('refuses common passwords, even long ones and with capitals or digits', () => {
    for (const common of [
      'password123',
      'Password1234',
      'qwertyuiop',
      'iloveyou12',
      '1234567890',
    ]) {
      const result = checkPasswordStrength(common, me)
      expect(result, common).toMatchObject({ ok: false })
      expect(result.message.length, common).toBeGreaterThan(40)
    }
  })

  it('refuses a password that contains the member’s name or email, and says so', () => {
    for (const personal of [
      'lovelace-rocks-1815',
      'AdaLovelace!2024',
      'ada.lovelace@example.org',
    ]) {
      const result = checkPasswordStrength(personal, me)
      expect(result.ok, personal).toBe(false)
      expect(result.message, personal).toContain('It contains your name or email address.')
    }
  })

  it('accepts a good passphrase, with no message', () => {
    const result = checkPasswordStrength('violet kettle drums at dawn', me)
    expect(result).toEqual({ ok: true, score: expect.any(Number), message: '' })
    expect(result.score).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE)
  })

  it('refuses exactly the passwords scoring below 3, and every refusal has advice', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 24 }), (password) => {
        const result = checkPasswordStrength(password, [])
        expect(result.ok).toBe(result.score >= MIN_PASSWORD_SCORE)
        if (!result.ok) expect(result.message).toMatch(/too easy to guess\. \S/)
        else expect(result.message).toBe('')
      }),
      { numRuns: 50 },
    )
  }, 30_000)
})

describe('sign-up', () => {
  const accounts = async () =>
    (await env.DB.prepare('SELECT count(*) AS n FROM accounts').first<{ n: number }>())!.n

  it('refuses a weak password over the API with 400 on the password field, creating nothing', async () => {
    const before = await accounts()
    const response = await call('/api/v1/accounts', {
      method: 'POST',
      json: { email: uniqueEmail(), password: 'password123', display_name: 'Weak Will' },
    })
    expect(response.status).toBe(400)
    const body = await response.json<{ error: { code: string; fields: Record<string, string> } }>()
    expect(body.error.code).toBe('invalid_input')
    expect(body.error.fields.password).toMatch(/too easy to guess\. \S/)
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(await accounts()).toBe(before)
  })

  it('refuses a password with the member’s own name, the same whether or not the email is taken', async () => {
    const fields = { password: 'wilhelmina-2024', display_name: 'Wilhelmina Stone' }
    const taken = await signUp()
    for (const email of [uniqueEmail(), taken.email]) {
      const response = await call('/api/v1/accounts', {
        method: 'POST',
        json: { email, ...fields },
      })
      expect(response.status, email).toBe(400)
      const body = await response.json<{ error: { fields: Record<string, string> } }>()
      expect(body.error.fields.password).toContain('It contains your name or email address.')
    }
  })

  it('shows the advice beside the password field on the sign-up page, keeping what was typed', async () => {
    const email = uniqueEmail()
    const response = await call(
      '/signup',
      form({ email, password: 'qwertyuiop', display_name: 'Form Filler' }),
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('This password is too easy to guess.')
    expect(html).toContain(`value="${email}"`)
    expect(html).not.toContain('value="qwertyuiop"')
  })
})
