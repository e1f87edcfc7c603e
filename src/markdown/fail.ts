import type { VFile } from 'vfile';

interface Place {
  line?: number;
  column?: number;
  start?: { line: number; column: number };
}

/** Formats `file:line:column` for a node position so every build error names where to look. */
export function where(file: VFile, place?: Place | null): string {
  const start = place && 'start' in place && place.start ? place.start : (place as Place | undefined);
  const path = file.path || '<unknown file>';
  return start?.line ? `${path}:${start.line}:${start.column ?? 1}` : path;
}

/** Throws an author-facing build error that starts with the file position. */
export function fail(file: VFile, place: Place | null | undefined, message: string): never {
  const error = new Error(`${where(file, place)}: ${message}`);
  error.name = 'ChapterError';
  throw error;
}
