import { CartLink } from '../islands/CartLink'
import { CsrfField } from './forms'
import { Island } from './Island'
import { LogoMark } from './Logo'
import type { Viewer } from './types'

/** The banner: wordmark and the main navigation, which changes with who is signed in. */
export function SiteHeader({ viewer, csrfToken }: { viewer: Viewer; csrfToken?: string }) {
  return (
    <header class="site-header">
      <div class="site-header__inner">
        <a class="wordmark" href="/">
          <LogoMark />
          <span class="wordmark__name">Fairstall</span>
        </a>
        <nav class="site-nav" aria-label="Main">
          <ul class="site-nav__list">
            <li>
              <a href="/">Home</a>
            </li>
            <li>
              <a href="/search">Browse</a>
            </li>
            {viewer ? <SignedInLinks viewer={viewer} csrfToken={csrfToken} /> : <SignedOutLinks />}
          </ul>
        </nav>
      </div>
    </header>
  )
}

function SignedOutLinks() {
  return (
    <>
      <li>
        <a href="/signin">Sign in</a>
      </li>
      <li>
        <a class="site-nav__join" href="/signup">
          Join
        </a>
      </li>
    </>
  )
}

function SignedInLinks({ viewer, csrfToken }: { viewer: NonNullable<Viewer>; csrfToken?: string }) {
  return (
    <>
      <li>
        <a href="/account">My account</a>
      </li>
      <li>
        <a href="/orders">My orders</a>
      </li>
      <li>
        <a href="/sell">Sell</a>
      </li>
      <li>
        <Island name="CartLink" props={{}}>
          <CartLink />
        </Island>
      </li>
      {viewer.roles.includes('admin') && (
        <li>
          <a href="/admin/seller-applications">Review sellers</a>
        </li>
      )}
      {viewer.roles.includes('admin') && (
        <li>
          <a href="/admin/orders">All orders</a>
        </li>
      )}
      {viewer.roles.includes('board') && (
        <li>
          <a href="/board">Board</a>
        </li>
      )}
      <li>
        <form class="site-nav__signout" method="post" action="/signout">
          {csrfToken !== undefined && <CsrfField token={csrfToken} />}
          <button class="link-button" type="submit">
            Sign out
          </button>
        </form>
      </li>
    </>
  )
}
