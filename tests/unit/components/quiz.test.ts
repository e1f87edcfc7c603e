import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { expect, test } from 'vitest';
import Quiz from '../../../components/Quiz.astro';

// The container renders in dev mode, which tags elements with their source location.
const clean = (html: string) => html.replace(/ data-astro-source-(file|loc)="[^"]*"/g, '').replace(/ data-astro-cid-\w+/g, '');
const statements = [
  { text: 'It converges.', reason: 'Not convex.' },
  { text: 'Nothing moves.', correct: true, reason: 'Every weight gradient is 0.' },
  { text: 'Sometimes.', reason: 'No data set helps.' },
];

test('<Quiz> is a fieldset of labelled radios whose verdicts wait in a closed <details>', async () => {
  const container = await AstroContainer.create();
  const html = clean(await container.renderToString(Quiz, { props: { id: 'q', question: 'Which is true?', statements } }));
  expect(html).toMatch(/<fieldset>\s*<legend>Which is true\?<\/legend>/);
  const radios = [...html.matchAll(/<input type="radio" id="([^"]+)" name="q-choice" value="(\d)"/g)];
  expect(radios.map((m) => m[2])).toEqual(['0', '1', '2']);
  for (const [, id] of radios) expect(html).toMatch(new RegExp(`<label for="${id}">`));
  expect(html).toContain('data-answer="1"');
  // Check needs the script, so it ships hidden; the verdicts sit in a <details> that is not open.
  expect(html).toMatch(/<button type="submit" hidden>Check<\/button>/);
  expect(html).toMatch(/<details class="quiz-verdicts">/);
  expect(html).not.toMatch(/<details[^>]* open/);
  const verdicts = html.slice(html.indexOf('<details'));
  expect(verdicts.match(/Correct\./g)?.length).toBe(1);
  expect(verdicts.match(/Wrong\./g)?.length).toBe(2);
  for (const s of statements) expect(verdicts).toContain(s.reason);
  // Verdicts come only after the choices in the page, so a reader meets the statements first.
  expect(html.indexOf('Correct.')).toBeGreaterThan(html.indexOf('</fieldset>'));
});

test('<Quiz> without exactly one correct statement throws, naming the quiz', async () => {
  const container = await AstroContainer.create();
  const none = statements.map((s) => ({ ...s, correct: false }));
  await expect(container.renderToString(Quiz, { props: { id: 'q2', question: 'x', statements: none } })).rejects.toThrow(/<Quiz id="q2">/);
  const two = statements.map((s) => ({ ...s, correct: true }));
  await expect(container.renderToString(Quiz, { props: { id: 'q3', question: 'x', statements: two } })).rejects.toThrow(/exactly one/);
});
