import protobuf from 'protobufjs';
import { protobufSchemaError } from './errors.js';

/** google/type/*.proto are not bundled with protobufjs: the two Velo TS reads as DECIMAL, defined here. */
const GOOGLE_TYPE_FILES: Readonly<Record<string, protobuf.INamespace>> = {
  'google/type/decimal.proto': {
    nested: { google: { nested: { type: { nested: { Decimal: { fields: { value: { type: 'string', id: 1 } } } } } } } },
  },
  'google/type/money.proto': {
    nested: {
      google: {
        nested: {
          type: {
            nested: {
              Money: {
                fields: { currency_code: { type: 'string', id: 1 }, units: { type: 'int64', id: 2 }, nanos: { type: 'int32', id: 3 } },
              },
            },
          },
        },
      },
    },
  },
};

/** A parsed `.proto` text: its root (imports of well-known types resolved) and its package. */
export interface ParsedProto {
  readonly root: protobuf.Root;
  readonly packageName: string | undefined;
}

/** Parses `.proto` text with field names as written (keepCase); well-known and google.type imports resolved. */
export function parseProto(text: string): ParsedProto {
  const root = new protobuf.Root();
  let parsed: protobuf.IParserResult;
  try {
    parsed = protobuf.parse(text, root, { keepCase: true });
    for (const file of parsed.imports ?? []) {
      const definition = protobuf.common.get(file) ?? GOOGLE_TYPE_FILES[file];
      if (!definition) throw new Error(`import "${file}" is not available (only google/protobuf/* and google/type/{decimal,money}.proto are)`);
      root.addJSON(definition.nested ?? {});
    }
    root.resolveAll();
  } catch (error) {
    throw protobufSchemaError(`invalid Protobuf schema: ${(error as Error).message}`, error);
  }
  return { root, packageName: parsed.package ?? undefined };
}

function messagesOf(namespace: protobuf.NamespaceBase): protobuf.Type[] {
  return namespace.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type);
}

function fileNamespace(proto: ParsedProto): protobuf.NamespaceBase {
  return proto.packageName ? (proto.root.lookup(proto.packageName) as protobuf.Namespace) : proto.root;
}

/** The message type named `name` (full or package-relative), or the file's first message when no name is given. */
export function messageType(proto: ParsedProto, name: string | undefined): protobuf.Type {
  if (name === undefined) {
    const first = messagesOf(fileNamespace(proto))[0];
    if (!first) throw protobufSchemaError('the Protobuf schema defines no message');
    return first;
  }
  const found = proto.root.lookup(name) ?? (proto.packageName ? proto.root.lookup(`${proto.packageName}.${name}`) : null);
  if (!(found instanceof protobuf.Type)) {
    const known = messagesOf(fileNamespace(proto)).map((t) => t.name).join(', ');
    throw protobufSchemaError(`the Protobuf schema has no message type '${name}' (it has ${known || 'none'})`);
  }
  return found;
}

/** The Confluent message indexes of a type: its position among the file's messages, then among nested ones. */
export function messageIndexes(proto: ParsedProto, type: protobuf.Type): number[] {
  const path: number[] = [];
  let current: protobuf.ReflectionObject = type;
  const top = fileNamespace(proto);
  while (current.parent && current !== top) {
    const parent: protobuf.NamespaceBase = current.parent as protobuf.NamespaceBase;
    path.unshift(messagesOf(parent).indexOf(current as protobuf.Type));
    if (parent === top) break;
    current = parent;
  }
  return path;
}

/** The message type at Confluent message indexes in a file. */
export function typeAtIndexes(proto: ParsedProto, indexes: readonly number[]): protobuf.Type {
  let namespace: protobuf.NamespaceBase = fileNamespace(proto);
  let type: protobuf.Type | undefined;
  for (const index of indexes.length === 0 ? [0] : indexes) {
    type = messagesOf(namespace)[index];
    if (!type) throw protobufSchemaError(`the Protobuf schema has no message at indexes [${indexes.join(', ')}]`);
    namespace = type;
  }
  return type as protobuf.Type;
}
