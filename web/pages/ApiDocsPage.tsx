import { Layout, type PageProps } from '../components/Layout'

/** Descriptions mark code with backticks, as OpenAPI's Markdown does: shown as `<code>`. */
function prose(text: string) {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))
}

/** A parameter or body field of a route. */
export type DocsField = {
  name: string
  type: string
  required: boolean
  description?: string
  /** Where a parameter goes: path, query or header. */
  in?: string
}

/** One route as the reference shows it. */
export type ApiDocsRoute = {
  method: string
  path: string
  summary: string
  description?: string
  permission: string
  csrf: string
  rateLimit?: string
  parameters: DocsField[]
  bodyType?: string
  bodyFields: DocsField[]
  responses: { status: string; description: string }[]
}

/** The routes of one feature (an OpenAPI tag). */
export type ApiDocsGroup = { tag: string; routes: ApiDocsRoute[] }

/** Props of {@link ApiDocsPage}. */
export type ApiDocsPageProps = PageProps & {
  info: { title: string; version: string; description?: string }
  groups: ApiDocsGroup[]
}

/** Who a permission name lets in, in words. */
const whoMay: Record<string, string> = {
  anonymous: 'Anyone',
  signedIn: 'Signed-in members',
  activeMember: 'Active members',
  approvedSeller: 'Approved sellers',
  listingSeller: "The listing's seller",
  admin: 'Admins',
  board: 'Board members',
  worker: 'Co-op workers',
}

const anchor = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-')

function Fields(props: { title: string; fields: DocsField[] }) {
  if (props.fields.length === 0) return null
  return (
    <>
      <h4>{props.title}</h4>
      <ul class="api-fields">
        {props.fields.map((field) => (
          <li key={field.name}>
            <code>{field.name}</code> <span class="api-type">{field.type}</span>
            {field.in && <span> in {field.in}</span>}
            {field.required ? <strong> required</strong> : <span> optional</span>}
            {field.description && <span>: {prose(field.description)}</span>}
          </li>
        ))}
      </ul>
    </>
  )
}

function Route({ route }: { route: ApiDocsRoute }) {
  return (
    <article class="api-route" id={anchor(`${route.method} ${route.path}`)}>
      <h3>
        <code>
          <span class="api-method">{route.method}</span> {route.path}
        </code>
      </h3>
      <p>{route.summary}</p>
      {route.description && <p>{prose(route.description)}</p>}
      <dl class="api-facts">
        <dt>Who may call it</dt>
        <dd>
          {whoMay[route.permission] ?? route.permission} (<code>{route.permission}</code>)
        </dd>
        <dt>Cross-site protection</dt>
        <dd>{route.csrf === 'signature' ? 'Signed request' : 'Same-origin JSON request'}</dd>
        {route.rateLimit && (
          <>
            <dt>Rate limit</dt>
            <dd>
              <code>{route.rateLimit}</code>
            </dd>
          </>
        )}
      </dl>
      <Fields title="Parameters" fields={route.parameters} />
      {route.bodyType && (
        <Fields title={`Request body (${route.bodyType})`} fields={route.bodyFields} />
      )}
      <h4>Answers</h4>
      <ul class="api-fields">
        {route.responses.map((answer) => (
          <li key={answer.status}>
            <strong>{answer.status}</strong> {prose(answer.description)}
          </li>
        ))}
      </ul>
    </article>
  )
}

/**
 * The API reference, rendered from the OpenAPI document the Worker serves: each feature, each
 * route with who may call it, its parameters, body fields and answers. Plain HTML.
 */
export function ApiDocsPage(props: ApiDocsPageProps) {
  return (
    <Layout
      title="API reference"
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="api-docs">
        <p class="eyebrow">Version {props.info.version}</p>
        <h1>{props.info.title}</h1>
        {props.info.description && <p class="lede">{prose(props.info.description)}</p>}
        <p>
          The same contract as JSON: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>{' '}
          (OpenAPI 3.1).
        </p>
        <nav aria-label="Features">
          <ul>
            {props.groups.map((group) => (
              <li key={group.tag}>
                <a href={`#${anchor(group.tag)}`}>{group.tag}</a>
              </li>
            ))}
          </ul>
        </nav>
        {props.groups.map((group) => (
          <section
            key={group.tag}
            id={anchor(group.tag)}
            aria-labelledby={`${anchor(group.tag)}-h`}
          >
            <h2 id={`${anchor(group.tag)}-h`}>{group.tag}</h2>
            {group.routes.map((route) => (
              <Route key={`${route.method} ${route.path}`} route={route} />
            ))}
          </section>
        ))}
      </div>
    </Layout>
  )
}
