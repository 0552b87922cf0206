import { Layout, type PageProps } from '../components/Layout'

/** Props of {@link ErrorPage}. */
export type ErrorPageProps = PageProps & { status: number; title: string; message: string }

/** Any error a person lands on: says what happened and offers a way back. */
export function ErrorPage(props: ErrorPageProps) {
  return (
    <Layout
      title={props.title}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="narrow error-page">
        <p class="eyebrow">Error {props.status}</p>
        <h1>{props.title}</h1>
        <p class="lede">{props.message}</p>
        <p class="actions">
          <a class="button button--primary" href="/">
            Back to the home page
          </a>
        </p>
      </div>
    </Layout>
  )
}
