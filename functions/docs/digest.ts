/**
 * The OpenAPI document, digested for the reference page: routes grouped by tag, each with who
 * may call it, its parameters, body fields and answers. Reads only the document, so the page
 * can never show a contract other than the one served as JSON.
 */
import type { ApiDocsGroup, ApiDocsRoute, DocsField } from '../../web/pages/ApiDocsPage.tsx'

/** The parts of an OpenAPI 3.1 document the page reads. */
export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string; description?: string }
  paths?: Record<string, Record<string, Operation | undefined> | undefined>
}

interface JsonSchema {
  type?: string | string[]
  description?: string
  format?: string
  enum?: unknown[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
}

interface Operation {
  tags?: string[]
  summary?: string
  description?: string
  'x-permission'?: string
  'x-csrf'?: string
  'x-rate-limit'?: string
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[]
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> }
  responses?: Record<string, { description?: string }>
}

/** The HTTP methods a path item may hold, in the order the page lists them. */
export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** A short type name of a JSON Schema: `string`, `integer | null`, `"a" | "b"`, `string[]`. */
export function typeName(schema: JsonSchema | undefined): string {
  if (!schema) return 'any'
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ')
  if (schema.anyOf) return schema.anyOf.map(typeName).join(' | ')
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'any']
  return types
    .map((type) => {
      if (type === 'array') return `${typeName(schema.items)}[]`
      if (type === 'string' && schema.format) return `string (${schema.format})`
      return type
    })
    .join(' | ')
}

function bodyFields(schema: JsonSchema | undefined): DocsField[] {
  const required = new Set(schema?.required ?? [])
  return Object.entries(schema?.properties ?? {}).map(([name, field]) => ({
    name,
    type: typeName(field),
    required: required.has(name),
    description: field.description,
  }))
}

function routeOf(path: string, method: string, operation: Operation): ApiDocsRoute {
  const [bodyType, body] = Object.entries(operation.requestBody?.content ?? {})[0] ?? []
  return {
    method: method.toUpperCase(),
    path,
    summary: operation.summary ?? '',
    description: operation.description,
    permission: operation['x-permission'] ?? 'undeclared',
    csrf: operation['x-csrf'] ?? 'undeclared',
    rateLimit: operation['x-rate-limit'],
    parameters: (operation.parameters ?? []).map((parameter) => ({
      name: parameter.name,
      in: parameter.in,
      type: typeName(parameter.schema),
      required: parameter.required ?? false,
      description: parameter.schema?.description,
    })),
    bodyType,
    bodyFields: bodyFields(body?.schema),
    responses: Object.entries(operation.responses ?? {}).map(([status, answer]) => ({
      status,
      description: answer.description ?? '',
    })),
  }
}

/** Every route of the document, grouped by its first tag, groups and routes in path order. */
export function digest(document: OpenApiDocument): ApiDocsGroup[] {
  const groups = new Map<string, ApiDocsRoute[]>()
  const paths = Object.entries(document.paths ?? {}).sort(([a], [b]) => a.localeCompare(b))
  for (const [path, item] of paths) {
    for (const method of METHODS) {
      const operation = item?.[method]
      if (!operation) continue
      const tag = operation.tags?.[0] ?? 'Other'
      groups.set(tag, [...(groups.get(tag) ?? []), routeOf(path, method, operation)])
    }
  }
  return [...groups].map(([tag, routes]) => ({ tag, routes }))
}
