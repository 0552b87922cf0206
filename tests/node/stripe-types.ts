import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import ts from 'typescript'

/** A property the `stripe` package's types declare without `?`. */
export interface RequiredField {
  name: string
  /** The declared type admits `null`. */
  nullable: boolean
}

/** One Stripe object interface: where it is declared and what it always carries. */
export interface ObjectShape {
  interfaceName: string
  file: string
  required: RequiredField[]
}

const TYPES_ROOT = join(import.meta.dirname, '../../node_modules/stripe/cjs/resources')

/**
 * Reads every `.d.ts` of the installed `stripe` package and indexes its object interfaces by
 * their `object` literal (`object: 'charge'` → Charge). stripe-node 23 ships its declarations
 * beside the code (`cjs/resources/**`), not in a `types/` folder as older releases did.
 */
export function stripeObjectShapes(): Map<string, ObjectShape> {
  const shapes = new Map<string, ObjectShape>()
  for (const file of declarationFiles(TYPES_ROOT)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
    // Only top-level interfaces: nested namespaces hold params and sub-objects.
    for (const statement of source.statements) {
      if (!ts.isInterfaceDeclaration(statement)) continue
      const literal = objectLiteral(statement)
      if (!literal || shapes.has(literal)) continue
      shapes.set(literal, {
        interfaceName: statement.name.text,
        file: file.slice(TYPES_ROOT.length + 1),
        required: requiredFields(statement),
      })
    }
  }
  return shapes
}

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return declarationFiles(path)
    return entry.name.endsWith('.d.ts') ? [path] : []
  })
}

function objectLiteral(node: ts.InterfaceDeclaration): string | undefined {
  for (const member of node.members) {
    if (!ts.isPropertySignature(member) || propertyName(member) !== 'object') continue
    const type = member.type
    if (type && ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal))
      return type.literal.text
  }
  return undefined
}

function requiredFields(node: ts.InterfaceDeclaration): RequiredField[] {
  const fields: RequiredField[] = []
  for (const member of node.members) {
    if (!ts.isPropertySignature(member) || member.questionToken) continue
    const name = propertyName(member)
    if (name) fields.push({ name, nullable: admitsNull(member.type) })
  }
  return fields
}

function propertyName(member: ts.PropertySignature): string | undefined {
  const name = member.name
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined
}

function admitsNull(type: ts.TypeNode | undefined): boolean {
  if (!type) return true
  if (type.kind === ts.SyntaxKind.AnyKeyword || type.kind === ts.SyntaxKind.UnknownKeyword)
    return true
  if (ts.isLiteralTypeNode(type)) return type.literal.kind === ts.SyntaxKind.NullKeyword
  if (ts.isUnionTypeNode(type)) return type.types.some((t) => admitsNull(t))
  if (ts.isParenthesizedTypeNode(type)) return admitsNull(type.type)
  return false
}

/**
 * The problems of one emulator object against its Stripe interface: a required field that is
 * missing, or null where the type does not allow it.
 */
export function shapeProblems(object: Record<string, unknown>, shape: ObjectShape): string[] {
  const problems: string[] = []
  for (const field of shape.required) {
    const value = object[field.name]
    if (value === undefined) problems.push(`${field.name} is missing`)
    else if (value === null && !field.nullable) problems.push(`${field.name} is null`)
  }
  return problems
}
