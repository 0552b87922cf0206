import type { ComponentChildren } from 'preact'

/**
 * Marks server-rendered markup for the client to hydrate: `name` is a key of the registry in
 * `web/islands/index.ts`, `props` must be plain JSON and must be the same props the children
 * were rendered with, or hydration will not match.
 */
export function Island({
  name,
  props,
  children,
}: {
  name: string
  props: object
  children: ComponentChildren
}) {
  return (
    <div class="island" data-island={name} data-props={JSON.stringify(props)}>
      {children}
    </div>
  )
}
