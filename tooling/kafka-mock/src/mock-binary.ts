import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceFile = join(packageDir, 'native', 'mock-cluster.c');
const binaryFile = join(packageDir, 'build', 'mock-cluster');

/**
 * The path of the compiled mock-cluster program, compiling it with gcc first when it is missing or
 * older than its source. Needs gcc and librdkafka-dev (`apt-get install librdkafka-dev gcc`).
 */
export function mockClusterBinary(): string {
  if (existsSync(binaryFile) && statSync(binaryFile).mtimeMs >= statSync(sourceFile).mtimeMs) return binaryFile;
  mkdirSync(dirname(binaryFile), { recursive: true });
  // Compile to a temporary name and rename, so parallel test files never run a half-written binary.
  const temporary = `${binaryFile}.${process.pid}`;
  try {
    execFileSync('gcc', ['-O2', '-o', temporary, sourceFile, '-lrdkafka'], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`could not build the Kafka mock cluster (needs gcc and librdkafka-dev: apt-get install -y gcc librdkafka-dev): ${stderr || String(error)}`, { cause: error });
  }
  execFileSync('mv', ['-f', temporary, binaryFile]);
  return binaryFile;
}
