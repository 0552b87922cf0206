import { DateText } from './DateText'
import { StatusBadge } from './StatusBadge'
import type { OwnApplication } from './types'

/** A seller status as `/me` reports it. */
export type SellerStatus = {
  status: 'none' | 'pending' | 'approved' | 'rejected'
  payouts_ready: boolean
}

const badges = {
  none: { tone: 'neutral', text: 'No stall yet' },
  pending: { tone: 'pending', text: 'Application under review' },
  approved: { tone: 'good', text: 'Approved seller' },
  rejected: { tone: 'bad', text: 'Not approved' },
} as const

/** Where the member stands as a seller, with the way to apply when they may. */
export function SellerCard(props: {
  seller: SellerStatus
  isActiveMember: boolean
  application?: OwnApplication | null
}) {
  const { status, payouts_ready } = props.seller
  const application = props.application
  const canApply = props.isActiveMember && (status === 'none' || status === 'rejected')
  return (
    <section class="card" aria-labelledby="seller-title">
      <div class="card__head">
        <h2 id="seller-title">Selling</h2>
        <StatusBadge tone={badges[status].tone}>{badges[status].text}</StatusBadge>
      </div>
      {status === 'none' && <p>Members who make things can apply to open a stall.</p>}
      {status === 'pending' && (
        <p>
          A member of the co-op will read your application
          {application && (
            <>
              {' '}
              from <DateText iso={application.created_at} />
            </>
          )}{' '}
          and reply here.
        </p>
      )}
      {status === 'approved' && (
        <p>
          {payouts_ready
            ? 'Your payout account is set up: you are paid for each sale.'
            : 'Your payout account is not set up yet: buyers can buy from you once it is.'}
        </p>
      )}
      {status === 'approved' && (
        <p>
          <a class="button button--secondary" href="/sell">
            {payouts_ready ? 'Go to your stall' : 'Set up payouts'}
          </a>
        </p>
      )}
      {application?.decided_at && (
        <div class="decision">
          <p class="decision__meta">
            Decided on <DateText iso={application.decided_at} />
            {application.note ? ', with this note:' : '.'}
          </p>
          {application.note && <blockquote class="decision__note">{application.note}</blockquote>}
        </div>
      )}
      {canApply && (
        <p>
          <a class="button button--secondary" href="/sell/apply">
            Apply to sell
          </a>
        </p>
      )}
      {!props.isActiveMember && status === 'none' && (
        <p class="small">Become a member first, and then you can apply.</p>
      )}
    </section>
  )
}
