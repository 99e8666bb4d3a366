import fc from 'fast-check';
import { MAX_JSON_DEPTH } from '../../src/common/http/json-depth';

/** The parts of an OpenAPI 3 schema the generators read. */
export interface Schema {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  'x-roles'?: string[];
}

export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  return ref ? resolve(doc, doc.components.schemas[ref.split('/').pop() as string] ?? {}) : schema;
}

const nest = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

/** Values no text, number or structure field may hold, whatever its type. */
const alwaysWrong: fc.Arbitrary<unknown> = fc.oneof(
  fc.string().map((s) => `${s}\u0000${s}`),
  fc.constantFrom('\ud800', 'x\udfffy', 'a\ud83d'),
  fc.integer({ min: MAX_JSON_DEPTH + 1, max: MAX_JSON_DEPTH + 200 }).map(nest),
  fc.constant('x'.repeat(300_000)),
);

const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.constant({ a: 1 }));
const notANumber = fc.oneof(fc.string(), fc.boolean(), fc.constant({}), fc.constant([1]));

/** A value of the wrong type (or content) for one property of a body schema. */
export function wrongValue(schema: Schema): fc.Arbitrary<unknown> {
  const typed = (() => {
    if (schema.enum) return fc.oneof(fc.string().filter((s) => !schema.enum?.includes(s)), fc.integer());
    switch (schema.type) {
      case 'string':
        return notAString;
      case 'number':
      case 'integer':
        return notANumber;
      case 'boolean':
        return fc.oneof(fc.string(), fc.integer(), fc.constant([]));
      case 'array':
        return fc.oneof(fc.string(), fc.integer(), fc.constant({ a: 1 }), fc.constant(Array.from({ length: 5000 }, () => [[]])));
      case 'object':
        return fc.oneof(fc.string(), fc.integer(), fc.constant([[1]]));
      default:
        // Untyped (e.g. a setting's value): only universally wrong values apply.
        return fc.constant(null);
    }
  })();
  return schema.nullable ? fc.oneof(typed, alwaysWrong) : fc.oneof(typed, alwaysWrong, fc.constant(null));
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Raw request body text that is wrong for this schema: types, nulls, extra or missing fields, nesting, non-JSON. */
export function wrongBody(doc: OpenApiDocument, bodySchema: Schema): fc.Arbitrary<string> {
  const schema = resolve(doc, bodySchema);
  const names = Object.keys(schema.properties ?? {});
  const shapes: fc.Arbitrary<string>[] = [
    // an unknown field, whatever its value
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !names.includes(k)), fc.jsonValue({ maxDepth: 2 }))
      .map(([key, value]) => JSON.stringify({ [key]: value })),
    // not an object at all, or an object so deep it is refused before parsing
    fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant([{}])).map((v) => JSON.stringify(v)),
    fc
      .tuple(fc.integer({ min: MAX_JSON_DEPTH + 1, max: 10_000 }), fc.boolean())
      .map(([n, arrays]) => (arrays ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`)),
    // not JSON
    fc.string({ maxLength: 40 }).map((s) => `{${s}`).filter((text) => !parsesAsJson(text)),
    fc.constant('{"a":1,}'),
    // a prototype key
    fc.constantFrom('__proto__', 'constructor', 'prototype').map((key) => `{"${key}":{"admin":true}}`),
  ];
  if (names.length > 0) {
    shapes.push(
      fc
        .constantFrom(...names)
        .chain((name) => wrongValue(resolve(doc, schema.properties?.[name] ?? {})).map((value) => JSON.stringify({ [name]: value }))),
    );
  }
  const required = schema.required ?? [];
  if (required.length > 0) shapes.push(fc.constant('{}'));
  // An empty object is a valid body when nothing is required (a wrong value that stringifies to undefined makes one).
  return fc.oneof(...shapes).filter((text) => required.length > 0 || text !== '{}');
}

/** A query string that is wrong for this operation: unknown parameters, bad values, bad encoding. */
export function wrongQuery(parameters: Operation['parameters']): fc.Arbitrary<string> {
  const query = (parameters ?? []).filter((p) => p.in === 'query');
  const known = query.map((p) => p.name);
  const shapes: fc.Arbitrary<string>[] = [
    fc.stringMatching(/^[a-z][a-zA-Z]{0,11}$/).filter((name) => !known.includes(name)).map((name) => `${name}=1`),
  ];
  if (query.length > 0) {
    shapes.push(
      fc.constantFrom(...query).chain((p) => {
        const universal = ['a%00b', '%ff%fe', '%E0%A4', `${'x'.repeat(20_000)}`];
        const typed =
          p.schema?.enum ? ['not-a-listed-value'] : p.schema?.type === 'integer' || p.schema?.type === 'number' ? ['abc', '1e999x', '-1.5'] : [];
        return fc.constantFrom(...universal, ...typed).map((value) => `${encodeURIComponent(p.name)}=${value}`);
      }),
    );
  }
  return fc.oneof(...shapes);
}
