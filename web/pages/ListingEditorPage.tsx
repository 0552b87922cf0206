import { CsrfField, ErrorSummary } from '../components/forms'
import { Island } from '../components/Island'
import { Layout, type PageProps } from '../components/Layout'
import { PostButton } from '../components/PostButton'
import { ListingForm, type ListingFormValues } from '../components/ListingForm'
import type { CategoryOption } from '../components/SearchForm'
import { StatusBadge } from '../components/StatusBadge'
import { ImageUploader, type ImageUploaderProps } from '../islands/ImageUploader'

/** The listing being edited, as the editor needs it (a subset of the API's listing). */
export type EditedListing = {
  id: string
  title: string
  kind: 'physical' | 'digital'
  status: 'draft' | 'published' | 'archived' | 'sold_out'
  images: { id: string; thumb_url: string }[]
  has_file: boolean
}

/** Props of {@link ListingEditorPage}: no `listing` for a new one. */
export type ListingEditorPageProps = PageProps & {
  listing?: EditedListing
  values: ListingFormValues
  errors?: Record<string, string>
  /** An error that belongs to no one field (a refused publish, an archived listing). */
  message?: string
  categories: CategoryOption[]
  /** Largest number of images a listing may have. */
  maxImages: number
}

const statusText = {
  draft: { tone: 'pending', text: 'Draft' },
  published: { tone: 'good', text: 'Published' },
  sold_out: { tone: 'bad', text: 'Sold out' },
  archived: { tone: 'neutral', text: 'Archived' },
} as const

/** Creating a listing, or editing one with its pictures, file and publish/archive actions. */
export function ListingEditorPage(props: ListingEditorPageProps) {
  const { listing } = props
  const errors = props.errors ?? {}
  const failed = Object.keys(errors).length > 0 || props.message !== undefined
  const heading = listing ? `Edit “${listing.title || 'Untitled'}”` : 'New listing'
  const id = listing ? encodeURIComponent(listing.id) : ''
  return (
    <Layout
      title={failed ? `Error: ${heading}` : heading}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <ol>
          <li>
            <a href="/sell">Your stall</a>
          </li>
        </ol>
      </nav>
      <div class="page-head">
        <h1>{heading}</h1>
        {listing && (
          <p class="page-head__meta">
            <StatusBadge tone={statusText[listing.status].tone}>
              {statusText[listing.status].text}
            </StatusBadge>{' '}
            <a href={`/listings/${id}`}>View its page</a>
          </p>
        )}
      </div>
      <ErrorSummary errors={errors} message={props.message} />
      {!listing && (
        <p class="lede">
          Save it as a draft first: only you can see a draft. Then add pictures and publish it.
        </p>
      )}
      <div class="editor">
        <div class="editor__main">
          <ListingForm
            action={listing ? `/sell/listings/${id}` : '/sell/listings'}
            values={props.values}
            errors={errors}
            categories={props.categories}
            csrfToken={props.csrfToken}
            fixedKind={listing?.kind}
            submitLabel={listing ? 'Save changes' : 'Save draft'}
          />
        </div>
        {listing && (
          <div class="editor__side">
            <Pictures listing={listing} csrfToken={props.csrfToken} max={props.maxImages} />
            {listing.kind === 'digital' && (
              <DigitalFile listing={listing} csrfToken={props.csrfToken} />
            )}
            <Publishing listing={listing} csrfToken={props.csrfToken} />
          </div>
        )}
      </div>
    </Layout>
  )
}

