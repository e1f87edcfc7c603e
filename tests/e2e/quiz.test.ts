import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useSite } from '../support/site.ts';

// npm test builds dist/ before Vitest starts; the quiz lives on the zero-init chapter.
const PATH = 'zero-init-quiz/';

const site = useSite('dist', '/');

/** Opens the chapter and collects console errors and page errors. */
async function open(javaScriptEnabled: boolean) {
  const context = await site.browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(site.root + PATH, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

/** Waits until <bs-quiz> has upgraded (its Check button is shown only then). */
const ready = (page: Page) => page.waitForFunction(() => customElements.get('bs-quiz') !== undefined);

describe('the zero-init quiz', () => {
  test('verdicts appear only after the reader commits and presses Check, all by keyboard', async () => {
    const { page, problems, close } = await open(true);
    await ready(page);
    const quiz = page.locator('bs-quiz');
    const verdicts = quiz.locator('details');
    const status = quiz.locator('[role="status"]');
    const check = quiz.getByRole('button', { name: 'Check' });
    const answer = Number(await quiz.getAttribute('data-answer'));
    const radios = quiz.getByRole('radio');
    const n = await radios.count();
    expect(n).toBe(4);
    await expect.poll(() => verdicts.isVisible()).toBe(false);

    // Check with nothing chosen: a prompt, still no verdicts.
    await check.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toMatch(/Choose one statement/);
    expect(await verdicts.isVisible()).toBe(false);

    // Choose a wrong statement with the keyboard: no verdict shows before Check.
    const wrong = answer === 0 ? 1 : 0;
    await radios.nth(wrong).focus();
    await page.keyboard.press('Space');
    expect(await radios.nth(wrong).isChecked()).toBe(true);
    expect(await verdicts.isVisible()).toBe(false);
    await page.keyboard.press('Tab');
    expect(await check.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => verdicts.isVisible()).toBe(true);
    expect(await status.textContent()).toMatch(new RegExp(`Not quite: you chose statement ${wrong + 1}`));
    const items = verdicts.locator('li');
    expect(await items.count()).toBe(n);
    for (let i = 0; i < n; i++) {
      expect(await items.nth(i).locator('strong').textContent()).toBe(i === answer ? '✓ Correct.' : '✗ Wrong.');
      expect(await items.nth(i).locator('.quiz-mine').isVisible()).toBe(i === wrong);
    }

    // Change the answer to the right one: the status and the mark follow.
    await radios.nth(answer).check();
    await check.click();
    await expect.poll(() => status.textContent()).toMatch(new RegExp(`Right: you chose statement ${answer + 1}`));
    expect(await items.nth(answer).locator('.quiz-mine').isVisible()).toBe(true);
    expect(await items.nth(wrong).locator('.quiz-mine').isVisible()).toBe(false);

    const axe = await new AxeBuilder({ page }).include('bs-quiz').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  test('with JavaScript off the verdicts wait in a closed <details> the reader opens', async () => {
    const { page, close } = await open(false);
    const quiz = page.locator('bs-quiz');
    expect(await quiz.getByRole('button', { name: 'Check' }).count()).toBe(0); // hidden: it needs the script
    const verdicts = quiz.locator('details');
    expect(await verdicts.getAttribute('open')).toBeNull();
    expect(await verdicts.locator('li').first().isVisible()).toBe(false);
    await quiz.getByRole('radio').first().check();
    await verdicts.locator('summary').click();
    expect(await verdicts.locator('li').first().isVisible()).toBe(true);
    expect(await verdicts.locator('strong', { hasText: 'Correct.' }).count()).toBe(1);
    await close();
  });
});
