import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

// Tests point CONTENT_DIR at a fixture folder to prove bad chapters fail the build.
const base = `./${process.env.CONTENT_DIR || 'content'}`;

/** What a chapter credits: a thread, a paper or a book. */
const source = z.strictObject({
  title: z.string().min(1),
  url: z.url().optional(),
  authors: z.string().min(1).optional(),
  /** What the chapter takes from it, e.g. "the question and the gradient of W2". */
  used: z.string().min(1),
  license: z.string().min(1).optional(),
});

/** The chapters: strict, so an unknown key, a missing field or a wrong type fails the build. */
const chapters = defineCollection({
  loader: glob({ pattern: '*.mdx', base }),
  schema: z.strictObject({
    title: z.string().min(1),
    order: z.number().int().nonnegative(),
    summary: z.string().min(1).max(300),
    sources: z.array(source).min(1),
  }),
});

export const collections = { chapters };
