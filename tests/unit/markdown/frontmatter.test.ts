import { z } from 'astro/zod';
import { expect, test } from 'vitest';
import { fileNameError, frontmatterErrors, keyLine } from '../../../src/markdown/frontmatter.ts';

const text = `---
title: A
# a comment
order: 2
sources:
  - title: First
    used: x
  - title: Second
    url: nope
    used: y
---

Body, with order: 9 in it.
`;

test('keyLine finds a key, a list item and a key inside one; an absent key gives its parent\'s line', () => {
  expect(keyLine(text, ['order'])).toBe(4);
  expect(keyLine(text, ['sources', 1])).toBe(8);
  expect(keyLine(text, ['sources', 1, 'url'])).toBe(9);
  expect(keyLine(text, ['sources', 0, 'used'])).toBe(7);
  expect(keyLine(text, ['sources', 0, 'url'])).toBe(6);
  expect(keyLine(text, ['summary'])).toBe(1);
  // A nested "title" is not the top-level one, and the body is not frontmatter.
  expect(keyLine('---\nsources:\n  - title: x\ntitle: y\n---\n', ['title'])).toBe(4);
});

test('each schema issue is one message with the key\'s line and no markup', () => {
  const schema = z.strictObject({ title: z.string(), order: z.number(), summary: z.string(), sources: z.array(z.strictObject({ title: z.string(), url: z.url().optional(), used: z.string() })) });
  const data = { title: 'A', order: 'two', tags: [], sources: [{ title: 'First', used: 'x' }, { title: 'Second', url: 'nope', used: 'y' }] };
  const messages = frontmatterErrors('content/a.mdx', text.replace('order: 2', 'order: two\ntags: []'), data, schema.safeParse(data));
  expect(messages).toEqual(expect.arrayContaining([
    'content/a.mdx:4: order: Invalid input: expected number, received string',
    'content/a.mdx:1: summary: missing (expected string)',
    'content/a.mdx:5: tags: unknown key (src/content.config.ts lists the keys a chapter may have)',
    'content/a.mdx:10: sources[1].url: Invalid URL',
  ]));
  expect(messages.join('\n')).not.toContain('*');
});

test('a chapter file name must be usable as its URL', () => {
  expect(fileNameError('content/my-topic-2.mdx')).toBeNull();
  expect(fileNameError('content/My Topic.mdx')).toBe("content/My Topic.mdx: a chapter's file name is its URL, so it may hold only lower-case letters, digits and single hyphens: rename it my-topic.mdx");
  expect(fileNameError('content/twins.MDX')).not.toBeNull();
});
