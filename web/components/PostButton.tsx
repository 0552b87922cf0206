import type { ComponentChildren } from 'preact'

import { CsrfField } from './forms'

/**
 * A one-button POST form for an action on something (publish, archive, delete): works without
 * JavaScript, and `fields` carries the action's few hidden values (`direction=up`).
 */
export function PostButton(props: {
  action: string
  csrfToken?: string
  fields?: Record<string, string>
  variant?: 'primary' | 'secondary' | 'danger'
  small?: boolean
  children: ComponentChildren
}) {
  const classes = ['button', `button--${props.variant ?? 'secondary'}`]
  if (props.small) classes.push('button--small')
  return (
    <form class="post-button" method="post" action={props.action}>
      {props.csrfToken !== undefined && <CsrfField token={props.csrfToken} />}
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button class={classes.join(' ')} type="submit">
        {props.children}
      </button>
    </form>
  )
}
