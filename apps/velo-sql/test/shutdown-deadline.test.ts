import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/index.js';
import { ShutdownDeadline } from '../src/shutdown-deadline.js';

function recordingIo(): CliIo & { readonly err: () => string; readonly exits: number[] } {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exits: number[] = [];
  return { stdout: new PassThrough(), stderr, env: {}, readStdin: async () => '', stopRequested: () => new Promise(() => undefined), exit: (code) => void exits.push(code), err: () => err, exits };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('ShutdownDeadline', () => {
  it('exits 3 with an error when the jobs have not stopped in time', async () => {
    const io = recordingIo();
    new ShutdownDeadline(io, 30).arm('SIGTERM');
    await sleep(80);
    expect(io.exits).toEqual([3]);
    expect(io.err()).toBe('error: SIGTERM: the jobs did not shut down within 30 ms (final checkpoint or sink flush still running); exiting without it\n');
  });

  it("exits with the run's code and a warning when the jobs stopped but the process lingers", async () => {
    const io = recordingIo();
    const deadline = new ShutdownDeadline(io, 30);
    deadline.arm('SIGINT');
    expect(deadline.settled(0)).toBe(0);
    await sleep(80);
    expect(io.exits).toEqual([0]);
    expect(io.err()).toBe('warning: SIGINT: the jobs stopped, but the process was still running 30 ms later (a connection left open); exiting\n');
  });

  it('does nothing when never armed (no stop was asked for)', async () => {
    const io = recordingIo();
    new ShutdownDeadline(io, 10).settled(2);
    await sleep(40);
    expect(io.exits).toEqual([]);
    expect(io.err()).toBe('');
  });
});
