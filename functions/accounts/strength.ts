/**
 * Password strength: zxcvbn's estimate of how many guesses a password takes, with its advice
 * in plain words. Used wherever a member chooses a password (sign-up, reset, change).
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common'
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en'

import { AppError } from '../lib/errors.ts'

/** The lowest zxcvbn score (0–4) accepted: 3 is "safely unguessable" (about 10^8 guesses+). */
export const MIN_PASSWORD_SCORE = 3

/** What the check found: `message` is the advice to show beside the password field. */
export interface PasswordStrength {
  ok: boolean
  score: number
  message: string
}

let factory: ZxcvbnFactory | undefined

// Building the ranked dictionaries takes tens of milliseconds: do it on the first check in
// this isolate, not at module load, so requests that never check a password do not pay.
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
    // Levenshtein matching multiplies a check's CPU time by ten or more (hundreds of ms):
    // too dear for a Worker, and the plain dictionaries with l33t variants already catch
    // the common passwords.
    useLevenshteinDistance: false,
  })
  return factory
}

/**
 * The pieces of a name or address a password should not contain: each input whole and its
 * words of 3+ characters. Of an email only the part before `@` counts: a password with
 * "gmail" in it is no easier to guess for belonging to a gmail user.
 */
function personalWords(userInputs: string[]): string[] {
  const words = userInputs.flatMap((input) => {
    const lower = input.toLowerCase().normalize('NFC')
    const at = lower.lastIndexOf('@')
    const local = at > 0 ? lower.slice(0, at) : lower
    return [local, ...local.split(/[^\p{L}\p{N}]+/u)]
  })
  return [...new Set(words.filter((word) => word.length >= 3))]
}

/** The 400 for a password refused by {@link checkPasswordStrength}, on the field `field`. */
export function weakPassword(message: string, field = 'password') {
  return new AppError(400, 'invalid_input', 'Choose a stronger password.', { [field]: message })
}

/** Throws {@link weakPassword} unless `password` passes {@link checkPasswordStrength}. */
export function requireStrongPassword(password: string, userInputs: string[], field = 'password') {
  const strength = checkPasswordStrength(password, userInputs)
  if (!strength.ok) throw weakPassword(strength.message, field)
}

/**
 * Scores `password` against zxcvbn's dictionaries and the member's own `userInputs` (name,
 * email): refused below MIN_PASSWORD_SCORE, or when it contains one of them, with the advice.
 */
export function checkPasswordStrength(password: string, userInputs: string[]): PasswordStrength {
  const personal = personalWords(userInputs)
  const result = zxcvbn().check(password, personal)
  const lower = password.toLowerCase()
  const containsPersonal =
    personal.some((word) => lower.includes(word)) ||
    result.sequence.some((match) => match.dictionaryName === 'userInputs')
  const ok = result.score >= MIN_PASSWORD_SCORE && !containsPersonal
  if (ok) return { ok, score: result.score, message: '' }
  const advice = [
    containsPersonal ? 'It contains your name or email address.' : null,
    result.feedback.warning,
    ...result.feedback.suggestions,
  ].filter((line): line is string => Boolean(line))
  if (!advice.length) advice.push('Add another word or two that would be hard to guess.')
  const message = ['This password is too easy to guess.', ...advice]
    .map((line) => (/[.!?]$/.test(line) ? line : `${line}.`))
    .join(' ')
  return { ok, score: result.score, message }
}
