import { isAbsolute, resolve } from 'node:path';
import type { ConnectorProperties } from '../config.js';
import { PartitionedFileSink } from './partitioned-file-sink.js';
import { PathTemplate } from './path-template.js';
import { FileTextWriter } from './text-writer.js';
import { SINK_FORMATS, TextSink } from './text-sink.js';

/** Files a partitioned file sink keeps open at once unless `max.open.files` says otherwise. */
const DEFAULT_MAX_OPEN_FILES = 16;

/**
 * `file_sink`: rows to a CSV or JSON lines file (missing parent directories are created; `append` keeps
 * what is there and skips the CSV header when the file is not empty). A `path` with `{column}` placeholders or
 * strftime specifiers writes one file per partition (PartitionedFileSink). See docs/connectors.md.
 */
export function createFileSink(name: string, props: ConnectorProperties, baseDir: string): TextSink | PartitionedFileSink {
  const pathText = props.required('path');
  const append = props.boolean('append', false);
  const format = props.choice('format', SINK_FORMATS, 'jsonlines');
  const timestampFormat = props.choice('timestamp.format', ['epoch_millis', 'iso'] as const, format.startsWith('csv') ? 'iso' : 'epoch_millis');
  const text = {
    format,
    hasHeaders: props.boolean(['has_headers', 'header'], true),
    delimiter: props.character('delimiter', ','),
    timestampFormat,
  };
  const template = PathTemplate.of(pathText);
  if (template) {
    const maxOpenFiles = Math.max(1, props.integer('max.open.files', DEFAULT_MAX_OPEN_FILES));
    return new PartitionedFileSink({ name, template, baseDir, append, maxOpenFiles, text });
  }
  const path = isAbsolute(pathText) ? pathText : resolve(baseDir, pathText);
  return new TextSink({
    name,
    ...text,
    openWriter: async () => {
      const writer = await FileTextWriter.open(path, append);
      return { writer, needsHeader: !append || (await writer.size()) === 0 };
    },
  });
}
