import { Avatar } from '../components/Avatar'
import {
  CsrfField,
  ErrorSummary,
  Field,
  FieldShell,
  SubmitButton,
  describedBy,
  fieldIds,
} from '../components/forms'
import { Layout, type PageProps } from '../components/Layout'
import { SettingsNav } from '../components/settings/SettingsNav'

/** Props of {@link ProfileSettingsPage}. */
export type ProfileSettingsPageProps = PageProps & {
  /** What the form shows: the saved profile, or what was sent when it was refused. */
  values: { display_name: string; bio: string; location: string }
  /** The current avatar's URL, or null. */
  avatarUrl: string | null
  /** The member's saved name (for the picture's alt text, whatever the form holds). */
  name: string
  errors?: Record<string, string>
}

const pictureHint = 'JPEG, PNG or WebP, up to 10 MB. It is shown as a square, cut from the middle.'

/** Account settings: the profile (name, bio, location) and the picture. Works without JS. */
export function ProfileSettingsPage(props: ProfileSettingsPageProps) {
  const errors = props.errors ?? {}
  const failed = Object.keys(errors).length > 0
  const file = fieldIds('file')
  return (
    <Layout
      title={failed ? 'Error: Your profile' : 'Your profile'}
      viewer={props.viewer}
      nonce={props.nonce}
      csrfToken={props.csrfToken}
      flash={props.flash}
    >
      <div class="narrow">
        <h1>Account settings</h1>
        <SettingsNav current="profile" />
        <ErrorSummary errors={errors} />
        <section class="card" aria-labelledby="profile-title">
          <h2 id="profile-title">Your profile</h2>
          <p>Other members see these on your stall and beside what you sell.</p>
          <form class="form" method="post" action="/account/settings" novalidate>
            {props.csrfToken && <CsrfField token={props.csrfToken} />}
            <Field
              label="Your name"
              name="display_name"
              value={props.values.display_name}
              error={errors.display_name}
              hint="A studio name is fine."
              autocomplete="name"
              maxLength={80}
              required
            />
            <Field
              label="Where you are"
              name="location"
              value={props.values.location}
              error={errors.location}
              hint="A town or a region, as you would like members to read it."
              autocomplete="address-level2"
              maxLength={80}
            />
            <Field
              label="About you"
              name="bio"
              value={props.values.bio}
              error={errors.bio}
              hint="What you make and how. Up to 2000 characters; blank lines start a paragraph."
              maxLength={2000}
              multiline
            />
            <SubmitButton>Save profile</SubmitButton>
          </form>
        </section>
        <section class="card" aria-labelledby="picture-title">
          <h2 id="picture-title">Your picture</h2>
          <div class="avatar-current">
            <Avatar url={props.avatarUrl} name={props.name} />
            <p>{props.avatarUrl ? 'Your current picture.' : 'You have no picture yet.'}</p>
          </div>
          <form
            class="form"
            method="post"
            action="/account/settings/avatar"
            enctype="multipart/form-data"
          >
            {props.csrfToken && <CsrfField token={props.csrfToken} />}
            <FieldShell
              name="file"
              label={props.avatarUrl ? 'A new picture' : 'A picture'}
              error={errors.file}
              hint={pictureHint}
              required
            >
              <input
                id={file.id}
                class="input"
                type="file"
                name="file"
                accept="image/jpeg,image/png,image/webp"
                required
                aria-invalid={errors.file ? 'true' : undefined}
                aria-describedby={describedBy('file', { error: errors.file, hint: pictureHint })}
              />
            </FieldShell>
            <SubmitButton>Upload picture</SubmitButton>
          </form>
          {props.avatarUrl && (
            <form method="post" action="/account/settings/avatar/delete">
              {props.csrfToken && <CsrfField token={props.csrfToken} />}
              <SubmitButton variant="secondary">Remove picture</SubmitButton>
            </form>
          )}
        </section>
      </div>
    </Layout>
  )
}
