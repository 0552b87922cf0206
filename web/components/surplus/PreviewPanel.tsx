import { formatMoney } from '../money'
import type { PreviewFigures } from './types'

/** Props of {@link PreviewPanel}: the figures of the draft rules, or why there are none. */
export type PreviewPanelProps = {
  figures: PreviewFigures | null
  /** Field errors of the draft, by the form's field names. */
  errors: Record<string, string>
  /** A line about the state of the preview ("Updating…"), or ''. */
  note: string
}

/**
 * What the draft rules would give: the reserve, the distributable amount, each pool's amount
 * and how many members share it. Shown by the rules page after a preview, and kept up to date
 * by the RulesPreview island as the board types.
 */
export function PreviewPanel({ figures, errors, note }: PreviewPanelProps) {
  const problems = Object.values(errors)
  return (
    <div class="rules-preview__body">
      {note && <p class="rules-preview__note">{note}</p>}
      {problems.length > 0 && (
        <div class="rules-preview__errors">
          <p>These rules cannot be previewed yet:</p>
          <ul>
            {problems.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </div>
      )}
      {figures && problems.length === 0 && (
        <dl class="rules-preview__figures">
          <Row term="Net surplus" value={formatMoney(figures.net_surplus, figures.currency)} />
          <Row term="Reserve" value={formatMoney(figures.reserve, figures.currency)} />
          <Row term="Distributable" value={formatMoney(figures.distributable, figures.currency)} />
          {figures.pools.map((pool, i) => (
            <Row
              key={i}
              term={pool.name}
              value={`${formatMoney(pool.amount, figures.currency)}, ${pool.members} ${pool.members === 1 ? 'member' : 'members'}`}
            />
          ))}
          <Row
            term="Unallocated (to reserves)"
            value={formatMoney(figures.unallocated, figures.currency)}
          />
          <Row term="Members with an allocation" value={String(figures.members)} />
        </dl>
      )}
    </div>
  )
}

function Row({ term, value }: { term: string; value: string }) {
  return (
    <div class="rules-preview__row">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  )
}
