import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { fail } from './fail.ts';

/**
 * Fails the build on the first TeX error that rehype-katex recorded.
 * rehype-katex never throws, whatever its options say: it renders red markup and
 * leaves a message on the file, which would ship a broken formula silently.
 */
export default function rehypeKatexStrict() {
  return (_tree: Root, file: VFile) => {
    const bad = file.messages.find((m) => m.source === 'rehype-katex');
    if (!bad) return;
    const cause = bad.cause instanceof Error ? bad.cause.message : bad.reason;
    // Display math loses its own position in remark-rehype; its nearest positioned ancestor keeps it.
    const place = bad.place ?? [...(bad.ancestors ?? [])].reverse().find((n) => n.position)?.position;
    fail(file, place as never, `bad TeX: ${cause}`);
  };
}
