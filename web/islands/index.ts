import type { FunctionComponent } from 'preact'
import { CartLink } from './CartLink'
import { Gallery } from './Gallery'
import { ImageUploader } from './ImageUploader'
import { OrderStatusWatch } from './OrderStatusWatch'
import { PasswordInput } from './PasswordInput'
import { QuantityStepper } from './QuantityStepper'
import { RulesPreview } from './RulesPreview'

/** Every island the client can hydrate, by the `name` given to `<Island>` on the server. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- props come from JSON
export const islands: Record<string, FunctionComponent<any>> = {
  CartLink,
  Gallery,
  ImageUploader,
  OrderStatusWatch,
  PasswordInput,
  QuantityStepper,
  RulesPreview,
}
