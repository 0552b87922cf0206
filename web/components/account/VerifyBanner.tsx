import { PostButton } from '../PostButton'

/**
 * Shown to a member whose address is not confirmed yet: what it holds back, and a form that
 * sends the link again (a plain POST, so it works without JavaScript).
 */
export function VerifyBanner(props: { email: string; csrfToken?: string }) {
  return (
    <section class="card verify-banner" aria-labelledby="verify-title">
      <h2 id="verify-title">Confirm your email address</h2>
      <p>
        We sent a link to <strong>{props.email}</strong>. Until you follow it you can browse and buy
        your member share, but not check out or apply to sell.
      </p>
      <PostButton action="/account/email-verification" csrfToken={props.csrfToken}>
        Send the link again
      </PostButton>
    </section>
  )
}
