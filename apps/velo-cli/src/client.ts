import { VeloError, type TextPosition } from '@velots/core';

/** An error answer of the server (`{ code, message, position? }`), or a failure to reach it. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly position?: TextPosition | undefined,
  ) {
    super(message);
    this.name = 'ServerError';
  }

  /** As a VeloError, so its position prints with the source line and a caret. */
  toVeloError(file?: string): VeloError {
    return new VeloError(this.code, this.message, { position: this.position ? { ...this.position, file: file ?? this.position.file } : undefined });
  }
}

export interface ClientOptions {
  readonly server: string;
  readonly token?: string | undefined;
}

/** The velo-sql REST API over fetch: JSON in and out, errors thrown as ServerError. */
export class VeloClient {
  private readonly base: string;

  constructor(private readonly options: ClientOptions) {
    this.base = options.server.replace(/\/+$/, '');
  }

  /** A JSON request; resolves with the parsed answer. */
  async json<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    const parsed = text.length === 0 ? undefined : (JSON.parse(text) as unknown);
    if (!response.ok) {
      const error = (parsed ?? {}) as { code?: string; message?: string; position?: TextPosition };
      throw new ServerError(response.status, error.code ?? `HTTP_${response.status}`, error.message ?? response.statusText, error.position);
    }
    return parsed as T;
  }

  /** A text answer (GET /metrics). */
  async text(path: string): Promise<string> {
    const response = await this.send('GET', path);
    const text = await response.text();
    if (!response.ok) {
      const error = JSON.parse(text) as { code?: string; message?: string };
      throw new ServerError(response.status, error.code ?? `HTTP_${response.status}`, error.message ?? response.statusText);
    }
    return text;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.token) headers['authorization'] = `Bearer ${this.options.token}`;
    try {
      return await fetch(`${this.base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      throw new ServerError(0, 'UNREACHABLE', `cannot reach ${this.base}: ${cause}`);
    }
  }
}

/** A job id as one path segment (`app/name` → `app%2Fname`). */
export function jobPath(id: string): string {
  return encodeURIComponent(id);
}
