/**
 * The settings hub, `/account/settings`: the profile form and the picture form, plain posts
 * that work without JavaScript and call the same services as the JSON API.
 */
import type { Context } from 'hono'

import { ProfileSettingsPage } from '../../web/pages/ProfileSettingsPage.tsx'
import type { AppEnv, Viewer } from '../app.ts'
import { mediaUrl } from '../media/repository.ts'
import { readImageUploads } from '../media/uploads.ts'
import { AppError } from '../lib/errors.ts'
import { pageRouter } from '../pages/declare.ts'
import { checkCsrf, emptyForm } from '../pages/helpers.tsx'
import { html, pageBase } from '../pages/render.tsx'
import { removeAvatar, setAvatar } from './avatar-store.ts'
import { profileFields } from './schemas.ts'
import { forgetStorefront, updateProfile } from './service.ts'

export const profilePageRoutes = pageRouter()

type Ctx = Context<AppEnv>

const settings = { tag: 'Accounts', permission: 'signedIn' } as const
const SETTINGS = '/account/settings'

const notices = {
  profile: { kind: 'success', message: 'Your profile is saved.' },
  avatar: { kind: 'success', message: 'Your new picture is up.' },
  'avatar-removed': { kind: 'success', message: 'Your picture is removed.' },
} as const

function notice(c: Ctx) {
  const saved = c.req.query('saved')
  return saved && Object.hasOwn(notices, saved) ? notices[saved as keyof typeof notices] : undefined
}

/** The page, with the saved profile or the refused values and the errors beside the fields. */
function settingsPage(
  c: Ctx,
  viewer: Viewer,
  options: { values?: Record<string, string>; errors?: Record<string, string> } = {},
  status: 200 | 400 | 403 | 409 | 413 | 415 = 200,
) {
  const { account } = viewer
  const values = {
    display_name: options.values?.display_name ?? account.display_name,
    bio: options.values?.bio ?? account.bio,
    location: options.values?.location ?? account.location,
  }
  return html(
    c,
    <ProfileSettingsPage
      {...pageBase(c)}
      values={values}
      name={account.display_name}
      avatarUrl={account.avatar_key ? mediaUrl(account.avatar_key) : null}
      errors={options.errors}
      flash={notice(c)}
    />,
    status,
  )
}

profilePageRoutes.page(
  {
    ...settings,
    method: 'get',
    path: SETTINGS,
    summary: 'Account settings: the profile.',
    csrf: 'none',
  },
  (c, { viewer }) => settingsPage(c, viewer),
)

profilePageRoutes.page(
  {
    ...settings,
    method: 'post',
    path: SETTINGS,
    summary: 'Saves the profile: name, bio, location.',
    csrf: 'token',
    form: profileFields.strip(),
  },
  async (c, { viewer, form }) => {
    if (!form.ok) return settingsPage(c, viewer, { values: form.raw, errors: form.errors }, 400)
    await updateProfile(c.env.DB, viewer, form.data)
    await forgetStorefront(new URL(c.req.url).origin, viewer.account.id)
    return c.redirect(`${SETTINGS}?saved=profile`, 303)
  },
)

profilePageRoutes.page(
  {
    ...settings,
    method: 'post',
    path: `${SETTINGS}/avatar`,
    summary: 'Sets the picture (multipart).',
    csrf: 'multipart-token',
  },
  async (c, { viewer }) => {
    try {
      const upload = await readImageUploads(c.req.raw)
      checkCsrf(c, upload.fields)
      const [image] = upload.images
      if (!image)
        throw new AppError(400, 'invalid_input', 'Choose a picture.', {
          file: 'Choose a picture first.',
        })
      await setAvatar(c.env, viewer.account, image.bytes, image.facts)
    } catch (error) {
      // A refused picture is shown beside the file field; anything else is the error page.
      if (error instanceof AppError && error.fields?.file && error.status !== 403) {
        const status = error.status as 400 | 409 | 413 | 415
        return settingsPage(c, viewer, { errors: { file: error.fields.file } }, status)
      }
      throw error
    }
    await forgetStorefront(new URL(c.req.url).origin, viewer.account.id)
    return c.redirect(`${SETTINGS}?saved=avatar`, 303)
  },
)

profilePageRoutes.page(
  {
    ...settings,
    method: 'post',
    path: `${SETTINGS}/avatar/delete`,
    summary: 'Removes the picture.',
    csrf: 'token',
    form: emptyForm,
  },
  async (c, { viewer }) => {
    await removeAvatar(c.env, viewer.account)
    await forgetStorefront(new URL(c.req.url).origin, viewer.account.id)
    return c.redirect(`${SETTINGS}?saved=avatar-removed`, 303)
  },
)
