import { invalidParameter, missingParameter, unknownParameter } from './errors'
import type { FormObject, FormValue } from './form'

/** One parameter's declared type. Schemas double as the list of what each endpoint accepts. */
export type Spec =
  | { kind: 'string'; required?: boolean; values?: readonly string[] }
  | { kind: 'integer'; required?: boolean; min?: number }
  | { kind: 'boolean'; required?: boolean }
  | { kind: 'metadata'; required?: boolean }
  | { kind: 'object'; required?: boolean; fields: Schema }
  | { kind: 'array'; required?: boolean; items: Spec }

/** An endpoint's parameters by name. */
export type Schema = Record<string, Spec>

type Infer<S> = S extends { kind: 'string' }
  ? string
  : S extends { kind: 'integer' }
    ? number
    : S extends { kind: 'boolean' }
      ? boolean
      : S extends { kind: 'metadata' }
        ? Record<string, string>
        : S extends { kind: 'object'; fields: infer F }
          ? Parsed<F>
          : S extends { kind: 'array'; items: infer I }
            ? Infer<I>[]
            : never

type RequiredKeys<F> = {
  [K in keyof F]: F[K] extends { required: true } ? K : never
}[keyof F]

/** The validated value of a schema: required parameters are present, the rest optional. */
export type Parsed<F> = { [K in RequiredKeys<F>]: Infer<F[K]> } & {
  [K in Exclude<keyof F, RequiredKeys<F>>]?: Infer<F[K]>
}

/** A string parameter, optionally limited to some values. */
export const string = (values?: readonly string[]) => ({
  kind: 'string' as const,
  values,
})
/** An integer parameter (amounts in minor units, counts, timestamps). */
export const integer = (min?: number) => ({ kind: 'integer' as const, min })
/** A boolean parameter, sent as `true` / `false`. */
export const boolean = () => ({ kind: 'boolean' as const })
/** A `metadata[key]=value` hash. */
export const metadata = () => ({ kind: 'metadata' as const })
/** A nested hash with its own fields. */
export const object = <F extends Schema>(fields: F) => ({
  kind: 'object' as const,
  fields,
})
/** A list, sent as `name[0]=…` or `name[]=…`. */
export const array = <I extends Spec>(items: I) => ({
  kind: 'array' as const,
  items,
})
/** Marks a parameter as required. */
export const required = <S extends Spec>(spec: S) => ({
  ...spec,
  required: true as const,
})

/** `expand[]` is accepted by every endpoint. */
const common = { expand: array(string()) } satisfies Schema

/**
 * Checks a decoded form against a schema the way Stripe does: unknown names, wrong types and
 * missing required parameters are 400s naming the parameter in bracket notation.
 * An empty string means "unset", as stripe-node sends for `null`.
 */
export function parseParams<F extends Schema>(
  input: FormObject,
  schema: F,
): Parsed<F & typeof common> {
  return parseObject(input, { ...common, ...schema }, '') as Parsed<F & typeof common>
}

function parseObject(input: FormObject, schema: Schema, prefix: string): Record<string, unknown> {
  const name = (key: string) => (prefix ? `${prefix}[${key}]` : key)
  for (const key of Object.keys(input)) {
    if (!(key in schema)) throw unknownParameter(name(key))
  }
  const output: Record<string, unknown> = {}
  for (const [key, spec] of Object.entries(schema)) {
    const raw = input[key]
    const value = raw === undefined || raw === '' ? undefined : parseValue(raw, spec, name(key))
    if (value === undefined) {
      if (spec.required) throw missingParameter(name(key))
      continue
    }
    output[key] = value
  }
  return output
}

function parseValue(raw: FormValue, spec: Spec, param: string): unknown {
  switch (spec.kind) {
    case 'string':
      if (typeof raw !== 'string') throw invalidParameter(param, `Invalid string: ${param}`)
      if (spec.values && !spec.values.includes(raw)) {
        const allowed = spec.values.join(', ')
        throw invalidParameter(param, `Invalid ${param}: must be one of ${allowed}`)
      }
      return raw
    case 'integer': {
      if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) {
        const shown = typeof raw === 'string' ? raw : 'an object'
        throw invalidParameter(param, `Invalid integer: ${shown}`, 'parameter_invalid_integer')
      }
      const value = Number(raw)
      if (spec.min !== undefined && value < spec.min) {
        const message = `This value must be greater than or equal to ${spec.min}.`
        throw invalidParameter(param, message, 'parameter_invalid_integer')
      }
      return value
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') {
        const shown = typeof raw === 'string' ? raw : 'an object'
        throw invalidParameter(param, `Invalid boolean: ${shown}`, 'parameter_invalid_boolean')
      }
      return raw === 'true'
    case 'metadata': {
      if (typeof raw === 'string') throw invalidParameter(param, `Invalid hash: ${param}`)
      // A key that looks like an index (`metadata[0]`) was turned into an array; undo that.
      const entries = Array.isArray(raw)
        ? raw.map((v, i) => [String(i), v] as const)
        : Object.entries(raw)
      const output: Record<string, string> = {}
      for (const [key, value] of entries) {
        if (typeof value !== 'string') throw invalidParameter(`${param}[${key}]`, 'Invalid string')
        output[key] = value
      }
      return output
    }
    case 'object':
      if (typeof raw === 'string' || Array.isArray(raw)) {
        throw invalidParameter(param, `Invalid object: ${param}`, 'parameter_invalid_object')
      }
      return parseObject(raw, spec.fields, param)
    case 'array': {
      if (typeof raw === 'string') {
        throw invalidParameter(param, `Invalid array: ${param}`, 'parameter_invalid_array')
      }
      const items = Array.isArray(raw) ? raw : Object.values(raw)
      return items.map((item, i) => parseValue(item, spec.items, `${param}[${i}]`))
    }
  }
}
