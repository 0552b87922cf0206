/** A friendly explanation for a member with no patronage yet: what it is and how it comes. */
export function HowPatronageWorks({ coopName }: { coopName: string }) {
  return (
    <section class="card" aria-labelledby="how-title">
      <h2 id="how-title">How patronage works</h2>
      <p>
        {coopName} belongs to its members, so what is left over at the end of each year, once the
        co-op’s costs are paid, goes back to the members who made it. That is your patronage
        dividend.
      </p>
      <ul>
        <li>
          Part of the surplus stays in the co-op’s reserves; the rest is shared out in pools, for
          example by what members sold, what they bought, or the hours they worked.
        </li>
        <li>
          Your share of each pool follows your part in it: sell or buy more while you are a member,
          and your share grows.
        </li>
        <li>
          When the board approves the year, part of your allocation is paid in cash and the rest is
          credited to your capital account with the co-op, and you get a written notice of it here.
        </li>
      </ul>
      <p>
        You have no patronage yet. Once you buy or sell as a member, an estimate for this year
        appears on this page.
      </p>
    </section>
  )
}
