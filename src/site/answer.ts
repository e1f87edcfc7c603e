/** What the reader typed, judged against the answer: accepted within a relative tolerance, or a message saying why not. */
export function judge(text: string, answer: number, tolerance: number): { ok: boolean; message: string } {
  // Readers type a true minus, a comma decimal or an exponent: read them all as the number they mean.
  const cleaned = text.trim().replace(/[−–]/g, '-').replace(/(\d),(\d)/g, '$1.$2').replace(/\s*[×x]\s*10\^?/i, 'e');
  if (cleaned === '') return { ok: false, message: 'Type a number first.' };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return { ok: false, message: `"${text.slice(0, 40)}" is not a number.` };
  const x = Number(cleaned);
  const off = Math.abs(x - answer) / Math.max(Math.abs(answer), Number.MIN_VALUE);
  if (off <= tolerance) return { ok: true, message: `Right: ${x} is within ${+(tolerance * 100).toPrecision(2)}% of the answer.` };
  return { ok: false, message: `Not quite: ${x} is ${x > answer ? 'too large' : 'too small'}. Try again, or open the answer below.` };
}
