/**
 * The rules editor, `/board/years/:year/rules`. Without JavaScript the form posts here:
 * `intent=preview` re-renders with the preview's figures and the field errors and saves nothing;
 * `intent=save` saves valid rules and goes to the report, or re-renders with every error beside
 * its field. Shares are typed as percentages with two decimals and converted exactly to basis
 * points (web/components/surplus/rules-draft.ts, shared with the RulesPreview island); the
 * rules are then checked by the API's own schema (rules.ts), so form and API cannot disagree.
 */
import type { Context } from 'hono'
import { z } from 'zod'

import {
  draftFromFields,
  draftFromRules,
  formErrors,
  type RulesDraft,
  rulesFromDraft,
} from '../../../web/components/surplus/rules-draft.ts'
import { previewFigures } from '../../../web/components/surplus/types.ts'
import { yearLabel } from '../../../web/components/surplus/words.ts'
import type { Flash } from '../../../web/components/types.ts'
import { BoardRulesPage } from '../../../web/pages/BoardRulesPage.tsx'
import type { AppEnv } from '../../app.ts'
import { currency } from '../../lib/config.ts'
import { database } from '../../lib/db.ts'
import { fieldsFromIssues } from '../../lib/validate.ts'
import type { PageRouter } from '../../pages/declare.ts'
import { html, pageBase } from '../../pages/render.tsx'
import { BASES, MAX_POOLS, ROLES, type SurplusRules, surplusRules } from '../rules.ts'
import { saveRules, yearReport, yearRules, yearStatus } from '../service.ts'
import { boardPage, clock, yearOf } from './common.ts'

/**
 * The editor's fields: `reserve_pct`, `cash_pct`, `min_cash`, `reportable`, `intent` and
 * `pools.N.{name,role,basis,share_pct,remove}`; their meaning is rules-draft.ts's to read.
 */
const rulesFormFields = z.record(z.string().max(40), z.string().max(500))

/** What the page shows besides the stored rules. */
type Shown = {
  draft?: RulesDraft
  errors?: Record<string, string>
  /** The draft's valid rules, previewed; undefined previews the stored rules. */
  preview?: SurplusRules | null
  flash?: Flash
}

async function rulesPage(c: Context<AppEnv>, year: number, shown: Shown, status?: 400 | 409) {
  const db = database(c.env.DB)
  const now = clock()
  const money = currency(c.env)
  const [{ rules, is_default }, state] = await Promise.all([
    yearRules(db, c.env, year),
    yearStatus(db, c.env, year, now),
  ])
  const readOnly = state === 'approved'
  const preview = shown.preview === undefined ? rules : shown.preview
  const figures =
    preview && !readOnly ? previewFigures(await yearReport(db, c.env, year, now, preview)) : null
  const page = (
    <BoardRulesPage
      {...pageBase(c)}
      flash={shown.flash}
      year={year}
      currency={money}
      readOnly={readOnly}
      rules={rules}
      isDefault={is_default}
      draft={shown.draft ?? draftFromRules(rules, money)}
      errors={shown.errors ?? {}}
      figures={figures}
      roles={ROLES}
      bases={BASES}
      maxPools={MAX_POOLS}
    />
  )
  return html(c, page, status)
}

/** Mounts the rules editor's routes on the board's page router. */
export function mountRulesPages(router: PageRouter) {
  const path = '/board/years/:year/rules'
  router.page(
    { ...boardPage, method: 'get', csrf: 'none', path, summary: "A year's rules, editable." },
    async (c) => rulesPage(c, yearOf(c), {}),
  )

  router.page(
    {
      ...boardPage,
      method: 'post',
      csrf: 'token',
      form: rulesFormFields,
      path,
      summary: 'Previews (`intent=preview`) or saves (`intent=save`) the rules of a year.',
    },
    async (c, { viewer, form }) => {
      const year = yearOf(c)
      const db = database(c.env.DB)
      const now = clock()
      if ((await yearStatus(db, c.env, year, now)) === 'approved') {
        const message = `${yearLabel(year)} is approved: its rules cannot change.`
        return rulesPage(c, year, { flash: { kind: 'error', message } }, 409)
      }
      const draft = draftFromFields(form.raw, MAX_POOLS)
      const { rules, errors: own } = rulesFromDraft(draft, currency(c.env))
      const parsed = surplusRules.safeParse(rules)
      const errors = formErrors(parsed.success ? {} : fieldsFromIssues(parsed.error.issues), own)
      const valid = parsed.success && Object.keys(errors).length === 0 ? parsed.data : null
      if (form.raw.intent === 'save' && valid) {
        await saveRules(db, c.env, year, valid, viewer.account.id, now)
        return c.redirect(`/board/years/${year}?notice=saved`, 303)
      }
      const flash: Flash | undefined = valid
        ? { kind: 'info', message: 'This is a preview: nothing is saved yet.' }
        : undefined
      return rulesPage(c, year, { draft, errors, preview: valid, flash }, valid ? undefined : 400)
    },
  )
}
