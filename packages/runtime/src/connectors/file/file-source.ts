import { ErrorCodes, VeloError, type Schema } from '@velots/core';
import { existsSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import type { ConnectorProperties } from '../config.js';
import { FileChunkSource } from './byte-chunks.js';
import { expandFilePattern, hasGlob } from './glob.js';
import { TextRecordSource, type TextInput } from './text-record-source.js';
import { readTextSourceOptions } from './text-source-options.js';

/** How files are named in errors: relative to the app's directory when inside it. */
function displayPath(path: string, baseDir: string): string {
  const rel = relative(baseDir, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/**
 * `file_source` (alias `file_source_mmap`): CSV or JSON files, streamed in chunks; a glob reads its sorted
 * matches in order; `watching` tails the last file. See docs/connectors.md for every property.
 */
export function createFileSource(name: string, props: ConnectorProperties, baseDir: string, declaredSchema?: Schema): TextRecordSource {
  const pattern = props.required('path');
  const options = readTextSourceOptions(props, name, declaredSchema);
  const chunkBytes = props.integer('read.chunk.bytes', 1 << 20);
  return new TextRecordSource({
    ...options,
    inputs: async (): Promise<readonly TextInput[]> => {
      const paths = await expandFilePattern(pattern, baseDir);
      if (paths.length === 0 || (!hasGlob(pattern) && !existsSync(paths[0] as string))) {
        throw new VeloError(ErrorCodes.SOURCE_READ, `source '${name}': ${hasGlob(pattern) ? `no file matches '${pattern}'` : `file not found: '${pattern}'`}`, {
          location: { source: name, file: pattern },
        });
      }
      return paths.map((path) => ({
        display: displayPath(path, baseDir),
        id: path,
        // The text reader is done with a chunk when it asks for the next (tokenizers copy what they keep).
        open: (startByte: number) => new FileChunkSource(path, startByte, Math.max(16, chunkBytes), true),
      }));
    },
  });
}
