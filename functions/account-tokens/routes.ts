/**
 * The token flows' API: confirming an address, resetting a password, changing the password or
 * the address (spec/api.md "Accounts and membership").
 */
import { viewerOf } from '../access/api.ts'
import { errorsOf } from '../lib/responses.ts'
import { apiRouter, declareRoute, jsonAnswer, jsonBody } from '../lib/routes.ts'
import { requestEmailChange } from './email-change.ts'
import { changePassword } from './password-change.ts'
import { limitTokenUse, requestPasswordReset, resetPassword } from './reset.ts'
import { confirmedSchema, pendingEmailSchema } from './responses.ts'
import {
  emailChangeBody,
  passwordChangeBody,
  resetBody,
  resetRequestBody,
  tokenParams,
} from './schemas.ts'
import { confirmAddress, resendVerification } from './verification.ts'

export const accountTokenRoutes = apiRouter()

const tag = 'Accounts'

const resendRoute = declareRoute({
  method: 'post',
  path: '/email-verifications',
  tag,
  summary: 'Sends the link that confirms your address again; earlier links stop working.',
  permission: 'signedIn',
  csrf: 'json-api',
  responses: { 202: { description: 'Sent.' }, ...errorsOf(401, 409, 429) },
})

accountTokenRoutes.openapi(resendRoute, async (c) => {
  await resendVerification(c.env, viewerOf(c), c.req.url)
  return c.body(null, 202)
})

const confirmRoute = declareRoute({
  method: 'post',
  path: '/email-verifications/{token}',
  tag,
  summary: 'Confirms an address with the token from its email (an email change takes effect).',
  permission: 'anonymous',
  csrf: 'json-api',
  request: { params: tokenParams },
  responses: {
    200: jsonAnswer('The confirmed address.', confirmedSchema),
    ...errorsOf(400, 409, 429),
  },
})

accountTokenRoutes.openapi(confirmRoute, async (c) => {
  await limitTokenUse(c.env, c.req.header('cf-connecting-ip'), new Date())
  return c.json(await confirmAddress(c.env, c.req.valid('param').token), 200)
})

const resetRequestRoute = declareRoute({
  method: 'post',
  path: '/password-resets',
  tag,
  summary: 'Emails a password reset link, if the address has an account (202 either way).',
  permission: 'anonymous',
  csrf: 'json-api',
  request: { body: jsonBody(resetRequestBody) },
  responses: { 202: { description: 'Accepted.' }, ...errorsOf(400, 413, 415, 429) },
})

accountTokenRoutes.openapi(resetRequestRoute, async (c) => {
  const { email } = c.req.valid('json')
  await requestPasswordReset(c.env, c.req.url, email, c.req.header('cf-connecting-ip'))
  return c.body(null, 202)
})

const resetRoute = declareRoute({
  method: 'post',
  path: '/password-resets/{token}',
  tag,
  summary: 'Sets a new password with a reset token; every session of the account ends.',
  permission: 'anonymous',
  csrf: 'json-api',
  request: { params: tokenParams, body: jsonBody(resetBody) },
  responses: { 204: { description: 'Changed.' }, ...errorsOf(400, 413, 415, 429) },
})

accountTokenRoutes.openapi(resetRoute, async (c) => {
  await limitTokenUse(c.env, c.req.header('cf-connecting-ip'), new Date())
  await resetPassword(c.env, c.req.valid('param').token, c.req.valid('json').password)
  return c.body(null, 204)
})

const passwordRoute = declareRoute({
  method: 'put',
  path: '/me/password',
  tag,
  summary: 'Changes your password (the current one asked); your other sessions end.',
  permission: 'signedIn',
  csrf: 'json-api',
  request: { body: jsonBody(passwordChangeBody) },
  responses: { 204: { description: 'Changed.' }, ...errorsOf(400, 401, 413, 415, 429) },
})

accountTokenRoutes.openapi(passwordRoute, async (c) => {
  await changePassword(c.env, viewerOf(c), c.req.valid('json'))
  return c.body(null, 204)
})

const emailRoute = declareRoute({
  method: 'post',
  path: '/me/email',
  tag,
  summary: 'Asks to change your address: it takes effect once confirmed from the new one.',
  permission: 'signedIn',
  csrf: 'json-api',
  request: { body: jsonBody(emailChangeBody) },
  responses: {
    202: jsonAnswer('The address waiting for confirmation.', pendingEmailSchema),
    ...errorsOf(400, 401, 409, 413, 415, 429),
  },
})

accountTokenRoutes.openapi(emailRoute, async (c) => {
  return c.json(await requestEmailChange(c.env, viewerOf(c), c.req.url, c.req.valid('json')), 202)
})
