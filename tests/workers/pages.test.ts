import { describe, expect, it } from 'vitest'

import {
  becomeMember,
  call,
  grantRole,
  me,
  sessionCookie,
  signUp,
  uniqueEmail,
  form,
  csrfIn,
} from './helpers.ts'

describe('pages', () => {
  it.each([
    ['/', 'Fairstall'],
    ['/signup', 'Create an account'],
    ['/signin', 'Sign in'],
  ])('%s renders a whole document with its title', async (path, title) => {
    const response = await call(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    const html = await response.text()
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toMatch(new RegExp(`<title>[^<]*${title}`))
    expect(html).toContain('<main id="main"')
  })

  it('sends signed-out visitors to sign in, and back afterwards', async () => {
    const response = await call('/account')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/signin?next=%2Faccount')
  })

  it('signs up through the plain form, with no JavaScript', async () => {
    const email = uniqueEmail()
    const response = await call(
      '/signup',
      form({ display_name: 'Form Person', email, password: 'long enough password' }),
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/account?welcome=1')
    const account = await call('/account', { as: sessionCookie(response) })
    expect(await account.text()).toContain('Form Person')
  })

  it('shows form errors beside the fields, keeps what was typed, and creates nothing', async () => {
    const email = uniqueEmail()
    const response = await call(
      '/signup',
      form({ display_name: 'Kept Name', email, password: 'short' }),
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('aria-invalid="true"')
    expect(html).toContain('value="Kept Name"')
    expect(html).toContain('at least 10 characters')
    const signIn = await call('/signin', form({ email, password: 'short' }))
    expect(signIn.status).toBe(401)
  })

  it('renders what people type as text, never as markup', async () => {
    const client = await signUp({ display_name: '<script>alert(1)</script>' })
    const html = await (await call('/account', { as: client })).text()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script>alert(1)&lt;/script>')
  })

  it('follows only same-site paths after sign-in', async () => {
    const client = await signUp({ password: 'long enough password' })
    for (const [next, location] of [
      ['/sell/apply', '/sell/apply'],
      ['//evil.example', '/account'],
      ['https://evil.example', '/account'],
    ]) {
      const response = await call(
        '/signin',
        form({ email: client.email, password: 'long enough password', next: next as string }),
      )
      expect(response.headers.get('location')).toBe(location)
    }
  })

  it('keeps the review queue to admins, and lets an admin decide from it', async () => {
    const applicant = await signUp({ display_name: 'Queue Person' })
    await becomeMember(applicant)
    await call('/api/v1/seller-applications', {
      method: 'POST',
      as: applicant,
      json: {
        statement: 'Woodcut prints of the fens and their birds.',
        portfolio_url: 'https://q.example',
      },
    })
    expect((await call('/admin/seller-applications', { as: applicant })).status).toBe(403)

    const admin = await signUp()
    await grantRole(admin, 'admin')
    const queue = await (await call('/admin/seller-applications', { as: admin })).text()
    expect(queue).toContain('Queue Person')
    const id = /\/admin\/seller-applications\/([^/"]+)\/decision/.exec(queue)?.[1] ?? ''
    const token = csrfIn(queue)
    const decided = await call(`/admin/seller-applications/${id}/decision`, {
      ...form({ _csrf: token, decision: 'approve', note: '' }),
      as: admin,
    })
    expect(decided.status).toBe(303)
    expect((await me(applicant)).seller.status).toBe('approved')
  })

  it('answers a missing page with a 404 page', async () => {
    const response = await call('/no/such/page')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('Page not found')
  })
})
