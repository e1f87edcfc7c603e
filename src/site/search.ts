// The search page: Pagefind's index, built at build time, queried in the browser. No server.
interface Result {
  url: string;
  excerpt: string;
  meta: { title?: string };
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
    results = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  } catch (error) {
    if (input.value !== query) return;
    list.replaceChildren();
    status.textContent = `Search could not load (${(error as Error).message.slice(0, 120)}). Check the connection and type again.`;
    return;
  }
  // The box changed while this search ran (emptied, or a newer query): its results are stale.
  if (input.value !== query) return;
  list.replaceChildren(...results.map((r) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = r.url;
    a.textContent = r.meta.title ?? r.url;
    const p = document.createElement('p');
    p.append(...excerpt(r.excerpt));
    li.append(a, p);
    return li;
  }));
  status.textContent = `${found.results.length} chapter${found.results.length === 1 ? ' matches' : 's match'} “${query.length > 60 ? `${query.slice(0, 60)}…` : query}”.`;
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
