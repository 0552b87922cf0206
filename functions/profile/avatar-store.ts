/**
 * Storing a member's avatar by the listing images' rules (functions/media): the upload judged by
 * its bytes (checkedImage), kept private in R2 as it came, and served only as a re-encoded,
 * metadata-free square WebP. R2 first, then the account row, and on any failure the objects
 * written are deleted again; the replaced avatar's objects go once the row no longer names them.
 */
import type { AccountRow } from '../../schema/tables.ts'
import type { Bindings } from '../app.ts'
import { newId } from '../lib/crypto.ts'
import { database } from '../lib/db.ts'
import { AppError } from '../lib/errors.ts'
import { publicVariant } from '../media/image-checks.ts'
import { IMMUTABLE_CACHE, type ImageFacts, sniffImage } from '../media/images.ts'
import { mediaUrl } from '../media/repository.ts'

/** The side of the square avatar: sharp at 160 CSS pixels on a 2× screen. */
export const AVATAR_SIDE = 320

/** The R2 keys of one avatar: the private original and the public square. */
export function avatarKeys(
  accountId: string,
  avatarId: string,
  extension: ImageFacts['extension'],
) {
  const base = `avatars/${accountId}/${avatarId}`
  return { original: `${base}/original.${extension}`, square: `${base}/square.webp` }
}

/** The API shape of an avatar. */
export interface AvatarView {
  url: string
  width: number
  height: number
}

const unreadableImage = () =>
  new AppError(415, 'unsupported_media_type', 'That image could not be read.', {
    file: 'The image data is damaged or incomplete: export it again and upload the new file.',
  })

const changedMeanwhile = () =>
  new AppError(409, 'edit_conflict', 'Your picture changed meanwhile: please try again.')

/**
 * The square: the middle of the picture cut to a square (no bigger than its shorter side, so a
 * small picture is never enlarged) and re-encoded. The local Images binding pads rather than
 * crops, which is square too; the size stored is read from the bytes made, not assumed.
 */
async function squareVariant(env: Bindings, bytes: Uint8Array<ArrayBuffer>, facts: ImageFacts) {
  const side = Math.min(AVATAR_SIDE, facts.width, facts.height)
  let output: Uint8Array<ArrayBuffer>
  try {
    const result = await env.IMAGES.input(new Blob([bytes]).stream())
      .transform({ width: side, height: side, fit: 'cover', gravity: 'center' })
      .output({ format: 'image/webp', quality: 82 })
    output = new Uint8Array(await result.response().arrayBuffer())
  } catch {
    throw unreadableImage()
  }
  const variant = publicVariant(output)
  const size = variant && sniffImage(variant)
  if (!variant || !size) throw unreadableImage()
  return { variant, width: size.width, height: size.height }
}

/** Replaces the account's avatar with this checked image; 415 when it does not decode. */
export async function setAvatar(
  env: Bindings,
  account: AccountRow,
  bytes: Uint8Array<ArrayBuffer>,
  facts: ImageFacts,
): Promise<AvatarView> {
  const { variant, width, height } = await squareVariant(env, bytes, facts)
  const keys = avatarKeys(account.id, newId('av'), facts.extension)
  const put = (key: string, body: Uint8Array, contentType: string) =>
    env.BUCKET.put(key, body, { httpMetadata: { contentType, cacheControl: IMMUTABLE_CACHE } })
  try {
    await put(keys.original, bytes, facts.type)
    await put(keys.square, variant, 'image/webp')
    const result = await database(env.DB)
      .updateTable('accounts')
      .set({
        avatar_key: keys.square,
        avatar_original_key: keys.original,
        avatar_width: width,
        avatar_height: height,
      })
      .where('id', '=', account.id)
      // Only over the avatar we read: a racing upload would otherwise orphan one of the two.
      .where('avatar_key', 'is', account.avatar_key)
      .executeTakeFirst()
    if (result.numUpdatedRows !== 1n) throw changedMeanwhile()
  } catch (error) {
    await env.BUCKET.delete([keys.original, keys.square])
    throw error
  }
  await deleteObjects(env, account)
  return { url: mediaUrl(keys.square), width, height }
}

/** Removes the account's avatar (nothing to do when it has none). */
export async function removeAvatar(env: Bindings, account: AccountRow): Promise<void> {
  if (!account.avatar_key) return
  const result = await database(env.DB)
    .updateTable('accounts')
    .set({ avatar_key: null, avatar_original_key: null, avatar_width: null, avatar_height: null })
    .where('id', '=', account.id)
    .where('avatar_key', '=', account.avatar_key)
    .executeTakeFirst()
  if (result.numUpdatedRows !== 1n) throw changedMeanwhile()
  await deleteObjects(env, account)
}

function deleteObjects(env: Bindings, account: AccountRow) {
  const keys = [account.avatar_key, account.avatar_original_key].filter(
    (key): key is string => key !== null,
  )
  return keys.length > 0 ? env.BUCKET.delete(keys) : Promise.resolve()
}
