// Lighthouse's four scores for every page, from Debian's Chromium, offline against the built site.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { pages } from '../support/pages.ts';
import { serve } from '../support/serve.ts';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/** Runs Lighthouse (mobile defaults) on every page of dist/ and returns one row of scores per page. */
export async function benchLighthouse(dist = 'dist'): Promise<Record<string, string | number>[]> {
  const { url, server } = await serve(dist, '/');
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const rows: Record<string, string | number>[] = [];
  try {
    for (const path of pages(dist).filter((p) => !p.endsWith('404.html'))) {
      const result = await lighthouse(url + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...categories] });
      const lhr = result?.lhr;
      const row: Record<string, string | number> = { page: `/${path}` };
      for (const c of categories) row[c] = Math.round((lhr?.categories[c]?.score ?? 0) * 100);
      const failing = Object.values(lhr?.audits ?? {}).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id);
      row['failing binary audits'] = failing.join(' ') || '-';
      rows.push(row);
    }
  } finally {
    chrome.kill();
    server.close();
  }
  return rows;
}
