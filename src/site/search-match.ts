// Pagefind answers a word it lacks with its longest indexed prefix ("xyzzy" finds every "x"), and no option
// turns that off. Pagefind matches a query word when its stem starts some indexed word's stem (Snowball
// English, which porter2 implements): this repeats that test on a result's text, so a result that holds
// every query word stays and one that Pagefind reached by backing off to a shorter prefix is dropped.
import { stem } from 'porter2';

/** Lower case without accents: Pagefind compares words this way unless exactDiacritics is set. */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a text as the index sees them: each whitespace-separated run, and its letter-and-digit parts. */
export function words(text: string): string[] {
  const out = new Set<string>();
  for (const run of fold(text).split(/\s+/)) {
    const whole = run.replace(/[^\p{L}\p{N}_]/gu, '');
    if (whole) out.add(whole);
    for (const part of run.match(/[\p{L}\p{N}_]+/gu) ?? []) out.add(part);
  }
  return [...out];
}

/** A query's words, folded; quotes (Pagefind's exact phrase) and punctuation dropped. */
export function terms(query: string): string[] {
  return words(query.replace(/"/g, ' '));
}

/** Whether the text holds every word of the query: each as the start of a word, or its stem as a stem's start. */
export function holdsAll(text: string, query: string): boolean {
  const wanted = terms(query);
  if (!wanted.length) return false;
  const have = words(text);
  const stems = have.map(stem);
  return wanted.every((t) => {
    const s = stem(t);
    return have.some((w) => w.startsWith(t)) || stems.some((w) => w.startsWith(s));
  });
}
