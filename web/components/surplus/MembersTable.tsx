import { formatMoney } from '../money'
import type { MemberView } from './types'

/** Props of {@link MembersTable}: one page of the report's members and where it sits. */
export type MembersTableProps = {
  members: MemberView[]
  currency: string
  /** How many members the whole report has. */
  total: number
  /** Index of the first member shown, 0-based. */
  first: number
  /** Links to the previous and next pages, when there are. */
  previous?: string
  next?: string
  csvUrl: string
}

/**
 * A page of the members' allocations. The report can hold 10,000 members, so the page shows a
 * slice and the CSV holds them all: a table of that length helps no one on screen.
 */
export function MembersTable(props: MembersTableProps) {
  const { members, currency, total, first } = props
  if (total === 0) return <p class="empty-state">No member has any patronage in this year yet.</p>
  const last = first + members.length
  return (
    <>
      <p>
        {total > members.length
          ? `Members ${first + 1} to ${last} of ${total}, by account id. `
          : `All ${total} members, by account id. `}
        {total > members.length && (
          <a href={props.csvUrl}>Download the CSV for all {total} members</a>
        )}
      </p>
      <div class="table-scroll" role="region" tabIndex={0} aria-label="Members' allocations">
        <table class="board-table board-table--members">
          <caption class="visually-hidden">Members' allocations</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col" class="numeric">
                Allocation
              </th>
              <th scope="col" class="numeric">
                Cash
              </th>
              <th scope="col" class="numeric">
                Retained
              </th>
              <th scope="col">1099-PATR</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.member_id}>
                <th scope="row">
                  {member.display_name}
                  <span class="board-table__id">{member.member_id}</span>
                </th>
                <td class="numeric">{formatMoney(member.allocation, currency)}</td>
                <td class="numeric">{formatMoney(member.cash, currency)}</td>
                <td class="numeric">{formatMoney(member.retained, currency)}</td>
                <td>{member.reportable ? 'Reportable' : 'Below threshold'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(props.previous || props.next) && (
        <nav class="board-pages" aria-label="More members">
          {props.previous && <a href={props.previous}>Previous members</a>}
          {props.next && <a href={props.next}>Next members</a>}
        </nav>
      )}
    </>
  )
}
