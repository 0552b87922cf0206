import { useState } from 'preact/hooks'

/** One picture of a listing, in the sizes the gallery uses. */
export type GalleryImage = {
  id: string
  url: string
  thumb_url: string
  width: number
  height: number
}

/** Props of {@link Gallery}: plain JSON, since the server sends them to the client. */
export type GalleryProps = {
  title: string
  images: GalleryImage[]
  /** Index of the image shown large: the cover, or the one named by `?image=`. */
  selected: number
}

/**
 * A listing's pictures: one large, the rest as thumbnails. Each thumbnail is a link to the page
 * with `?image=<id>`, which works without JavaScript; once hydrated, a click swaps the large
 * picture in place instead of loading the page again.
 */
export function Gallery(props: GalleryProps) {
  const [selected, setSelected] = useState(props.selected)
  const count = props.images.length
  const main = props.images[selected] ?? props.images[0]
  if (!main) {
    return (
      <div class="gallery__main gallery__main--none">
        <p>No pictures yet</p>
      </div>
    )
  }
  return (
    <div class="gallery">
      <figure class="gallery__main">
        <img
          class="gallery__image"
          src={main.url}
          width={main.width}
          height={main.height}
          alt={count > 1 ? `${props.title}, picture ${selected + 1} of ${count}` : props.title}
        />
      </figure>
      {count > 1 && (
        <ul class="gallery__thumbs" aria-label="More pictures">
          {props.images.map((image, index) => (
            <li key={image.id}>
              <a
                class="gallery__thumb"
                href={`?image=${encodeURIComponent(image.id)}#gallery`}
                aria-current={index === selected ? 'true' : undefined}
                onClick={(event) => {
                  event.preventDefault()
                  setSelected(index)
                }}
              >
                <img src={image.thumb_url} alt={`Show picture ${index + 1} of ${count}`} />
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
