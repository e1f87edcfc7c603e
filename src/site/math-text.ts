// A formula as plain text for the search index: KaTeX's visible HTML flattens ½ to "21" and h₁² to "h12",
// so the index reads KaTeX's MathML instead, written the way one types maths in a plain-text line.

const SUB: Record<string, string> = { '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '+': '₊', '−': '₋', '=': '₌', '(': '₍', ')': '₎' };
const SUP: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', '⊤': 'ᵀ', T: 'ᵀ', '′': '′', '″': '″', '∗': '*', '*': '*' };
// Accents KaTeX writes as <mover accent="true">: the combining mark that puts the same accent on a letter.
const ACCENT: Record<string, string> = { '^': '\u0302', ˆ: '\u0302', '~': '\u0303', '˜': '\u0303', ˉ: '\u0304', '‾': '\u0305', '¯': '\u0304', '˙': '\u0307', '¨': '\u0308', '→': '\u20d7', '⃗': '\u20d7' };
// Relations and binary operators read with a space either side, as they are typed.
const SPACED = new Set('=<>≤≥≈≠≡∝∼≪≫→←↦⇒⇔∈∉⊂⊆+−±∓×÷·⋅'.split(''));

/** A script in Unicode super- or subscript characters when every character has one, else `_(…)` / `^(…)`. */
function script(text: string, map: Record<string, string>, mark: string): string {
  const chars = [...text];
  if (chars.length && chars.every((c) => c in map)) return chars.map((c) => map[c]).join('');
  return `${mark}${group(text)}`;
}

/** A base with its scripts; a space ends a written script, so the factor after it (∑_i ℓ) does not read as part of it. */
function scripted(base: string, sub: string | undefined, sup: string | undefined): string {
  const text = `${base}${sub === undefined ? '' : script(sub.trim(), SUB, '_')}${sup === undefined ? '' : script(sup.trim(), SUP, '^')}`;
  return /[_^]/.test(text.slice(base.length)) ? `${text} ` : text;
}

/** Parentheses around anything longer than one name or number, so 1/(n+1) is not read as 1/n + 1. */
const group = (text: string) => (/^[\p{L}\p{N}.′]*$/u.test(text) ? text : `(${text})`);

/** The plain-text reading of one MathML element (KaTeX's output: presentation MathML with a TeX annotation). */
export function readMath(el: Element): string {
  const kids = [...el.children];
  const read = (i: number) => (kids[i] ? readMath(kids[i]) : '');
  switch (el.localName) {
    case 'annotation': case 'annotation-xml': case 'mphantom': return '';
    case 'semantics': return read(0);
    case 'mi': case 'mn': case 'mtext': case 'ms': return (el.textContent ?? '').replace(/\s+/g, ' ');
    case 'mo': {
      const t = (el.textContent ?? '').trim();
      return SPACED.has(t) ? ` ${t} ` : el.getAttribute('separator') === 'true' || t === ',' ? `${t} ` : t;
    }
    case 'mspace': return ' ';
    case 'mfrac': return `${group(read(0).trim())}/${group(read(1).trim())}`;
    case 'msqrt': return `√${group(kids.map(readMath).join('').trim())}`;
    case 'mroot': return `${script(read(1).trim(), SUP, '^')}√${group(read(0).trim())}`;
    case 'msub': case 'munder': return scripted(read(0), read(1), undefined);
    case 'msup': return scripted(read(0), undefined, read(1));
    case 'msubsup': case 'munderover': return scripted(read(0), read(1), read(2));
    case 'mover': {
      const mark = ACCENT[read(1).trim()];
      return el.getAttribute('accent') === 'true' && mark ? `${read(0)}${mark}`.normalize('NFC') : scripted(read(0), undefined, read(1));
    }
    case 'mtable': return kids.map(readMath).filter((row) => row.trim()).join('; ');
    case 'mtr': case 'mlabeledtr': return kids.map(readMath).join(' ');
    default: return kids.map(readMath).join('');
  }
}

/** The reading of a rendered `.katex` element: its MathML read, spaces tidied, invisible operators (tanh⁡x) dropped. */
export function mathText(katex: Element): string {
  const math = katex.querySelector('math');
  return math ? readMath(math).replace(/\u2061/g, ' ').replace(/[\u2062-\u2064]/g, '').replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ ([),;])/g, '$1').trim() : '';
}
