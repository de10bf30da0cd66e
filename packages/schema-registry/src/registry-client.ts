import { registryError } from './errors.js';

/** The schema languages a Confluent registry knows. */
export type RegistrySchemaType = 'AVRO' | 'PROTOBUF' | 'JSON';

/** Another subject's schema a schema imports (Protobuf `import`, Avro named types). */
export interface SchemaReference {
  readonly name: string;
  readonly subject: string;
  readonly version: number;
}

/** A schema as the registry stores it. */
export interface RegistrySchema {
  readonly schema: string;
  readonly schemaType: RegistrySchemaType;
  readonly references?: readonly SchemaReference[] | undefined;
}

/** A registered schema with its global id (and its subject version, when known). */
export interface RegisteredSchema extends RegistrySchema {
  readonly id: number;
  readonly subject?: string | undefined;
  readonly version?: number | undefined;
}

/** Where the registry is and how to authenticate (`schema.registry.url`, `schema.registry.auth.*`). */
export interface SchemaRegistryOptions {
  readonly url: string;
  /** HTTP basic authentication (`schema.registry.auth.username` / `.password`). */
  readonly auth?: { readonly username: string; readonly password: string } | undefined;
  /** Per-request timeout in milliseconds (default 10 000). */
  readonly timeoutMs?: number | undefined;
}

interface RegistryAnswer {
  readonly id?: number;
  readonly schema?: string;
  readonly schemaType?: RegistrySchemaType;
  readonly references?: readonly SchemaReference[];
  readonly subject?: string;
  readonly version?: number;
  readonly error_code?: number;
  readonly message?: string;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/**
 * A Confluent schema registry client over its REST API (GET /schemas/ids/{id}, POST /subjects/{s}/versions,
 * POST /subjects/{s}, GET /subjects/{s}/versions/latest). Every answer is cached for the client's lifetime
 * (ids and registrations never change; "latest" is read once per subject), and concurrent asks share one request.
 */
export class SchemaRegistryClient {
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly byId = new Map<number, Promise<RegisteredSchema | undefined>>();
  private readonly registered = new Map<string, Promise<number>>();
  private readonly lookedUp = new Map<string, Promise<RegisteredSchema | undefined>>();
  private readonly latestBySubject = new Map<string, Promise<RegisteredSchema | undefined>>();

  constructor(options: SchemaRegistryOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.headers = { Accept: CONTENT_TYPE, 'Content-Type': CONTENT_TYPE };
    if (options.auth) {
      this.headers['Authorization'] = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
    }
  }

  /** The schema with a global id, or undefined when the registry has none. */
  getSchema(id: number): Promise<RegisteredSchema | undefined> {
    return this.cached(this.byId, id, async () => {
      const answer = await this.request('GET', `/schemas/ids/${id}`);
      return answer && toRegistered({ ...answer, id });
    });
  }

  /** Registers `schema` under `subject` (a no-op returning the existing id when it is already there); its id. */
  register(subject: string, schema: RegistrySchema): Promise<number> {
    return this.cached(this.registered, cacheKey(subject, schema), async () => {
      const answer = await this.request('POST', `/subjects/${encodeURIComponent(subject)}/versions`, requestBody(schema));
      if (answer?.id === undefined) throw registryError(`the schema registry did not register a schema under '${subject}'`, false, { subject });
      this.byId.set(answer.id, Promise.resolve({ ...schema, id: answer.id, subject }));
      return answer.id;
    });
  }

  /** The registration of `schema` under `subject` (id and version), or undefined when it is not registered there. */
  lookup(subject: string, schema: RegistrySchema): Promise<RegisteredSchema | undefined> {
    return this.cached(this.lookedUp, cacheKey(subject, schema), async () => {
      const answer = await this.request('POST', `/subjects/${encodeURIComponent(subject)}`, requestBody(schema));
      return answer && toRegistered({ ...answer, schema: answer.schema ?? schema.schema, schemaType: answer.schemaType ?? schema.schemaType });
    });
  }

  /** The latest version under `subject`, or undefined when the subject does not exist. */
  latest(subject: string): Promise<RegisteredSchema | undefined> {
    return this.cached(this.latestBySubject, subject, async () => {
      const answer = await this.request('GET', `/subjects/${encodeURIComponent(subject)}/versions/latest`);
      return answer && toRegistered(answer);
    });
  }

  private cached<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
    let pending = cache.get(key);
    if (!pending) {
      pending = load();
      cache.set(key, pending);
      // A failed request is not remembered: the next ask tries again.
      pending.catch(() => cache.delete(key));
    }
    return pending;
  }

  /** One request; undefined on 404 (not found), SCHEMA_REGISTRY on any other failure. */
  private async request(method: 'GET' | 'POST', path: string, body?: string): Promise<RegistryAnswer | undefined> {
    const url = this.baseUrl + path;
    let response: Response;
    try {
      response = await fetch(url, { method, headers: this.headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw registryError(`the schema registry at ${this.baseUrl} cannot be reached (${method} ${path}): ${(error as Error).message}`, true, { url }, error);
    }
    const text = await response.text();
    let answer: RegistryAnswer;
    try {
      answer = (text === '' ? {} : JSON.parse(text)) as RegistryAnswer;
    } catch (error) {
      throw registryError(`the schema registry answered ${method} ${path} with ${response.status} and no JSON`, response.status >= 500, { url }, error);
    }
    if (response.status === 404) return undefined;
    if (!response.ok) {
      const reason = answer.message ?? text;
      throw registryError(
        `the schema registry refused ${method} ${path}: ${response.status} ${reason}`,
        response.status >= 500,
        { url, status: response.status, errorCode: answer.error_code },
      );
    }
    return answer;
  }
}

function requestBody(schema: RegistrySchema): string {
  return JSON.stringify({
    schema: schema.schema,
    ...(schema.schemaType === 'AVRO' ? {} : { schemaType: schema.schemaType }),
    ...(schema.references && schema.references.length > 0 ? { references: schema.references } : {}),
  });
}

function cacheKey(subject: string, schema: RegistrySchema): string {
  return `${subject}\u0000${schema.schemaType}\u0000${schema.schema}`;
}

function toRegistered(answer: RegistryAnswer): RegisteredSchema {
  if (answer.id === undefined || answer.schema === undefined) {
    throw registryError(`the schema registry answered without a schema or an id`, false, { answer });
  }
  return {
    id: answer.id,
    schema: answer.schema,
    // The registry leaves schemaType out for Avro, its default.
    schemaType: answer.schemaType ?? 'AVRO',
    references: answer.references,
    subject: answer.subject,
    version: answer.version,
  };
}
