// Every message name of the protocol with the fields its request takes, read from src/shared/messages/*.ts by
// the TypeScript compiler itself (not kept by hand), so a message added later is covered by the hostile-message
// tests without anyone remembering to list it. It reads the types each domain exports (`<Domain>Messages`, as
// its schemas infer them), not the schemas' own code, so the fuzzing does not take the validator's word for
// what a request is.
import ts from 'typescript'
import { readdirSync } from 'node:fs'
import path from 'node:path'

export type FieldKind = 'string' | 'number' | 'boolean' | 'object' | 'other'

export interface RequestField {
  name: string
  kind: FieldKind
  optional: boolean
}

export interface MessageSpec {
  name: string
  /** The domain file it is declared in, e.g. "vault". */
  domain: string
  fields: RequestField[]
}

const ROOT = path.resolve(import.meta.dirname, '../../..')
const MESSAGES_DIR = path.join(ROOT, 'src/shared/messages')

function kindOf(type: ts.Type): FieldKind {
  const parts = (type.isUnion() ? type.types : [type]).filter(
    (t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)),
  )
  const kinds = new Set(
    parts.map((t): FieldKind => {
      if (t.flags & ts.TypeFlags.StringLike) return 'string'
      if (t.flags & ts.TypeFlags.NumberLike) return 'number'
      if (t.flags & ts.TypeFlags.BooleanLike) return 'boolean'
      if (t.flags & ts.TypeFlags.Object) return 'object'
      return 'other'
    }),
  )
  if (kinds.size !== 1) return 'other'
  return [...kinds][0]!
}

let cached: MessageSpec[] | undefined

/** Every `<Domain>Messages` type's names and request fields, sorted by name. */
export function messageCatalog(): MessageSpec[] {
  if (cached) return cached
  const files = readdirSync(MESSAGES_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(MESSAGES_DIR, f))
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  })
  const checker = program.getTypeChecker()
  const specs: MessageSpec[] = []
  for (const file of files) {
    const source = program.getSourceFile(file)!
    const domain = path.basename(file, '.ts')
    ts.forEachChild(source, (node) => {
      const declaration = ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)
      if (!declaration || !/Messages$/.test(node.name.text)) return
      const messages = checker.getTypeAtLocation(node.name)
      for (const message of checker.getPropertiesOfType(messages)) {
        const messageType = checker.getTypeOfSymbolAtLocation(message, node)
        const request = messageType.getProperty('request')
        if (!request) throw new Error(`${message.name} in ${domain}.ts has no request type`)
        const requestType = checker.getTypeOfSymbolAtLocation(request, node)
        const fields = checker.getPropertiesOfType(requestType).map((field) => ({
          name: field.name,
          kind: kindOf(checker.getTypeOfSymbolAtLocation(field, node)),
          optional: (field.flags & ts.SymbolFlags.Optional) !== 0,
        }))
        specs.push({ name: message.name, domain, fields })
      }
    })
  }
  cached = specs.sort((a, b) => a.name.localeCompare(b.name))
  return cached
}

/** Plausible in shape: an object whose fields (those the type names) have the right primitive kinds. */
export function hasRequestShape(spec: MessageSpec, request: unknown): boolean {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return false
  const r = request as Record<string, unknown>
  return spec.fields.every((field) => {
    const present = Object.hasOwn(r, field.name) && r[field.name] !== undefined
    if (!present) return field.optional
    const value = r[field.name]
    switch (field.kind) {
      case 'string':
        return typeof value === 'string'
      case 'number':
        return typeof value === 'number'
      case 'boolean':
        return typeof value === 'boolean'
      case 'object':
        return typeof value === 'object' && value !== null
      default:
        return true
    }
  })
}
