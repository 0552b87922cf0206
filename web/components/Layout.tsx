import type { ComponentChildren } from 'preact'
import { SiteHeader } from './SiteHeader'
import type { Flash, Viewer } from './types'

export type { Flash, PageProps, Viewer } from './types'

const defaultDescription =
  'Fairstall is a marketplace owned by its members: the artists who sell on it and the people who buy.'

/**
 * The whole HTML document around a page. Everything works without JavaScript; the one module
 * script (nonce'd for the CSP) only hydrates islands. Prepend `<!doctype html>` when sending it
 * (see `renderDocument`).
 */
export function Layout(props: {
  title: string
  description?: string
  viewer: Viewer
  csrfToken?: string
  nonce: string
  children: ComponentChildren
  flash?: Flash
  /** Absolute URL of the picture a shared link shows (Open Graph wants absolute URLs). */
  ogImage?: string
  /** Absolute URL of this page without per-visit parameters: canonical link and `og:url`. */
  canonicalUrl?: string
}) {
  const description = props.description ?? defaultDescription
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Fairstall`}</title>
        <meta name="description" content={description} />
        <meta property="og:title" content={props.title} />
        <meta property="og:description" content={description} />
        <meta property="og:type" content="website" />
        <meta property="og:site_name" content="Fairstall" />
        {props.canonicalUrl && <meta property="og:url" content={props.canonicalUrl} />}
        {props.canonicalUrl && <link rel="canonical" href={props.canonicalUrl} />}
        {props.ogImage && <meta property="og:image" content={props.ogImage} />}
        <meta name="twitter:card" content={props.ogImage ? 'summary_large_image' : 'summary'} />
        <meta name="theme-color" content="#fbf6ee" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/styles.css" />
        <script type="module" src="/assets/client.js" nonce={props.nonce}></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <SiteHeader viewer={props.viewer} csrfToken={props.csrfToken} />
        <div class="flash-area" role="status">
          {props.flash && (
            <p class={`flash flash--${props.flash.kind}`}>
              <span class="flash__label">{flashLabels[props.flash.kind]}</span>{' '}
              {props.flash.message}
            </p>
          )}
        </div>
        <main id="main" class="site-main" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="site-footer__inner">
            <p class="site-footer__motto">Owned by the people who trade on it.</p>
            <p class="site-footer__small">
              Fairstall is a co-operative: one member, one share, and the year’s surplus goes back
              to the members who made it.
            </p>
          </div>
        </footer>
      </body>
    </html>
  )
}

// Said in words as well as colour, so the kind is not lost on anyone who cannot see the tint.
const flashLabels: Record<Flash['kind'], string> = {
  success: 'Done:',
  info: 'Note:',
  error: 'Problem:',
}
