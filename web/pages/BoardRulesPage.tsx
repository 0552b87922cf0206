import { Island } from '../components/Island'
import { Layout, type PageProps } from '../components/Layout'
import { formatMoney } from '../components/money'
import type { RulesData, RulesDraft } from '../components/surplus/rules-draft'
import { RulesForm } from '../components/surplus/RulesForm'
import type { PreviewFigures } from '../components/surplus/types'
import { YearNav } from '../components/surplus/YearNav'
import { PoolsTable } from '../components/surplus/PoolsTable'
import { percentText, yearLabel } from '../components/surplus/words'
import { RulesPreview, type RulesPreviewProps } from '../islands/RulesPreview'

/** Props of {@link BoardRulesPage}. */
export type BoardRulesPageProps = PageProps & {
  year: number
  currency: string
  /** The year is approved: its rules are shown, not edited. */
  readOnly: boolean
  /** The stored rules (or the defaults), for the read-only view. */
  rules: RulesData
  isDefault: boolean
  draft: RulesDraft
  errors: Record<string, string>
  /** The preview of the draft, when it could be computed. */
  figures: PreviewFigures | null
  roles: readonly string[]
  bases: readonly string[]
  maxPools: number
}

const FORM_ID = 'rules-form'

/** The year's rules: an editor with a live preview, or, once approved, the rules as they were. */
export function BoardRulesPage(props: BoardRulesPageProps) {
  const label = yearLabel(props.year)
  const preview: RulesPreviewProps = {
    year: props.year,
    formId: FORM_ID,
    currency: props.currency,
    maxPools: props.maxPools,
    figures: props.figures,
    errors: props.errors,
  }
  return (
    <Layout
      title={`${label} rules`}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <YearNav year={props.year} current="rules" />
      <h1>{label} rules</h1>
      {props.readOnly ? (
        <>
          <p>{label} is approved: these are the rules its report was computed with.</p>
          <ReadOnlyRules rules={props.rules} currency={props.currency} />
        </>
      ) : (
        <>
          <p>
            {props.isDefault
              ? 'The board has not set rules for this year: these are the defaults.'
              : 'The rules the board set for this year.'}{' '}
            Preview shows what the rules would give and saves nothing.
          </p>
          <div class="rules-layout">
            <RulesForm
              year={props.year}
              formId={FORM_ID}
              draft={props.draft}
              errors={props.errors}
              csrfToken={props.csrfToken}
              roles={props.roles}
              bases={props.bases}
              maxPools={props.maxPools}
            />
            <Island name="RulesPreview" props={preview}>
              <RulesPreview {...preview} />
            </Island>
          </div>
        </>
      )}
    </Layout>
  )
}

function ReadOnlyRules({ rules, currency }: { rules: RulesData; currency: string }) {
  return (
    <>
      <dl class="board-figures">
        <div>
          <dt>Reserve</dt>
          <dd>{percentText(rules.reserve_bp)}</dd>
        </div>
        <div>
          <dt>Paid in cash</dt>
          <dd>{percentText(rules.cash_bp)}</dd>
        </div>
        <div>
          <dt>Least cash payment</dt>
          <dd>{formatMoney(rules.min_cash_cents, currency)}</dd>
        </div>
        <div>
          <dt>1099-PATR threshold</dt>
          <dd>{formatMoney(rules.reportable_cents, currency)}</dd>
        </div>
      </dl>
      <PoolsTable pools={rules.pools} />
    </>
  )
}
