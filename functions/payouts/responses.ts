/** Answer schemas of the payouts API. */
import { z } from 'zod'

/** Where the seller continues onboarding with Stripe. */
export const onboardingSchema = z.object({ onboarding_url: z.string() })
