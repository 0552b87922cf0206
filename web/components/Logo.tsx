/** The stall mark: a striped awning over a counter. Same drawing as /favicon.svg. */

const stripes = [
  { top: 8, bottom: 5, fill: '#a3401f' },
  { top: 12, bottom: 10.5, fill: '#e0a43a' },
  { top: 16, bottom: 16, fill: '#a3401f' },
  { top: 20, bottom: 21.5, fill: '#e0a43a' },
]

/** The mark alone, decorative: the wordmark beside it carries the name. */
export function LogoMark() {
  return (
    <svg
      class="logo-mark"
      viewBox="0 0 32 32"
      width="32"
      height="32"
      aria-hidden="true"
      focusable="false"
    >
      {stripes.map(({ top, bottom, fill }) => (
        <path
          key={top}
          d={`M${top} 4H${top + 4}L${bottom + 5.5} 10a2.75 2.75 0 0 1-5.5 0Z`}
          fill={fill}
        />
      ))}
      <rect x="7" y="12" width="2" height="16" fill="#2a211b" />
      <rect x="23" y="12" width="2" height="16" fill="#2a211b" />
      <rect x="4" y="21" width="24" height="3" rx="1" fill="#2a211b" />
      <circle cx="14" cy="18.5" r="2.5" fill="#3f7a5a" />
      <rect x="17.5" y="16" width="3" height="5" rx="0.5" fill="#a3401f" />
    </svg>
  )
}
