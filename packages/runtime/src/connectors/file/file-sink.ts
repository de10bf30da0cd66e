import { isAbsolute, resolve } from 'node:path';
import type { ConnectorProperties } from '../config.js';
import { FileTextWriter } from './text-writer.js';
import { SINK_FORMATS, TextSink } from './text-sink.js';

/**
 * `file_sink`: rows to a CSV or JSON lines file (missing parent directories are created; `append` keeps
 * what is there and skips the CSV header when the file is not empty). See docs/connectors.md.
 */
export function createFileSink(name: string, props: ConnectorProperties, baseDir: string): TextSink {
  const pathText = props.required('path');
  const path = isAbsolute(pathText) ? pathText : resolve(baseDir, pathText);
  const append = props.boolean('append', false);
  const format = props.choice('format', SINK_FORMATS, 'jsonlines');
  const timestampFormat = props.choice('timestamp.format', ['epoch_millis', 'iso'] as const, format.startsWith('csv') ? 'iso' : 'epoch_millis');
  return new TextSink({
    name,
    format,
    hasHeaders: props.boolean(['has_headers', 'header'], true),
    delimiter: props.character('delimiter', ','),
    timestampFormat,
    openWriter: async () => {
      const writer = await FileTextWriter.open(path, append);
      return { writer, needsHeader: !append || (await writer.size()) === 0 };
    },
  });
}
