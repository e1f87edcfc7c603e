import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every HTML page in a built site, as paths relative to the base (`''`, `prelude/`, `404.html`). */
export function pages(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.html')) out.push(relative(dist, full).replace(/(^|\/)index\.html$/, '$1'));
    }
  };
  walk(dist);
  return out.sort();
}
