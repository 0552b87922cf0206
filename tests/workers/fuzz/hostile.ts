/**
 * Hostile inputs: values of the wrong type, boundary numbers, huge and odd Unicode strings, and
 * mutations of a valid body (a required field dropped, an unknown one added, one field made
 * hostile), plus JSON texts that are not quite JSON. Every route's body and query draw on these.
 */
import fc from 'fast-check'

import type { JsonSchema } from './schema-arb.ts'

/** Characters that have broken text handling somewhere. */
export const oddCharacters = [
  '\u0000', // NUL: truncates C strings and SQLite's string functions
  '\ud800', // a lone high surrogate (JSON.stringify escapes it as \ud800)
  '\udfff', // a lone low surrogate
  '\u202e', // RIGHT-TO-LEFT OVERRIDE
  '\u2066', // LEFT-TO-RIGHT ISOLATE
  '\u200f', // RIGHT-TO-LEFT MARK
  '\u0301', // a combining acute accent with nothing to combine with
  'e\u0301', // é, decomposed (NFC makes it one code point)
  '\ufeff', // BYTE ORDER MARK / zero-width no-break space
  '\u200b', // ZERO WIDTH SPACE
  '\u00a0', // NO-BREAK SPACE
  '\r\n', // a header-splitting line break
  '\u2028', // LINE SEPARATOR
  '\u{1f469}\u200d\u{1f469}\u200d\u{1f467}', // a family emoji: one grapheme, five code points
  '\u{10ffff}', // the last code point
  'ﷺ', // expands greatly under NFKC
  '%00',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\\',
  '"',
]

/** Strings made of odd characters, some past any field's limit. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...oddCharacters),
  fc
    .array(fc.constantFrom(...oddCharacters, 'a', ' ', 'Ω'), { minLength: 1, maxLength: 12 })
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '   \t  ', 'null', 'true', '0', '-1', 'NaN', 'Infinity', '[]', '{}'),
)

/** Strings longer than a field allows: just past `maxLength`, and ~64 kB and more. */
export const hugeString = (maxLength = 200): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant('a'.repeat(maxLength + 1)),
    fc.constant('\u{1f600}'.repeat(maxLength + 1)),
    fc.constant('e\u0301'.repeat(maxLength + 1)),
    fc.constant('x'.repeat(70_000)),
    fc.constant('\u00e9'.repeat(40_000)),
  )

/** Numbers at and past every edge a schema might draw. */
export const boundaryNumbers = (schema: JsonSchema = {}): number[] => {
  const edges = [schema.minimum, schema.maximum, schema.exclusiveMinimum, schema.exclusiveMaximum]
    .filter((n): n is number => typeof n === 'number')
    .flatMap((n) => [n - 1, n, n + 1, n + 0.5])
  return [0, -0, -1, 1, 0.5, 1.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308].concat(
    [5e-324, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER],
    edges,
  )
}

/** The same numbers as query-string text, plus what is not a number at all. */
export const numberTexts = (schema: JsonSchema = {}): string[] => [
  ...boundaryNumbers(schema).map(String),
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '1e309',
  '-0',
  '0x10',
  '1_000',
  ' 1',
  '1 ',
  '١٢',
  '',
  '00012',
  '+5',
  '1.0',
]

/** A value of some other type than `schema` declares (or any type, when it declares none). */
export function hostileValue(schema: JsonSchema = {}): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(null, true, false, [], {}, [null], { '': null }, [[[]]]),
    fc.constantFrom(...boundaryNumbers(schema)),
    oddString,
    hugeString(schema.maxLength),
    fc.jsonValue({ maxDepth: 3 }),
    // Deep nesting: a recursive parser's stack.
    fc.constant(JSON.parse('['.repeat(2000) + ']'.repeat(2000)) as unknown),
  )
}

const unknownKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'seller_id', 'role', 'admin'),
  fc.string({ minLength: 1, maxLength: 12 }),
)

/** `value` (a valid body) changed in one way that the schema should refuse, or might not. */
export function mutate(schema: JsonSchema, value: unknown): fc.Arbitrary<unknown> {
  const properties = Object.keys(schema.properties ?? {})
  const object = typeof value === 'object' && value !== null && !Array.isArray(value)
  const record = object ? (value as Record<string, unknown>) : {}
  const choices: fc.Arbitrary<unknown>[] = [
    hostileValue(schema),
    fc.constant([value]),
    fc.constant(JSON.stringify(value)),
  ]
  if (object && properties.length) {
    const key = fc.constantFrom(...properties)
    choices.push(
      key.chain((k) =>
        hostileValue(schema.properties?.[k]).map((bad) => ({ ...record, [k]: bad })),
      ),
      key.map((k) => Object.fromEntries(Object.entries(record).filter(([name]) => name !== k))),
      key.map((k) => ({ ...record, [k]: null })),
    )
  }
  choices.push(
    fc
      .tuple(unknownKey, fc.jsonValue({ maxDepth: 1 }))
      .map(([k, v]) => (object ? { ...record, [k]: v } : { [k]: v })),
  )
  return fc.oneof(...choices)
}

/** Texts that are not JSON, or are JSON a strict reader might trip over, made from `valid`. */
export function malformedJson(valid: string): fc.Arbitrary<string> {
  const duplicated = valid.startsWith('{"')
    ? `{"${valid.slice(2, valid.indexOf('"', 2))}":null,${valid.slice(1)}`
    : `{"a":1,"a":2}`
  return fc.oneof(
    fc.nat({ max: Math.max(0, valid.length - 1) }).map((n) => valid.slice(0, n)),
    fc.constant(valid.replace(/}$/, ',}').replace(/]$/, ',]')),
    fc.constant(duplicated),
    fc.constantFrom('"just a string"', 'NaN', '{"a":NaN}', '{"a":Infinity}', "{'a':1}", '{a:1}'),
    fc.constantFrom('', ' ', 'null', '[]', '0', 'true', '\ufeff{}', `\ufeff${valid}`),
    fc.constant(`${valid}${valid}`),
    fc.constant(`${valid} // comment`),
    fc.constant('{"a":"\\ud800"}'),
    fc.constant('{"a":"\\u0000"}'),
    fc.constant('['.repeat(100_000)),
    fc.constant(' '.repeat(70_000) + valid),
  )
}
