/** Moving one picture a place up or down: the editor's no-JavaScript reorder buttons. */
import type { ListingRow } from '../../schema/tables.ts'
import type { Bindings } from '../app.ts'
import { database } from '../lib/db.ts'
import { reorderImages } from './image-store.ts'
import { imagesOf } from './repository.ts'

/** Swaps the image with its neighbour; an unknown image, or one already at that end, stays. */
export async function moveImage(
  env: Bindings,
  listing: ListingRow,
  imageId: string,
  direction: 'up' | 'down',
): Promise<void> {
  const ids = (await imagesOf(database(env.DB), listing.id)).map((image) => image.id)
  const from = ids.indexOf(imageId)
  const to = from + (direction === 'up' ? -1 : 1)
  if (from < 0 || to < 0 || to >= ids.length) return
  ;[ids[from], ids[to]] = [ids[to] as string, ids[from] as string]
  await reorderImages(env, listing, ids)
}
