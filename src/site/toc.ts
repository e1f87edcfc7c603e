/** A heading as the contents box needs it. */
export interface TocHeading {
  depth: number;
  slug: string;
  text: string;
}

/** A section of the contents box with the sub-sections under it. */
export interface TocEntry extends TocHeading {
  children: TocHeading[];
}

/** Sections (h2) with their sub-sections (h3) nested under them, so the numbering counts sections only. */
export function tocTree(headings: readonly TocHeading[]): TocEntry[] {
  const out: TocEntry[] = [];
  for (const h of headings) {
    if (h.depth === 2 || !out.length) out.push({ ...h, children: [] });
    else if (h.depth === 3) out[out.length - 1].children.push(h);
  }
  return out;
}
