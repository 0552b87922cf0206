/** The admins' pages, one link each: shown on top of the admin pages that use it. */
const LINKS = [
  { key: 'sellers', href: '/admin/seller-applications', text: 'Seller applications' },
  { key: 'orders', href: '/admin/orders', text: 'All orders' },
  { key: 'jobs', href: '/admin/jobs', text: 'Background jobs' },
  { key: 'audit', href: '/admin/audit', text: 'Audit log' },
] as const

/** Props of {@link AdminNav}: the page it is on. */
export type AdminNavProps = { current: (typeof LINKS)[number]['key'] }

/** The admins' navigation; the current page is marked for screen readers too. */
export function AdminNav({ current }: AdminNavProps) {
  return (
    <nav aria-label="Admin pages">
      <p class="actions">
        {LINKS.map((link, i) => (
          <span key={link.key}>
            {i > 0 && ' · '}
            <a href={link.href} aria-current={link.key === current ? 'page' : undefined}>
              {link.text}
            </a>
          </span>
        ))}
      </p>
    </nav>
  )
}
