import { base, type EmulatorContext } from '../context'
import { invalidParameter } from '../errors'
import { newId } from '../ids'
import { array, boolean, integer, metadata, object, required, string } from '../params'
import type { StripeObject } from '../state'

/** The parameters of `POST /v1/checkout/sessions` the emulator knows. */
export const createSchema = {
  mode: required(string(['payment'])),
  line_items: required(
    array(
      object({
        quantity: required(integer(1)),
        price_data: required(
          object({
            currency: required(string()),
            unit_amount: required(integer(0)),
            tax_behavior: string(['exclusive', 'inclusive', 'unspecified']),
            product_data: required(
              object({
                name: required(string()),
                description: string(),
                images: array(string()),
                metadata: metadata(),
              }),
            ),
          }),
        ),
      }),
    ),
  ),
  success_url: string(),
  cancel_url: string(),
  client_reference_id: string(),
  customer_email: string(),
  metadata: metadata(),
  expires_at: integer(),
  locale: string(),
  submit_type: string(['auto', 'book', 'donate', 'pay']),
  // This API version computes methods dynamically; `allowed_…` filters them (no more
  // `payment_method_types` on create). The emulator knows cards and US bank debits.
  allowed_payment_method_types: array(string(['card', 'us_bank_account'])),
  excluded_payment_method_types: array(string(['card', 'us_bank_account'])),
  allow_promotion_codes: boolean(),
  billing_address_collection: string(['auto', 'required']),
  shipping_address_collection: object({
    allowed_countries: required(array(string())),
  }),
  shipping_options: array(
    object({
      shipping_rate_data: required(
        object({
          display_name: required(string()),
          type: string(['fixed_amount']),
          fixed_amount: required(
            object({ amount: required(integer(0)), currency: required(string()) }),
          ),
          tax_behavior: string(['exclusive', 'inclusive', 'unspecified']),
          metadata: metadata(),
        }),
      ),
    }),
  ),
  payment_intent_data: object({
    transfer_group: string(),
    metadata: metadata(),
    description: string(),
    receipt_email: string(),
    statement_descriptor_suffix: string(),
  }),
}

/** One `shipping_options[]` entry as sent. */
export interface ShippingOptionParam {
  shipping_rate_data: {
    display_name: string
    fixed_amount: { amount: number; currency: string }
    tax_behavior?: string
    metadata?: Record<string, string>
  }
}

/** A shipping address as Checkout collects it (`collected_information.shipping_details`). */
export interface ShippingDetails {
  name: string
  address: {
    line1: string
    line2: string | null
    city: string
    state: string | null
    postal_code: string
    country: string
  }
}

/**
 * Creates the ShippingRate objects `shipping_rate_data` describes (Stripe does this too) and
 * returns the session's `shipping_options`, in the session's currency only.
 */
export function shippingOptions(
  ctx: EmulatorContext,
  options: ShippingOptionParam[],
  currency: string,
) {
  return options.map((option, index) => {
    const data = option.shipping_rate_data
    if (data.fixed_amount.currency.toLowerCase() !== currency) {
      const param = `shipping_options[${index}][shipping_rate_data][fixed_amount][currency]`
      throw invalidParameter(param, 'Shipping rates must use the currency of the line items.')
    }
    const rate: StripeObject = ctx.state.put({
      ...base(newId('shr'), 'shipping_rate', ctx.state.now()),
      active: true,
      delivery_estimate: null,
      display_name: data.display_name,
      fixed_amount: { amount: data.fixed_amount.amount, currency },
      metadata: data.metadata ?? {},
      tax_behavior: data.tax_behavior ?? 'unspecified',
      tax_code: null,
      type: 'fixed_amount',
    })
    return { shipping_amount: data.fixed_amount.amount, shipping_rate: rate.id }
  })
}

/** The test address a customer "enters" when a script pays without address fields. */
export const DEFAULT_TEST_ADDRESS: ShippingDetails = {
  name: 'Jenny Rosen',
  address: {
    line1: '510 Townsend St',
    line2: null,
    city: 'San Francisco',
    state: 'CA',
    postal_code: '94103',
    country: 'US',
  },
}
