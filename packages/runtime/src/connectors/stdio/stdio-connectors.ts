import { fstatSync } from 'node:fs';
import type { Schema } from '@velots/core';
import type { Readable, Writable } from 'node:stream';
import type { ConnectorProperties } from '../config.js';
import { StreamChunkSource } from '../file/byte-chunks.js';
import { TextRecordSource } from '../file/text-record-source.js';
import { readTextSourceOptions } from '../file/text-source-options.js';
import { StreamTextWriter } from '../file/text-writer.js';
import { SINK_FORMATS, TextSink } from '../file/text-sink.js';

/** `stdin_source`: CSV or JSON lines from a stream (process.stdin unless one is injected), until it ends. */
export function createStdinSource(name: string, props: ConnectorProperties, declaredSchema?: Schema, stream?: Readable): TextRecordSource {
  const options = readTextSourceOptions(props, name, declaredSchema);
  const input = stream ?? process.stdin;
  let opened = false;
  return new TextRecordSource({
    ...options,
    watching: false,
    inputs: async () => [
      {
        display: '<stdin>',
        id: '<stdin>',
        seekable: false,
        // A pipe or terminal is live; standard input redirected from a file (`< data.csv`) is read like a file.
        live: stream !== undefined || !stdinIsFile(),
        open: () => {
          // A stream can be read once: a resume position cannot seek in it.
          if (opened) throw new Error('stdin can be read only once');
          opened = true;
          return new StreamChunkSource(input);
        },
      },
    ],
  });
}

/** Whether the process's standard input is a regular file. */
function stdinIsFile(): boolean {
  try {
    return fstatSync(0).isFile();
  } catch {
    return false;
  }
}

/** `stdout_sink`: rows as JSON lines (default) or CSV to a stream (process.stdout unless one is injected). */
export function createStdoutSink(name: string, props: ConnectorProperties, stream?: Writable): TextSink {
  const format = props.choice('format', SINK_FORMATS, 'jsonlines');
  return new TextSink({
    name,
    format,
    hasHeaders: props.boolean(['has_headers', 'header'], true),
    delimiter: props.character('delimiter', ','),
    timestampFormat: props.choice('timestamp.format', ['epoch_millis', 'iso'] as const, format.startsWith('csv') ? 'iso' : 'epoch_millis'),
    openWriter: async () => ({ writer: new StreamTextWriter(stream ?? process.stdout), needsHeader: true }),
  });
}
