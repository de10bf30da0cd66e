import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { veloSqlBin, type ProcessExit } from './velo-process.js';

/** `velo-sql server --port 0 --data-dir D --apps A` as a child process, with a small JSON client for its REST API. */
export class VeloServerProcess {
  private stderrText = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    this.exited = new Promise((resolvePromise) => child.once('exit', (code, signal) => resolvePromise({ code, signal, at: Date.now() })));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderrText = (this.stderrText + chunk).slice(-16_384)));
  }

  static async start(dataDir: string, appsDir: string): Promise<VeloServerProcess> {
    const child = spawn(process.execPath, [veloSqlBin, 'server', '--port', '0', '--data-dir', dataDir, '--apps', appsDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const first = await new Promise<string>((resolvePromise, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolvePromise);
      child.once('exit', (code) => reject(new Error(`velo-sql server exited with ${code} before listening`)));
    });
    const server = new VeloServerProcess(child, first.slice('listening on '.length));
    // Stored apps are redeployed before /readyz answers 200.
    for (let i = 0; i < 300 && (await fetch(`${server.url}/readyz`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    return server;
  }

  get stderr(): string {
    return this.stderrText;
  }

  async json<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async text(path: string): Promise<string> {
    return (await fetch(`${this.url}${path}`)).text();
  }

  /** SIGTERM: every app shuts down gracefully (a final checkpoint per job); resolves with the exit. */
  async terminate(): Promise<ProcessExit> {
    const sentAt = Date.now();
    this.child.kill('SIGTERM');
    const guard = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    const ended = await this.exited;
    clearTimeout(guard);
    return { code: ended.code, signal: ended.signal, afterMs: ended.at - sentAt };
  }
}
