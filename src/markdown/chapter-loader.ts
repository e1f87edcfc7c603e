import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import { fileNameError, frontmatterErrors, sameOrderErrors } from './frontmatter.ts';

/** The schema's own check, as zod's safeParse gives it. */
interface Schema { safeParse(data: unknown): Parameters<typeof frontmatterErrors>[3] }

/** Throws a list of author mistakes as one build error. */
function throwAll(errors: string[]): never {
  // By file, then line: the loader reads files in parallel, in no fixed order.
  errors.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const error = new Error(errors.length === 1 ? errors[0] : `${errors.length} mistakes in the chapters' frontmatter:\n${errors.join('\n')}`);
  error.name = 'ChapterError';
  throw error;
}

/**
 * Astro's glob loader with the chapter checks in front: a file name that cannot be a URL, and
 * frontmatter the schema rejects, reported as `file:line: key: …` (Astro's own message points at
 * 0:0), and two chapters with the same `order`. A build names every such mistake in every chapter.
 */
export function chapterLoader(options: { pattern: string; base: string }, schema: Schema): Loader {
  const inner = glob(options);
  return {
    name: 'chapter-loader',
    async load(context: LoaderContext) {
      const errors: string[] = [];
      const rejected: string[] = [];
      let firstSync = true;
      const check = (data: Record<string, unknown>, filePath = '') => {
        const file = relative(process.cwd(), filePath);
        const name = fileNameError(file);
        const found = name ? [name] : frontmatterErrors(file, readFileSync(filePath, 'utf8'), data, schema.safeParse(data));
        // A later edit in `astro dev`: every other chapter is in the store, so the order can be checked now.
        if (!firstSync && found.length === 0) {
          const others = chapters(context).filter((c) => c.file !== filePath);
          found.push(...sameOrderErrors([...others, { file: filePath, order: Number(data.order) }]).filter((e) => e.startsWith(file)));
        }
        return found;
      };
      await inner.load({
        ...context,
        parseData: async (entry) => {
          const found = check(entry.data, entry.filePath);
          if (found.length === 0) return context.parseData(entry);
          if (!firstSync) throwAll(found);
          errors.push(...found);
          rejected.push(entry.id);
          return entry.data;
        },
      });
      firstSync = false;
      // Never keep a rejected entry: the store is cached between builds and would skip it next time.
      for (const id of rejected) context.store.delete(id);
      errors.push(...sameOrderErrors(chapters(context)));
      if (errors.length > 0) throwAll(errors);
    },
  };
}

/** The loaded chapters' files (absolute) and orders. */
function chapters(context: LoaderContext) {
  return context.store.values().map((e) => ({ file: fileURLToPath(new URL(e.filePath ?? '', context.config.root)), order: Number(e.data.order) }));
}