function Pictures(props: { listing: EditedListing; csrfToken?: string; max: number }) {
  const { listing } = props
  const id = encodeURIComponent(listing.id)
  const count = listing.images.length
  const uploader: ImageUploaderProps = {
    listingId: listing.id,
    csrfToken: props.csrfToken,
    room: props.max - count,
  }
  const imageAction = (imageId: string, what: string) =>
    `/sell/listings/${id}/images/${encodeURIComponent(imageId)}/${what}`
  return (
    <section class="card editor__section" aria-labelledby="field-images">
      <h2 id="field-images" tabIndex={-1}>
        Pictures
      </h2>
      {count === 0 ? (
        <p class="small">No pictures yet: a listing needs at least one to be published.</p>
      ) : (
        <ol class="image-list">
          {listing.images.map((image, index) => (
            <li key={image.id} class="image-list__item">
              <img class="image-list__thumb" src={image.thumb_url} alt={`Picture ${index + 1}`} />
              <p class="image-list__label">{index === 0 ? 'Cover' : `Picture ${index + 1}`}</p>
              <div class="image-list__actions">
                {index > 0 && (
                  <PostButton
                    action={imageAction(image.id, 'move')}
                    csrfToken={props.csrfToken}
                    fields={{ direction: 'up' }}
                    small
                  >
                    Earlier<span class="visually-hidden"> (picture {index + 1})</span>
                  </PostButton>
                )}
                {index < count - 1 && (
                  <PostButton
                    action={imageAction(image.id, 'move')}
                    csrfToken={props.csrfToken}
                    fields={{ direction: 'down' }}
                    small
                  >
                    Later<span class="visually-hidden"> (picture {index + 1})</span>
                  </PostButton>
                )}
                <PostButton
                  action={imageAction(image.id, 'delete')}
                  csrfToken={props.csrfToken}
                  variant="danger"
                  small
                >
                  Delete<span class="visually-hidden"> picture {index + 1}</span>
                </PostButton>
              </div>
            </li>
          ))}
        </ol>
      )}
      {uploader.room > 0 ? (
        <Island name="ImageUploader" props={uploader}>
          <ImageUploader {...uploader} />
        </Island>
      ) : (
        <p class="small">
          This listing has the most pictures it can have: delete one to add another.
        </p>
      )}
    </section>
  )
}

function DigitalFile({ listing, csrfToken }: { listing: EditedListing; csrfToken?: string }) {
  return (
    <section class="card editor__section" aria-labelledby="file-title">
      <h2 id="file-title">The download</h2>
      <p class="small">
        {listing.has_file
          ? 'A file is attached. Buyers get it after paying; uploading another replaces it.'
          : 'No file yet. Buyers get this file after paying; nobody else can download it.'}
      </p>
      <form
        class="uploader"
        method="post"
        enctype="multipart/form-data"
        action={`/sell/listings/${encodeURIComponent(listing.id)}/file`}
      >
        {csrfToken !== undefined && <CsrfField token={csrfToken} />}
        <label class="field__label" for="digital-file">
          {listing.has_file ? 'Replace the file' : 'Choose the file'}
        </label>
        <input id="digital-file" class="uploader__input" type="file" name="file" required />
        <p class="actions">
          <button class="button button--secondary" type="submit">
            Upload file
          </button>
        </p>
      </form>
    </section>
  )
}

function Publishing({ listing, csrfToken }: { listing: EditedListing; csrfToken?: string }) {
  const id = encodeURIComponent(listing.id)
  const inShop = listing.status === 'published' || listing.status === 'sold_out'
  return (
    <section class="card editor__section" aria-labelledby="publish-title">
      <h2 id="publish-title">In the shop</h2>
      <p class="small">
        {inShop
          ? 'Buyers can find this listing. Archiving takes it out of the shop and search.'
          : 'Publishing puts it in the shop and search. It needs a title, a price and a picture.'}
      </p>
      {inShop ? (
        <PostButton
          action={`/sell/listings/${id}/archive`}
          csrfToken={csrfToken}
          fields={{ back: 'editor' }}
          variant="danger"
        >
          Archive
        </PostButton>
      ) : (
        <PostButton
          action={`/sell/listings/${id}/publish`}
          csrfToken={csrfToken}
          fields={{ back: 'editor' }}
          variant="primary"
        >
          Publish
        </PostButton>
      )}
    </section>
  )
}
