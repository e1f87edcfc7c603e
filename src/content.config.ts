import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { chapterLoader } from './markdown/chapter-loader.ts';

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

/** The network a chapter opens with (src/site/hero.ts): layer sizes, how it starts, what the caption says. */
const hero = z.strictObject({
  layers: z.array(z.number().int().min(1).max(12)).min(2).max(5),
  start: z.enum(['tied', 'zero', 'random']),
  labels: z.array(z.array(z.string())).optional(),
  caption: z.string().min(1),
});

/** A chapter's frontmatter: strict, so an unknown key, a missing field or a wrong type fails the build. */
const chapter = z.strictObject({
  title: z.string().min(1),
  order: z.number().int().nonnegative(),
  summary: z.string().min(1).max(300),
  sources: z.array(source).min(1),
  /** Optional for fixtures; every chapter of the site has one (a browser test checks the first screen). */
  network: hero.optional(),
});

/** The chapters; the loader names file and line for each of those mistakes, and for two chapters with one order. */
const chapters = defineCollection({ loader: chapterLoader({ pattern: '*.mdx', base }, chapter), schema: chapter });

export const collections = { chapters };
