// Edited code in the address: deflated, then base64url, so a link reproduces the reader's experiment.

/** The longest code text the address carries; longer code is offered as a download instead. */
export const MAX_LINK_CHARS = 2000;

const toBase64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const fromBase64Url = (text: string) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));

// A link of 2 000 characters can inflate to megabytes; no cell is anywhere near this long.
const MAX_CODE_BYTES = 64 * 1024;

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, max = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.length;
    if (size > max) {
      await reader.cancel();
      throw new Error(`the code in the link is over ${max / 1024} KB`);
    }
    parts.push(r.value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

/** Code as address text (deflate-raw, base64url), or null when that is longer than MAX_LINK_CHARS. */
export async function packCode(code: string): Promise<string | null> {
  const text = toBase64Url(await through(new TextEncoder().encode(code), new CompressionStream('deflate-raw')));
  return text.length <= MAX_LINK_CHARS ? text : null;
}

/** The code packCode wrote; throws when the text is not such a code (a mangled or hostile link). */
export async function unpackCode(text: string): Promise<string> {
  if (text.length > MAX_LINK_CHARS || !/^[\w-]*$/.test(text)) throw new Error('not code written by this site');
  return new TextDecoder('utf-8', { fatal: true }).decode(await through(fromBase64Url(text), new DecompressionStream('deflate-raw'), MAX_CODE_BYTES));
}
