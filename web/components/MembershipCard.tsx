import { formatMoney } from './money'
import { DateText } from './DateText'
import { CsrfField, Field, SubmitButton } from './forms'
import { StatusBadge } from './StatusBadge'

/** A membership as `/me` reports it. */
export type Membership = {
  status: 'none' | 'pending' | 'active' | 'withdrawn'
  since: string | null
}

/** What the card shows beyond the status: a paid share being confirmed, a withdrawal waiting. */
export type MembershipExtras = {
  confirming: boolean
  withdrawal: { status: 'pending'; requested_at: string } | null
}

const badges = {
  none: { tone: 'neutral', text: 'Not a member yet' },
  pending: { tone: 'pending', text: 'Payment being confirmed' },
  active: { tone: 'good', text: 'Active member' },
  withdrawn: { tone: 'neutral', text: 'Withdrawn' },
} as const

/**
 * The member's stake in the co-op, and the way to buy the share when they hold none. While a
 * paid share is being confirmed it offers no second payment, only a way to look again.
 */
export function MembershipCard(props: {
  membership: Membership
  shareCents: number
  currency: string
  csrfToken?: string
  extras?: MembershipExtras | undefined
}) {
  const { status, since } = props.membership
  const share = formatMoney(props.shareCents, props.currency)
  const confirming = status === 'pending' && props.extras?.confirming === true
  const withdrawal = props.extras?.withdrawal ?? null
  return (
    <section class="card" aria-labelledby="membership-title">
      <div class="card__head">
        <h2 id="membership-title">Membership</h2>
        <StatusBadge tone={badges[status].tone}>{badges[status].text}</StatusBadge>
      </div>
      {status === 'active' && (
        <p>
          You are a member-owner of Fairstall
          {since && (
            <>
              {' '}
              since <DateText iso={since} />
            </>
          )}
          . Your sales and purchases count toward your part of each year’s surplus.
        </p>
      )}
      {confirming && (
        <>
          <p role="status">
            Thank you: your payment went through, and we are confirming it with our card processor.
            This usually takes a few seconds. There is nothing more to pay.
          </p>
          <p>
            <a href="/account?share=paid">Refresh</a> to see your membership once it is confirmed.
          </p>
          {/* Looks again by itself, without JavaScript; the link above does the same by hand. */}
          <meta http-equiv="refresh" content="5;url=/account?share=paid" />
        </>
      )}
      {status === 'pending' && !confirming && (
        <p>
          We are waiting for your payment. If you left the checkout before paying, you can try again
          below.
        </p>
      )}
      {status === 'active' && withdrawal && (
        <p role="status">
          You asked to withdraw on <DateText iso={withdrawal.requested_at} />. An admin will record
          it; your share is then repaid to you under the bylaws.
        </p>
      )}
      {status === 'active' && !withdrawal && props.csrfToken !== undefined && (
        <details class="membership__withdraw">
          <summary>Leave the co-op</summary>
          <p>
            Withdrawing ends your membership on the day an admin records it. Your member share of{' '}
            {share} is then repaid to you under the bylaws, and you may join again later.
          </p>
          <form method="post" action="/account/withdrawal" class="form">
            <CsrfField token={props.csrfToken} />
            <Field
              label="Why are you leaving?"
              name="reason"
              hint="Only the admins read it."
              multiline
              maxLength={1000}
            />
            <SubmitButton variant="secondary">Ask to withdraw</SubmitButton>
          </form>
        </details>
      )}
      {status === 'withdrawn' && (
        <p>
          You have withdrawn from the co-op
          {since && (
            <>
              {' '}
              (a member from <DateText iso={since} />)
            </>
          )}
          . You are welcome back whenever you like.
        </p>
      )}
      {status !== 'active' && !confirming && (
        <>
          <p>
            Membership means buying one member share of {share}. It is capital you hold in the
            co-op, not a fee: under the bylaws it is paid back to you if you withdraw. Members own
            Fairstall together and share its surplus by patronage.
          </p>
          <form method="post" action="/account/membership" class="inline-form">
            {props.csrfToken !== undefined && <CsrfField token={props.csrfToken} />}
            <SubmitButton>{`Buy my member share — ${share}`}</SubmitButton>
          </form>
          <p class="small">
            You will pay on Stripe’s secure checkout page and then come back here.
          </p>
        </>
      )}
    </section>
  )
}
