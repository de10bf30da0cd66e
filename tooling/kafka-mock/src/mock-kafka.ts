import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { mockClusterBinary } from './mock-binary.js';

/** A topic to create, with its partition count (default 1). */
export interface TopicSpec {
  readonly name: string;
  readonly partitions?: number | undefined;
}

export interface MockKafkaOptions {
  /** Number of brokers (default 1). */
  readonly brokers?: number | undefined;
  /** Topics created before `startMockKafka` resolves. */
  readonly topics?: readonly (TopicSpec | string)[] | undefined;
}

/** A running mock cluster: its bootstrap servers, topic creation, brokers taken down and up, and stop. */
export interface MockKafka {
  /** `host:port,host:port`, as `bootstrap.servers` takes it. */
  readonly bootstrapServers: string;
  /** The same list split, as kafkajs `brokers` takes it. */
  readonly brokers: readonly string[];
  /** Creates a topic (the mock broker does not implement the CreateTopics admin request). */
  createTopic(name: string, partitions?: number): Promise<void>;
  /**
   * Takes broker `id` (1..brokers) away: its open connections are closed and new ones are closed as soon as they
   * are accepted, as with a broker that crashed; topic data and consumer-group state are kept for `setBrokerUp`.
   */
  setBrokerDown(id: number): Promise<void>;
  /** Lets broker `id` accept connections again. */
  setBrokerUp(id: number): Promise<void>;
  /** `setBrokerDown` for every broker: the whole cluster is unreachable. */
  setAllBrokersDown(): Promise<void>;
  /** `setBrokerUp` for every broker. */
  setAllBrokersUp(): Promise<void>;
  /**
   * Makes the next `count` (1..64) requests of protocol type `apiKey` (e.g. 11 JoinGroup, 8 OffsetCommit, 0 Produce)
   * fail with Kafka error code `errorCode` (e.g. 26 INVALID_SESSION_TIMEOUT), whichever client sends them.
   */
  failRequests(apiKey: number, errorCode: number, count?: number): Promise<void>;
  /** Stops the cluster and waits for the process to exit. */
  stop(): Promise<void>;
}

function topicArgument(topic: TopicSpec | string): string {
  return typeof topic === 'string' ? `${topic}:1` : `${topic.name}:${topic.partitions ?? 1}`;
}

/** Starts librdkafka's mock cluster on loopback (a child process), with the topics asked for. */
export async function startMockKafka(options: MockKafkaOptions = {}): Promise<MockKafka> {
  const child = spawn(mockClusterBinary(), [String(options.brokers ?? 1), ...(options.topics ?? []).map(topicArgument)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const bootstrapServers = await nextLine(lines, child, () => stderr);
  return new RunningMockKafka(child, lines, bootstrapServers, exited, () => stderr);
}

function nextLine(lines: Interface, child: ChildProcessWithoutNullStreams, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onLine = (line: string): void => {
      cleanup();
      resolve(line.trim());
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`the Kafka mock cluster exited (code ${code}): ${stderr().trim()}`));
    };
    const cleanup = (): void => {
      lines.off('line', onLine);
      child.off('exit', onExit);
    };
    lines.once('line', onLine);
    child.once('exit', onExit);
  });
}

class RunningMockKafka implements MockKafka {
  readonly brokers: readonly string[];
  private stopped = false;
  private commands: Promise<void> = Promise.resolve();

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: Interface,
    readonly bootstrapServers: string,
    private readonly exited: Promise<void>,
    private readonly stderr: () => string,
  ) {
    this.brokers = bootstrapServers.split(',');
  }

  createTopic(name: string, partitions = 1): Promise<void> {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) return Promise.reject(new Error(`invalid topic name '${name}'`));
    return this.command(`topic ${name} ${partitions}`, `could not create topic '${name}'`);
  }

  setBrokerDown(id: number): Promise<void> {
    return this.brokerCommand('down', id);
  }

  setBrokerUp(id: number): Promise<void> {
    return this.brokerCommand('up', id);
  }

  setAllBrokersDown(): Promise<void> {
    return this.command('down-all', 'could not take the brokers down');
  }

  setAllBrokersUp(): Promise<void> {
    return this.command('up-all', 'could not bring the brokers up');
  }

  failRequests(apiKey: number, errorCode: number, count = 1): Promise<void> {
    if (![apiKey, errorCode, count].every(Number.isInteger) || count < 1 || count > 64) {
      return Promise.reject(new Error(`failRequests takes integers and a count of 1..64 (got ${apiKey}, ${errorCode}, ${count})`));
    }
    return this.command(`fail ${apiKey} ${errorCode} ${count}`, `could not make requests of type ${apiKey} fail`);
  }

  private brokerCommand(verb: 'down' | 'up', id: number): Promise<void> {
    if (!Number.isInteger(id) || id < 1 || id > this.brokers.length) {
      return Promise.reject(new Error(`no broker ${id}: the cluster has brokers 1..${this.brokers.length}`));
    }
    return this.command(`${verb} ${id}`, `could not take broker ${id} ${verb}`);
  }

  /** Sends one command line to the helper and waits for its answer ("ok" or "error <text>"). */
  private command(text: string, failure: string): Promise<void> {
    if (this.stopped) return Promise.reject(new Error(`${failure}: the mock cluster is stopped`));
    // One command at a time: each answer line belongs to the command before it.
    const run = this.commands.then(async () => {
      const answer = nextLine(this.lines, this.child, this.stderr);
      this.child.stdin.write(`${text}\n`);
      const line = await answer;
      if (line !== 'ok') throw new Error(`${failure}: ${line.replace(/^error /, '')}`);
    });
    this.commands = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    if (this.stopped) return this.exited;
    this.stopped = true;
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}
