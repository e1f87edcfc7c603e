import { isAbsolute, relative } from 'node:path';
import type { VFile } from 'vfile';

interface Place {
  line?: number;
  column?: number;
  start?: { line: number; column: number };
}

declare module 'vfile' {
  interface DataMap {
    /** Author mistakes found so far in this chapter, each `file:line:column: message`; report() throws them. */
    chapterErrors: string[];
  }
}

/** Formats `file:line:column` for a node position so every build error names where to look. */
export function where(file: VFile, place?: Place | null): string {
  const start = place && 'start' in place && place.start ? place.start : (place as Place | undefined);
  // Relative to the project, as the loader's frontmatter messages are: short, and clickable in a terminal.
  const path = file.path ? (isAbsolute(file.path) ? relative(process.cwd(), file.path) : file.path) : '<unknown file>';
  return start?.line ? `${path}:${start.line}:${start.column ?? 1}` : path;
}

/**
 * Records an author mistake and lets the plugins go on, so one build names every mistake in a
 * chapter, not only the first; report() (run by the last plugin, rehype-links) throws them all.
 */
export function problem(file: VFile, place: Place | null | undefined, message: string): void {
  (file.data.chapterErrors ??= []).push(`${where(file, place)}: ${message}`);
}

/** Throws every mistake problem() recorded for this chapter, in source order, as one build error. */
export function report(file: VFile): void {
  const errors = file.data.chapterErrors ?? [];
  if (errors.length === 0) return;
  const line = (e: string) => Number(e.match(/:(\d+):\d+: /)?.[1] ?? 0);
  const sorted = [...errors].sort((a, b) => line(a) - line(b));
  file.data.chapterErrors = [];
  throw chapterError(sorted.length === 1 ? sorted[0] : `${sorted.length} mistakes in this chapter:\n${sorted.join('\n')}`, sorted[0]);
}

/** The build error; line and column (of the first mistake) are what Astro's MDX plugin shows as the Location. */
function chapterError(message: string, first: string): Error {
  const at = first.match(/:(\d+):(\d+): /);
  return Object.assign(new Error(message), { name: 'ChapterError', line: at ? Number(at[1]) : undefined, column: at ? Number(at[2]) : undefined });
}
