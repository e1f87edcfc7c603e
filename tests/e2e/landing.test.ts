import { describe, expect, test } from 'vitest';
import { open } from '../support/open.ts';
import { useSite } from '../support/site.ts';

// Landing and layout: targets land with room and are marked, notes never move the page, the theme button says what it does.
const site = useSite('dist', '/');

describe('landing and layout', { timeout: 120_000 }, () => {
  test('a cross-reference target lands below the window edge and is marked', async () => {
    const { page, close } = await open(site.browser, `${site.root}only-the-scale/#eq-ots-update`);
    const target = page.locator('#eq-ots-update');
    await expect.poll(() => target.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThan(10);
    expect(await target.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    // Every block above the target is laid out for real, so no placeholder there can later move it off its place.
    const skipped = await target.evaluate((el) => {
      const blocks = [...document.querySelectorAll('.prose > *')];
      return blocks.slice(0, blocks.findIndex((b) => b.contains(el))).filter((b) => getComputedStyle(b).contentVisibility !== 'visible').length;
    });
    expect(skipped).toBe(0);
    await close();
  });

  test('a note appearing under a figure does not change the figure\'s height', async () => {
    const plain = await open(site.browser, `${site.root}prelude/`);
    const height = (p: typeof plain) => p.page.locator('figure#two-units').evaluate((el) => el.getBoundingClientRect().height);
    const before = await height(plain);
    await plain.close();
    const noted = await open(site.browser, `${site.root}prelude/?two-units.rate=NaN`);
    await expect.poll(() => noted.page.locator('#two-units .note').textContent()).toMatch(/Ignored from the address/);
    expect(await height(noted)).toBe(before);
    await noted.close();
  });

  test('every chapter shows its network or a figure on the first screen, on a phone and a wide screen', async () => {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      for (const slug of ['prelude', 'identical-twins', 'w11-and-w12', 'only-the-scale', 'zero-init-quiz', 'escaping-the-symmetric-subspace', '']) {
        const { page, close } = await open(site.browser, `${site.root}${slug}${slug ? '/' : ''}`, { viewport });
        const top = await page.evaluate(() => Math.min(...[...document.querySelectorAll('svg.network, .figure svg')].map((s) => s.getBoundingClientRect().top)));
        expect(top, `${slug || 'home'} at ${viewport.width} px`).toBeLessThan(viewport.height - 100);
        await close();
      }
    }
  });

  test('the theme button names the theme it switches to', async () => {
    const { page, close } = await open(site.browser, `${site.root}prelude/`, { colorScheme: 'dark' });
    const button = page.locator('#theme-toggle');
    expect(await button.textContent()).toBe('Light theme');
    await button.click();
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
    expect(await button.textContent()).toBe('Dark theme');
    await close();
  });

  test('in the quiz, the right verdict looks like the wrong ones', async () => {
    const { page, close } = await open(site.browser, `${site.root}zero-init-quiz/`);
    const styles = await page.locator('.quiz-verdicts .verdict').evaluateAll((els) => els.map((e) => `${getComputedStyle(e).color} ${getComputedStyle(e).fontWeight}`));
    expect(styles.length).toBeGreaterThan(2);
    expect(new Set(styles).size).toBe(1);
    await close();
  });
});
