import type { ComponentChildren } from 'preact'

/** Props of {@link ChartFigure}. `width` × `height` is the SVG's own coordinate space. */
export type ChartFigureProps = {
  id: string
  title: string
  /** The chart in one or two sentences, for screen readers (the SVG's `<desc>`). */
  desc: string
  caption: ComponentChildren
  width: number
  height: number
  /** The SVG's shapes and labels. */
  children: ComponentChildren
  /** The same figures as text: a {@link DataTable}, shown folded under the chart. */
  data: ComponentChildren
}

/**
 * A chart as a `<figure>`: an SVG image named by its title and description, a caption, and
 * the figures as a table folded in a `<details>`. The SVG has a viewBox and `width="100%"`,
 * so it scales to a phone and prints; it needs no script and no inline style (the CSP).
 */
export function ChartFigure(props: ChartFigureProps) {
  const { id, width, height } = props
  return (
    <figure class="chart" id={id}>
      <svg
        class="chart__svg"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.desc}</desc>
        {props.children}
      </svg>
      <figcaption class="chart__caption">{props.caption}</figcaption>
      <details class="chart__data">
        <summary>The figures as a table</summary>
        {props.data}
      </details>
    </figure>
  )
}

/** Props of {@link DataTable}: a caption, two or three column heads, the rows as text. */
export type DataTableProps = { caption: string; head: string[]; rows: string[][] }

/** A chart's figures as a plain table; every column after the first is a number. */
export function DataTable({ caption, head, rows }: DataTableProps) {
  return (
    <table class="chart__table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((cell, i) => (
            <th key={i} scope="col" class={i > 0 ? 'num' : undefined}>
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i} class="num">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Layout constants shared by the charts: a 400-unit wide canvas reads 1:1 on a 390 px phone. */
export const CANVAS = { width: 400, pad: 8, row: 44, labelY: 15, barY: 22, barH: 16 } as const
