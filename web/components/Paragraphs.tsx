/** Text as paragraphs: a blank line starts a new one; single line breaks are kept. */
export function Paragraphs({ text, empty }: { text: string; empty: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
  if (paragraphs.length === 0) return <p class="small">{empty}</p>
  return (
    <div class="prose">
      {paragraphs.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  )
}
