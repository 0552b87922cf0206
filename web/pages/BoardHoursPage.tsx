import type { WorkerHours } from '../../functions/surplus/types'
import { CsrfField } from '../components/forms'
import { Layout, type PageProps } from '../components/Layout'
import { YearNav } from '../components/surplus/YearNav'
import { hoursText, yearLabel, yearPath } from '../components/surplus/words'

/** Props of {@link BoardHoursPage}. */
export type BoardHoursPageProps = PageProps & {
  year: number
  workers: WorkerHours[]
  readOnly: boolean
  /** The worker whose form was posted and refused, with what they typed and why. */
  failed?: { member_id: string; value: string; error: string }
}

/** Every worker's hours for the year, with a small form per worker to set them. */
export function BoardHoursPage(props: BoardHoursPageProps) {
  const label = yearLabel(props.year)
  return (
    <Layout
      title={`${label} hours`}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <YearNav year={props.year} current="hours" />
      <h1>{label} hours</h1>
      <p>
        The hours of work the board records for each worker; an hours pool shares its amount by
        them. Enter hours with at most two decimals, like 12.5.
      </p>
      {props.workers.length === 0 ? (
        <p class="empty-state">No one holds the worker role, and no hours are recorded.</p>
      ) : (
        <div class="table-scroll" role="region" tabIndex={0} aria-label="Workers' hours">
          <table class="board-table">
            <caption class="visually-hidden">Workers' hours</caption>
            <thead>
              <tr>
                <th scope="col">Worker</th>
                <th scope="col" class="numeric">
                  Hours
                </th>
                {!props.readOnly && <th scope="col">Set hours</th>}
              </tr>
            </thead>
            <tbody>
              {props.workers.map((worker) => (
                <tr key={worker.member_id}>
                  <th scope="row">{worker.display_name}</th>
                  <td class="numeric">{hoursText(worker.hundredths)}</td>
                  {!props.readOnly && (
                    <td>
                      <HoursForm
                        year={props.year}
                        worker={worker}
                        csrfToken={props.csrfToken}
                        failed={
                          props.failed?.member_id === worker.member_id ? props.failed : undefined
                        }
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.readOnly && <p>{label} is approved: its hours cannot change.</p>}
    </Layout>
  )
}

function HoursForm(props: {
  year: number
  worker: WorkerHours
  csrfToken?: string
  failed?: { value: string; error: string }
}) {
  const id = `hours-${props.worker.member_id}`
  const error = props.failed?.error
  return (
    <form
      class="hours-form"
      method="post"
      action={`${yearPath(props.year)}/hours/${encodeURIComponent(props.worker.member_id)}`}
    >
      {props.csrfToken !== undefined && <CsrfField token={props.csrfToken} />}
      <label class="field__label" for={id}>
        Hours<span class="visually-hidden"> of {props.worker.display_name}</span>
      </label>
      {error && (
        <p class="field__error" id={`${id}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <span class="hours-form__row">
        <input
          id={id}
          name="hours"
          class="input hours-form__input"
          inputMode="decimal"
          value={props.failed?.value ?? hoursText(props.worker.hundredths)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <button type="submit" class="button button--secondary button--small">
          Set<span class="visually-hidden"> the hours of {props.worker.display_name}</span>
        </button>
      </span>
    </form>
  )
}
