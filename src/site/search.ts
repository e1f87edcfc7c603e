// The search page: Pagefind's index, built at build time, queried in the browser. No server.
import { holdsAll } from './search-match.ts';

interface Section {
  title: string;
  url: string;
  excerpt: string;
  weighted_locations: { balanced_score: number }[];
}
interface Result {
  url: string;
  content: string;
  excerpt: string;
  meta: { title?: string };
  sub_results: Section[];
}
interface Pagefind {
  options(o: { baseUrl: string }): Promise<void>;
  debouncedSearch(q: string): Promise<{ results: { data(): Promise<Result> }[] } | null>;
}

const base = import.meta.env.BASE_URL;
const input = document.querySelector<HTMLInputElement>('#q')!;
const status = document.querySelector('#search-status')!;
const list = document.querySelector('#results')!;
let engine: Promise<Pagefind> | undefined;

/** Loads the index once; a failed load is forgotten, so the next keystroke tries again. */
function load(): Promise<Pagefind> {
  engine ??= import(/* @vite-ignore */ `${base}pagefind/pagefind.js`).then(async (p: Pagefind) => {
    await p.options({ baseUrl: base });
    return p;
  });
  engine.catch(() => (engine = undefined));
  return engine;
}

/** Pagefind marks hits with <mark>; rebuild that as nodes so no text is ever parsed as HTML. */
function excerpt(text: string): Node[] {
  return text.split(/(<mark>.*?<\/mark>)/).map((part) => {
    const hit = part.match(/^<mark>(.*)<\/mark>$/);
    const plain = (hit ? hit[1] : part).replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    if (!hit) return document.createTextNode(plain);
    const mark = document.createElement('mark');
    mark.textContent = plain;
    return mark;
  });
}

async function run(query: string) {
  const url = new URL(location.href);
  if (query) url.searchParams.set('q', query);
  else url.searchParams.delete('q');
  history.replaceState(null, '', url);
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  let found: Awaited<ReturnType<Pagefind['debouncedSearch']>>;
  let results: Result[];
  try {
    found = await (await load()).debouncedSearch(query);
    if (!found) return; // superseded by a newer keystroke
    // Every result is loaded to be checked (a handful of chapters, one small fragment each).
    const all = await Promise.all(found.results.map((r) => r.data()));
    results = all.filter((r) => holdsAll(r.content, query));
  } catch (error) {
    if (input.value !== query) return;
    list.replaceChildren();
    status.textContent = `Search could not load (${(error as Error).message.slice(0, 120)}). Check the connection and type again.`;
    return;
  }
  // The box changed while this search ran (emptied, or a newer query): its results are stale.
  if (input.value !== query) return;
  list.replaceChildren(...results.slice(0, 10).map(item));
  const quoted = `“${query.length > 60 ? `${query.slice(0, 60)}…` : query}”`;
  const n = results.length;
  status.textContent = n ? `${n} chapter${n === 1 ? ' matches' : 's match'} ${quoted}.` : `No matches for ${quoted}.`;
}

/** A section's weight in the query: the summed scores of the hits in it. */
const score = (s: Section) => s.weighted_locations.reduce((sum, l) => sum + l.balanced_score, 0);

/** One chapter: its title linking to the section that matched best, that section's excerpt, then two more sections. */
function item(r: Result): HTMLLIElement {
  const title = r.meta.title ?? r.url;
  const sections = [...r.sub_results].sort((a, b) => score(b) - score(a));
  const [best, ...more] = sections.length ? sections : [{ title, url: r.url, excerpt: r.excerpt, weighted_locations: [] }];
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = best.url;
  a.textContent = title;
  // Pagefind names the text before the first heading after the page: that one is the chapter itself.
  if (best.title !== title) a.append(' › ', Object.assign(document.createElement('span'), { className: 'section', textContent: best.title }));
  const p = document.createElement('p');
  p.append(...excerpt(best.excerpt));
  li.append(a, p);
  if (more.length) {
    const ul = document.createElement('ul');
    ul.className = 'sections';
    ul.append(...more.slice(0, 2).map((s) => {
      const sub = document.createElement('li');
      const link = Object.assign(document.createElement('a'), { href: s.url, textContent: s.title });
      const text = document.createElement('p');
      text.append(...excerpt(s.excerpt));
      sub.append(link, text);
      return sub;
    }));
    li.append(ul);
  }
  return li;
}

input.addEventListener('input', () => void run(input.value));
input.form?.addEventListener('submit', (e) => {
  e.preventDefault();
  void run(input.value);
});
const initial = new URLSearchParams(location.search).get('q') ?? '';
if (initial) {
  input.value = initial.slice(0, 200);
  void run(input.value);
}
