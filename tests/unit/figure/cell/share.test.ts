import { expect, test } from 'vitest';
import { MAX_LINK_CHARS, packCode, unpackCode } from '../../../../src/figure/cell/share.ts';

const cell = "import { twoUnitsRun } from '../two-units.ts';\n\nexport function compute({ delta }: Params) {\n  // δ ≠ 0: ünïcode survives\n  return twoUnitsRun(delta);\n}\n";

test('code goes into the address and comes back exactly, in URL-safe letters', async () => {
  const packed = await packCode(cell);
  expect(packed).not.toBeNull();
  expect(packed).toMatch(/^[\w-]+$/);
  expect(await unpackCode(packed!)).toBe(cell);
  // Deflate earns its place: shorter than the same text merely base64-encoded.
  expect(packed!.length).toBeLessThan(Buffer.from(cell).toString('base64url').length);
});

test('code that does not fit in a link is refused, so the page offers the download instead', async () => {
  // Random letters do not compress: long enough, they cannot fit.
  let seed = 1;
  const noise = Array.from({ length: MAX_LINK_CHARS * 2 }, () => String.fromCharCode(33 + ((seed = (seed * 48271) % 2147483647) % 90))).join('');
  expect(await packCode(noise)).toBeNull();
});

test('a cut, altered or hostile link is an error, never code', async () => {
  const packed = (await packCode(cell))!;
  await expect(unpackCode(packed.slice(0, packed.length / 2))).rejects.toThrow();
  await expect(unpackCode('<script>alert(1)</script>')).rejects.toThrow('not code written by this site');
  await expect(unpackCode('a'.repeat(MAX_LINK_CHARS + 1))).rejects.toThrow('not code written by this site');
});
