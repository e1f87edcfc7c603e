// Placing text boxes so none overlaps another or leaves its frame: pure geometry, in pixels.

/** A text box where its author would put it: left edge `x`, top `y`, size `w` × `h`. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The rectangle labels must stay inside. */
export interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Glyph width as a share of the font size: generous for system-ui, so a box is never narrower than its text. */
export const CHAR_EM = 0.62;

/** A text's box size at a font size in px: estimated the same at build time (no layout there) and live. */
export const textSize = (text: string, font: number) => ({ w: Math.ceil([...text].length * font * CHAR_EM), h: Math.ceil(font * 1.3) });

const overlaps = (a: Box, b: Box, gap: number) =>
  a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

/**
 * Moves boxes apart: each is first pulled inside the frame, then, in order of height on the page, put
 * at the free spot nearest its wish (its own, or just above or below a box already placed). A box that
 * fits nowhere is `null`: the caller shows it in a legend instead.
 */
export function placeBoxes(wanted: readonly Box[], frame: Frame, gap = 2): (Box | null)[] {
  const out: (Box | null)[] = wanted.map(() => null);
  const placed: Box[] = [];
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a].y - wanted[b].y || a - b);
  for (const i of order) {
    const b = wanted[i];
    if (b.w > frame.right - frame.left || b.h > frame.bottom - frame.top) continue;
    const x = Math.min(Math.max(b.x, frame.left), frame.right - b.w);
    const y0 = Math.min(Math.max(b.y, frame.top), frame.bottom - b.h);
    const candidates = [y0, ...placed.flatMap((p) => [p.y + p.h + gap + 0.5, p.y - b.h - gap - 0.5])]
      .filter((y) => y >= frame.top && y + b.h <= frame.bottom)
      .sort((a, c) => Math.abs(a - y0) - Math.abs(c - y0));
    const y = candidates.find((cy) => !placed.some((p) => overlaps({ x, y: cy, w: b.w, h: b.h }, p, gap)));
    if (y === undefined) continue;
    const box = { x, y, w: b.w, h: b.h };
    placed.push(box);
    out[i] = box;
  }
  return out;
}
