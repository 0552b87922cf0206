/** Props of {@link Avatar}. */
export type AvatarProps = {
  /** The square picture's URL, or null for the member's initial instead. */
  url: string | null
  /** Whose picture it is: the alt text says so. */
  name: string
  /** 96 px on a storefront or the settings page, 48 px beside a listing. */
  size?: 'large' | 'small'
}

/**
 * A member's square picture, or the first letter of their name on a plain tile when they have
 * none (hidden from screen readers: the name beside it already says who it is). Sizes are
 * classes, not inline styles, which the CSP refuses.
 */
export function Avatar({ url, name, size = 'large' }: AvatarProps) {
  const side = size === 'large' ? 96 : 48
  if (url) {
    return (
      <img
        class={`avatar avatar--${size}`}
        src={url}
        alt={`${name}’s picture`}
        width={side}
        height={side}
      />
    )
  }
  const initial = [...name.trim()][0]?.toUpperCase() ?? '?'
  return (
    <span class={`avatar avatar--${size} avatar--none`} aria-hidden="true">
      {initial}
    </span>
  )
}
