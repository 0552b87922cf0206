/** The profile API (spec/api.md "Accounts and membership"): `PATCH /me` and the avatar. */
import { z } from 'zod'

import { viewerOf } from '../access/api.ts'
import { accountView, findAccountById } from '../accounts/repository.ts'
import { accountSchema } from '../accounts/responses.ts'
import { database } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { errorsOf } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, jsonBody, rawBody } from '../lib/routes.ts'
import { checkedImage } from '../media/image-checks.ts'
import { MAX_IMAGE_BYTES, megabytes } from '../media/images.ts'
import { uploadedFile, uploadLimit } from '../media/routes.ts'
import { removeAvatar, setAvatar } from './avatar-store.ts'
import { profileBody } from './schemas.ts'
import { forgetStorefront, updateProfile } from './service.ts'

export const profileRoutes = apiRouter()

const tag = 'Accounts'

const updateRoute = declareRoute({
  method: 'patch',
  path: '/me',
  tag,
  summary: 'Changes the signed-in member’s name, bio or location (at least one).',
  permission: 'signedIn',
  csrf: 'json-api',
  request: { body: jsonBody(profileBody) },
  responses: {
    200: jsonAnswer('The account.', accountSchema),
    ...errorsOf(400, 401, 413, 415),
  },
})

profileRoutes.openapi(updateRoute, async (c) => {
  const viewer = viewerOf(c)
  await updateProfile(c.env.DB, viewer, c.req.valid('json'))
  await forgetStorefront(new URL(c.req.url).origin, viewer.account.id)
  const account = await findAccountById(database(c.env.DB), viewer.account.id)
  if (!account) throw notFound('The account')
  return c.json(accountView(account, viewer.roles), 200)
})

const avatarSchema = z.object({
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
})

const uploadAvatarRoute = declareRoute({
  method: 'post',
  path: '/me/avatar',
  tag,
  summary: `Sets the avatar (JPEG, PNG or WebP, at most ${megabytes(MAX_IMAGE_BYTES)}), shown square.`,
  permission: 'signedIn',
  csrf: 'json-api',
  middleware: [uploadLimit(MAX_IMAGE_BYTES, 'An image')],
  request: {
    body: rawBody(
      'multipart/form-data',
      {
        type: 'object',
        properties: { file: { type: 'string', format: 'binary', description: 'The picture.' } },
        required: ['file'],
      },
      'The picture, as the `file` part.',
    ),
  },
  responses: {
    201: jsonAnswer('The square avatar as served.', avatarSchema),
    ...errorsOf(400, 401, 409, 413, 415),
  },
})

profileRoutes.openapi(uploadAvatarRoute, async function uploadAvatar(c) {
  const viewer = viewerOf(c)
  const { bytes, facts } = await checkedImage(await uploadedFile(c.req.raw))
  const avatar = await setAvatar(c.env, viewer.account, bytes, facts)
  await forgetStorefront(new URL(c.req.url).origin, viewer.account.id)
  return c.json(avatar, 201)
})

const removeAvatarRoute = declareRoute({
  method: 'delete',
  path: '/me/avatar',
  tag,
  summary: 'Removes the avatar (204 also when there was none).',
  permission: 'signedIn',
  csrf: 'json-api',
  responses: { 204: { description: 'Removed.' }, ...errorsOf(401, 409) },
})

profileRoutes.openapi(removeAvatarRoute, async (c) => {
  const viewer = viewerOf(c)
  await removeAvatar(c.env, viewer.account)
  await forgetStorefront(new URL(c.req.url).origin, viewer.account.id)
  return c.body(null, 204)
})
