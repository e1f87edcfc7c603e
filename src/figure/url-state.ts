import type { NamedControl, Values } from './types.ts';
import { urlText } from './controls.ts';
import { parseValue } from './parse.ts';

/** The control-free key under which a figure's edited code sits: `?<figure id>.code=`. */
export const CODE_KEY = 'code';

/** The query key of one control of one figure: `?<figure id>.<control name>=value`. */
export const queryKey = (id: string, name: string) => `${id}.${name}`;

/**
 * This figure's values from a query string. A bad or hostile value is not used: it comes back
 * as an error naming the control, so the figure can say so and keep the default.
 */
export function readQuery(search: string, id: string, controls: readonly NamedControl[]): { values: Values; errors: string[] } {
  const query = new URLSearchParams(search);
  const values: Values = {};
  const errors: string[] = [];
  for (const [key, text] of query) {
    if (!key.startsWith(`${id}.`)) continue;
    const name = key.slice(id.length + 1);
    // The reader's edited code travels under its own key; the cell reads it, not the controls.
    if (name === CODE_KEY) continue;
    const control = controls.find((c) => c.name === name);
    if (!control) {
      errors.push(`"${name.slice(0, 30)}" is not a control of this figure`);
      continue;
    }
    const parsed = parseValue(control, text);
    if ('error' in parsed) errors.push(parsed.error);
    else values[name] = parsed.value;
  }
  return { values, errors };
}

/** The query string with this figure's values written: only those that differ from the defaults. */
export function writeQuery(search: string, id: string, controls: readonly NamedControl[], params: Values): string {
  const query = new URLSearchParams(search);
  for (const key of [...query.keys()]) if (key.startsWith(`${id}.`) && key !== queryKey(id, CODE_KEY)) query.delete(key);
  for (const c of controls) {
    if (!(c.name in params) || params[c.name] === c.value) continue;
    query.set(queryKey(id, c.name), urlText(params[c.name]));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

// A note names a few rejected values and counts the rest: an address with 500 bad keys must not fill the page.
const SHOWN = 3;

/** The reader's note for values rejected from the address, bounded in length however many there were. */
export function rejectedNote(errors: readonly string[]): string {
  if (!errors.length) return '';
  const more = errors.length - SHOWN;
  return `Ignored from the address: ${errors.slice(0, SHOWN).join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}
