import { DateText } from '../components/DateText'
import { Layout, type PageProps } from '../components/Layout'
import { CsrfField, ErrorSummary, Field, SubmitButton } from '../components/forms'
import type { OwnApplication } from '../components/types'

/** Props of {@link ApplyPage}. */
export type ApplyPageProps = PageProps & {
  values: { statement?: string; portfolio_url?: string }
  errors?: Record<string, string>
  /** True for an active member who may apply now. */
  eligible: boolean
  application?: OwnApplication | null
}

/** Where a member applies to open a stall; explains why not when they cannot yet. */
export function ApplyPage(props: ApplyPageProps) {
  const errors = props.errors ?? {}
  const failed = Object.keys(errors).length > 0
  return (
    <Layout
      title={failed ? 'Error: Apply to sell' : 'Apply to sell'}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="narrow">
        <h1>Apply to sell</h1>
        <ApplyBody {...props} errors={errors} />
      </div>
    </Layout>
  )
}

function ApplyBody(props: ApplyPageProps & { errors: Record<string, string> }) {
  const { application, errors } = props
  if (application?.status === 'pending') {
    return (
      <div class="card">
        <p>
          Thank you: your application from <DateText iso={application.created_at} /> is with the
          co-op. A member will read it and reply on <a href="/account">your account page</a>.
        </p>
      </div>
    )
  }
  if (application?.status === 'approved') {
    return (
      <div class="card">
        <p>
          Your application was approved: you can sell on Fairstall. See{' '}
          <a href="/account">your account</a> for your stall’s next steps.
        </p>
      </div>
    )
  }
  if (!props.eligible) {
    return (
      <div class="card">
        <p>
          Stalls are for members of the co-op, so you need to be an active member before you can
          apply. Membership is one share, bought once and returned if you leave.
        </p>
        <p>
          <a class="button button--primary" href="/account">
            Become a member on your account page
          </a>
        </p>
      </div>
    )
  }
  return (
    <>
      <p class="lede">
        Tell us about what you make. Fairstall is for people selling their own work; a member of the
        co-op reads every application.
      </p>
      {application?.status === 'rejected' && application.note && (
        <div class="decision card">
          <p class="decision__meta">Your last application was not approved, with this note:</p>
          <blockquote class="decision__note">{application.note}</blockquote>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <form class="form card" method="post" action="/sell/apply" novalidate>
        {props.csrfToken !== undefined && <CsrfField token={props.csrfToken} />}
        <Field
          label="About your work"
          name="statement"
          multiline
          value={props.values.statement}
          error={errors.statement}
          hint="20 to 2000 characters. What you make, how you make it, and what you would sell."
          maxLength={2000}
          required
        />
        <Field
          label="Portfolio link"
          name="portfolio_url"
          type="url"
          value={props.values.portfolio_url}
          error={errors.portfolio_url}
          hint="A web address where we can see your work, starting with https://"
          autocomplete="url"
          inputMode="url"
          required
        />
        <SubmitButton>Send application</SubmitButton>
      </form>
    </>
  )
}
