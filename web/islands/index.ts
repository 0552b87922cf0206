import type { FunctionComponent } from 'preact'
import { Gallery } from './Gallery'
import { ImageUploader } from './ImageUploader'
import { PasswordInput } from './PasswordInput'

/** Every island the client can hydrate, by the `name` given to `<Island>` on the server. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- props come from JSON
export const islands: Record<string, FunctionComponent<any>> = {
  Gallery,
  ImageUploader,
  PasswordInput,
}
