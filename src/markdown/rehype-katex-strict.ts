import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { problem } from './fail.ts';

/**
 * Fails the build on every TeX error that rehype-katex recorded.
 * rehype-katex never throws, whatever its options say: it renders red markup and
 * leaves a message on the file, which would ship a broken formula silently.
 */
export default function rehypeKatexStrict() {
  return (_tree: Root, file: VFile) => {
    for (const bad of file.messages.filter((m) => m.source === 'rehype-katex')) {
      const cause = bad.cause instanceof Error ? bad.cause.message : bad.reason;
      // Display math loses its own position in remark-rehype; its nearest positioned ancestor keeps it.
      const place = bad.place ?? [...(bad.ancestors ?? [])].reverse().find((n) => n.position)?.position;
      problem(file, place as never, `bad TeX: ${cause}`);
    }
  };
}
