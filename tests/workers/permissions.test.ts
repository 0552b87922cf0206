/**
 * The permission rules (functions/access/rules.ts) as plain functions over generated viewers:
 * who each named rule lets through, and the status and code it answers everyone else with.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { Viewer } from '../../functions/app.ts'
import {
  type Permission,
  check,
  listingOwner,
  listingSeller,
  rules,
} from '../../functions/access/rules.ts'
import type { AccountRow, ListingStatus, StaffRole } from '../../schema/tables.ts'

const viewerArb = fc
  .record({
    id: fc.constantFrom('acc_a', 'acc_b'),
    membership: fc.constantFrom('none', 'pending', 'active', 'withdrawn'),
    seller: fc.constantFrom('none', 'pending', 'approved', 'rejected'),
    roles: fc.subarray<StaffRole>(['admin', 'board', 'worker']),
  })
  .map(({ id, membership, seller, roles }): Viewer => ({
    account: {
      id,
      membership_status: membership,
      seller_status: seller,
    } as unknown as AccountRow,
    roles,
    tokenHash: 'hash',
    csrfToken: 'csrf',
  }))

const listingArb = fc.option(
  fc.record({
    seller_id: fc.constantFrom('acc_a', 'acc_b'),
    status: fc.constantFrom<ListingStatus>('draft', 'published', 'archived', 'sold_out'),
  }),
  { nil: undefined },
)

const names = Object.keys(rules) as Permission[]

describe('permission rules', () => {
  it('answer a visitor who is not signed in with 401 not_signed_in, every one of them', () => {
    for (const name of names.filter((n) => n !== 'anonymous')) {
      const decision = check(name, null)
      expect(decision.allowed, name).toBe(false)
      if (!decision.allowed)
        expect(decision.denial).toMatchObject({ status: 401, code: 'not_signed_in' })
    }
    expect(listingSeller(null, undefined)).toMatchObject({ denial: { status: 401 } })
    expect(check('anonymous', null).allowed).toBe(true)
  })

  it('let a signed-in viewer through exactly when their account or roles say so', () => {
    fc.assert(
      fc.property(viewerArb, (viewer) => {
        const expected: Record<Permission, boolean> = {
          anonymous: true,
          signedIn: true,
          activeMember: viewer.account.membership_status === 'active',
          approvedSeller: viewer.account.seller_status === 'approved',
          admin: viewer.roles.includes('admin'),
          board: viewer.roles.includes('board'),
          worker: viewer.roles.includes('worker'),
        }
        for (const name of names) {
          const decision = check(name, viewer)
          expect(decision.allowed, name).toBe(expected[name])
          if (!decision.allowed) {
            const code = name === 'activeMember' ? 'membership_required' : 'forbidden'
            expect(decision.denial).toMatchObject({ status: 403, code })
          }
        }
      }),
    )
  })

  it('let only an approved seller change their own listing; others’ drafts are 404', () => {
    fc.assert(
      fc.property(viewerArb, listingArb, (viewer, listing) => {
        const own = listing?.seller_id === viewer.account.id
        const approved = viewer.account.seller_status === 'approved'
        const hidden = !listing || (!own && listing.status === 'draft')
        const decision = listingSeller(viewer, listing)
        const owner = listingOwner(viewer, listing)
        expect(owner.allowed).toBe(own)
        expect(decision.allowed).toBe(approved && own)
        if (decision.allowed) return
        const status = !approved ? 403 : hidden ? 404 : 403
        expect(decision.denial.status).toBe(status)
        if (approved && !hidden) expect(decision.denial.message).toBe('That listing is not yours.')
      }),
    )
  })
})
