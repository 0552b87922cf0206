/** Every email's words: short and plain, one template per kind of the contract. */
import { formatMoney } from '../../web/components/money.ts'
import type { Block, Rendered } from './blocks.ts'
import type { EmailData, EmailKind } from './types.ts'

type Templates = { [K in EmailKind]: (data: EmailData[K], coop: string) => Rendered }

const hello = (name: string): Block => `Hello ${name},`

/** The templates by kind; each gets its data and the co-op's name. */
export const templates: Templates = {
  confirm_address: (d, coop) => ({
    subject: `Confirm your email address for ${coop}`,
    blocks: [
      hello(d.name),
      'Please confirm that this is your email address. The link works for 24 hours, once.',
      { link: 'Confirm my address', url: d.url },
      'If you did not ask for this, you can ignore this email.',
    ],
  }),
  password_reset: (d, coop) => ({
    subject: `Reset your ${coop} password`,
    blocks: [
      hello(d.name),
      'Someone asked to reset the password of your account. The link works for one hour, once.',
      { link: 'Choose a new password', url: d.url },
      'If it was not you, ignore this email: your password stays as it is.',
    ],
  }),
  email_changed: (d) => ({
    subject: 'Your email address was changed',
    blocks: [
      hello(d.name),
      `Your account's email address is now ${d.new_email}. Email will go there from now on.`,
      'If you did not make this change, reply to this email or contact the co-op at once.',
    ],
  }),
  new_sign_in: (d) => ({
    subject: 'A new sign-in to your account',
    blocks: [
      hello(d.name),
      `Your account was signed in to from ${d.client} at ${d.at}.`,
      'If it was you, there is nothing to do. If not, end that session and change your password.',
      { link: 'See your signed-in devices', url: d.sessions_url },
    ],
  }),
  sign_in_locked: (d) => ({
    subject: 'Sign-in to your account is paused',
    blocks: [
      hello(d.name),
      `After several wrong passwords, signing in is paused until ${d.until}.`,
      'If it was not you, someone may be guessing your password. You can reset it now.',
      { link: 'Reset my password', url: d.reset_url },
    ],
  }),
  membership_active: (d, coop) => ({
    subject: `Welcome: you are a member of ${coop}`,
    blocks: [
      hello(d.name),
      `Your share is paid and your membership of ${coop} is active. Thank you for joining.`,
      { link: 'Your account', url: d.account_url },
    ],
  }),
  application_decided: (d) => ({
    subject: d.approved ? 'Your seller application is approved' : 'Your seller application',
    blocks: [
      hello(d.name),
      d.approved
        ? 'Your application to sell is approved. You can set up payouts and list your work.'
        : 'Your application to sell was not approved this time.',
      ...(d.note ? [`Note from the co-op: ${d.note}`] : []),
      { link: d.approved ? 'Start selling' : 'Your application', url: d.url },
    ],
  }),
  order_paid: (d) => ({
    subject: `Order ${d.order_id} is paid`,
    blocks: [
      hello(d.name),
      `Thank you: your payment of ${formatMoney(d.total_cents, d.currency)} went through.`,
      'The sellers have been told and will send your items.',
      { link: 'See your order', url: d.url },
    ],
  }),
  new_sale: (d) => ({
    subject: `New sale: order ${d.order_id}`,
    blocks: [
      hello(d.name),
      'You made a sale. Please send:',
      { list: d.lines.map((line) => `${line.quantity} × ${line.title}`) },
      d.ship_to ? `Ship to: ${d.ship_to}` : 'Nothing to ship: the buyer downloads it.',
      { link: 'See your sales', url: d.url },
    ],
  }),
  order_shipped: (d) => ({
    subject: `Shipped: ${d.title}`,
    blocks: [
      hello(d.name),
      `${d.title} from order ${d.order_id} is on its way with ${d.carrier}.`,
      `Tracking number: ${d.tracking}`,
      { link: 'See your order', url: d.url },
    ],
  }),
  refund_issued: (d) => ({
    subject: `A refund for order ${d.order_id}`,
    blocks: [
      hello(d.name),
      `${formatMoney(d.amount_cents, d.currency)} is refunded to the card you paid with.`,
      'It can take a few days to show on your statement.',
      { link: 'See your order', url: d.url },
    ],
  }),
  dispute_opened: (d) => ({
    subject: `A payment dispute on order ${d.order_id}`,
    blocks: [
      hello(d.name),
      `The buyer's bank has disputed ${formatMoney(d.amount_cents, d.currency)} of order ${d.order_id}.`,
      'The co-op answers the bank; you may be asked for proof of delivery.',
      { link: 'See the sale', url: d.url },
    ],
  }),
  patronage_ready: (d, coop) => ({
    subject: `Your ${d.year} patronage statement is ready`,
    blocks: [
      hello(d.name),
      `${coop}'s surplus for ${d.year} is shared out, and your statement is ready.`,
      { link: 'See your statement', url: d.url },
    ],
  }),
}

/** Renders an email of any kind. */
export function render<K extends EmailKind>(kind: K, data: EmailData[K], coop: string): Rendered {
  return templates[kind](data, coop)
}
