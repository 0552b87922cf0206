/** A small pill that says a status in words; the tone only tints it. */
export function StatusBadge({
  tone,
  children,
}: {
  tone: 'neutral' | 'pending' | 'good' | 'bad'
  children: string
}) {
  return <span class={`badge badge--${tone}`}>{children}</span>
}
