/**
 * The browser entry: hydrates each `[data-island]` from the registry. Pages work without it;
 * it only adds conveniences. Keep it to Preact and the islands so the bundle stays tiny.
 */
import { hydrate } from 'preact'
import { islands } from './islands/index'

function hydrateIslands() {
  for (const element of document.querySelectorAll<HTMLElement>('[data-island]')) {
    const Component = islands[element.dataset.island ?? '']
    if (!Component) continue
    try {
      hydrate(<Component {...JSON.parse(element.dataset.props ?? '{}')} />, element)
    } catch (error) {
      // The server markup still works; one broken island must not stop the others.
      console.error(`island ${element.dataset.island} failed to hydrate`, error)
    }
  }
}

/** Moves focus to an error summary so keyboard and screen-reader users land on it. */
function focusErrorSummary() {
  const target = document.querySelector<HTMLElement>('[data-focus-on-load]')
  if (target && !location.hash) target.focus()
}

hydrateIslands()
focusErrorSummary()
