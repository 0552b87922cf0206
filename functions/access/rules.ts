/**
 * Who may do what, as pure functions over the viewer (and the resource, where one decides). The
 * JSON API and the pages apply the same rules through their own adapters (api.ts, pages.tsx),
 * so a rule is written once and a route only names it. Loads nothing: the caller passes what
 * the rule needs.
 */
import type { ListingStatus, StaffRole } from '../../schema/tables.ts'
import type { Viewer } from '../app.ts'
import type { ErrorCode } from '../lib/errors.ts'

/** The named rules a route may require: a small closed set with stable names. */
export type Permission =
  'anonymous' | 'signedIn' | 'activeMember' | 'approvedSeller' | 'admin' | 'board' | 'worker'

/**
 * What a route declaration may name: a rule over the viewer, or `listingSeller`, which needs
 * the loaded listing and so is applied by the service (see {@link listingSeller}).
 */
export type RoutePermission = Permission | 'listingSeller'

/** Why a rule said no: what the client is answered (spec/api.md's error shape). */
export interface Denial {
  status: 401 | 403 | 404
  code: ErrorCode
  message: string
}

/** A rule's answer: allowed, or the reason it was not. */
export type Decision = { allowed: true } | { allowed: false; denial: Denial }

const ALLOWED: Decision = { allowed: true }

const deny = (status: Denial['status'], code: ErrorCode, message: string): Decision => ({
  allowed: false,
  denial: { status, code, message },
})

const NOT_SIGNED_IN = deny(401, 'not_signed_in', 'Please sign in first.')

/** A rule over the viewer alone; `null` is a visitor who is not signed in (always 401). */
export type Rule = (viewer: Viewer | null) => Decision

function role(name: StaffRole): Rule {
  return (viewer) => {
    if (!viewer) return NOT_SIGNED_IN
    if (!viewer.roles.includes(name)) {
      return deny(403, 'forbidden', `Only the co-op's ${name}s may do that.`)
    }
    return ALLOWED
  }
}

/** Each named rule. */
export const rules: Record<Permission, Rule> = {
  anonymous: () => ALLOWED,
  signedIn: (viewer) => (viewer ? ALLOWED : NOT_SIGNED_IN),
  activeMember(viewer) {
    if (!viewer) return NOT_SIGNED_IN
    if (viewer.account.membership_status !== 'active') {
      return deny(
        403,
        'membership_required',
        'Only active members may do that: buy your member share first.',
      )
    }
    return ALLOWED
  },
  approvedSeller(viewer) {
    if (!viewer) return NOT_SIGNED_IN
    if (viewer.account.seller_status !== 'approved') {
      return deny(403, 'forbidden', 'Only approved sellers may do that: apply to sell first.')
    }
    return ALLOWED
  },
  admin: role('admin'),
  board: role('board'),
  worker: role('worker'),
}

/** Whether the viewer passes the named rule. */
export function check(permission: Permission, viewer: Viewer | null): Decision {
  return rules[permission](viewer)
}

/** Whether the viewer passes the named rule, as a plain boolean (for what a page shows). */
export function may(permission: Permission, viewer: Viewer | null): boolean {
  return check(permission, viewer).allowed
}

/** What the listing rules need to know of a listing (a row or its API view). */
export interface ListingFacts {
  seller_id: string
  status: ListingStatus
}

/**
 * The viewer is the listing's seller. Someone else's draft does not exist for them (404), and
 * neither does a missing listing; someone else's public listing is 403.
 */
export function listingOwner(viewer: Viewer | null, listing: ListingFacts | undefined): Decision {
  if (!viewer) return NOT_SIGNED_IN
  const own = listing?.seller_id === viewer.account.id
  if (!listing || (!own && listing.status === 'draft')) {
    return deny(404, 'not_found', 'The listing was not found.')
  }
  if (!own) return deny(403, 'forbidden', 'That listing is not yours.')
  return ALLOWED
}

/** The viewer may change the listing: an approved seller, and its seller. */
export function listingSeller(viewer: Viewer | null, listing: ListingFacts | undefined): Decision {
  const seller = rules.approvedSeller(viewer)
  return seller.allowed ? listingOwner(viewer, listing) : seller
}
