import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';

/** A page plus everything a reader would never want to see: errors, failed or off-origin requests, CSP violations. */
export interface Opened {
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

/** Opens a URL in a fresh context and records problems while it lives. */
export async function open(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<Opened> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  const origin = new URL(url).origin;
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`off-origin request: ${u}`);
  });
  page.on('requestfailed', (r) => {
    // A request the browser cancelled because the page navigated away (a favicon mid-click) is no failure a reader sees.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`failed: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !url.endsWith('404.html')) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

/**
 * Arms a figure's next 'rendered' event before the caller acts, so a fast render cannot be missed;
 * the returned function waits for it.
 */
export async function nextRender(figure: Locator): Promise<() => Promise<unknown>> {
  await figure.evaluate((el) => {
    (el as unknown as { next: Promise<unknown> }).next = new Promise((done) => el.addEventListener('rendered', done, { once: true }));
  });
  return () => figure.evaluate((el) => (el as unknown as { next: Promise<unknown> }).next.then(() => true));
}
