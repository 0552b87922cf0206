/** Which of the account settings pages is shown. */
export type SettingsPage = 'profile' | 'email' | 'password' | 'sessions' | 'notifications'

/** The settings pages in the order the navigation lists them. */
export const SETTINGS_PAGES: readonly { page: SettingsPage; text: string; href: string }[] = [
  { page: 'profile', text: 'Profile', href: '/account/settings' },
  { page: 'email', text: 'Email address', href: '/account/settings/email' },
  { page: 'password', text: 'Password', href: '/account/settings/password' },
  { page: 'sessions', text: 'Signed-in devices', href: '/account/settings/sessions' },
  { page: 'notifications', text: 'Notifications', href: '/account/settings/notifications' },
]

/**
 * The links between the account settings pages. The list wraps rather than scrolls, so all five
 * stay visible on a 390 px phone; the current page is marked for screen readers with aria-current.
 */
export function SettingsNav({ current }: { current: SettingsPage }) {
  return (
    <nav class="tabs settings-nav" aria-label="Account settings">
      <ul class="tabs__list">
        {SETTINGS_PAGES.map(({ page, text, href }) => (
          <li key={page}>
            <a class="tabs__link" href={href} aria-current={page === current ? 'page' : undefined}>
              {text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
