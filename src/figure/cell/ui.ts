// Small DOM pieces of the cell panel: the highlighter's paint, buttons, saving a file.
import { highlight } from '../../markdown/highlight.ts';

/** Our own four token classes, as "show the code" draws them, rebuilt as the reader types. */
export function paint(node: HTMLElement) {
  node.replaceChildren(...highlight(node.textContent ?? '').map((t) => {
    if (!t.kind) return document.createTextNode(t.text);
    const span = document.createElement('span');
    span.className = `t-${t.kind}`;
    span.textContent = t.text;
    return span;
  }));
}

/** A plain button with its label and action. */
export function button(label: string, onclick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.onclick = onclick;
  return b;
}

/** An element with a class and, optionally, its children. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  el.append(...children);
  return el;
}

/** Saves text as a file through a temporary link. */
export function save(text: string, name: string, type: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}
