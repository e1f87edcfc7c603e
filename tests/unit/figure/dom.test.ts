import { describe, expect, it } from 'vitest';
import { isNumeric, table } from '../../../src/figure/dom.ts';
import { serverDocument } from '../../support/figures.ts';

describe('table', () => {
  it('comes in a focusable scroll box named by its caption, numbers right-aligned and words not', () => {
    const box = table(serverDocument(), { caption: 'Weights', head: ['unit', 'w', 'note'], rows: [['h₁', 0.25, 'tied'], ['h₂', '−1.5e-3', '—']], rowHeads: true });
    expect(box.getAttribute('class')).toBe('table-scroll');
    expect(box.getAttribute('tabindex')).toBe('0');
    expect(box.getAttribute('aria-label')).toBe('Weights');
    const cells = [...box.querySelectorAll('tbody td')].map((td) => [td.textContent, td.classList.contains('num')]);
    expect(cells).toEqual([['0.25', true], ['tied', false], ['−1.5e-3', true], ['—', true]]);
    expect(box.querySelector('th[scope="row"]')?.textContent).toBe('h₁');
  });
  it('tells numbers from words', () => {
    expect(['3', '-2.5', '1,024', '12%', '4.0e+3', '2×10⁻³', '.5'].every(isNumeric)).toBe(true);
    expect(['erf', 'α = 3', '3 of 4', '', 'n/a'].some(isNumeric)).toBe(false);
  });
});
