import release from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, type QuickJSContext } from 'quickjs-emscripten-core';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { decode, encode } from '../../../../src/figure/cell/codec.ts';

// One value as source text, so the host and QuickJS build the same thing without passing it through the codec.
// (-0 is left out: JSON writes it as 0, so it reads back as +0.)
const source = `({
  plain: [0.1 + 0.2, 1 / 3, 5e-324, 1.7976931348623157e308, -2.5e-300, 2 ** 53 + 2, 7, 0],
  odd: [NaN, Infinity, -Infinity],
  nested: { f64: new Float64Array([0.1, NaN, -Infinity, 5e-324]), rows: [{ i32: new Int32Array([-1, 2147483647]), loss: Infinity }] },
  small: { f32: new Float32Array([0.1, -3.5]), u8: new Uint8Array([0, 255]), u16: new Uint16Array([65535]) },
  text: ['NaN', 'Infinity', '{"$number":"NaN"}', 'say "hi"\\n', 'ε → ∞'],
  flags: [true, false, null],
})`;
const make = (): Record<string, unknown> => runInNewContext(source);

/** Every number in a value, in a fixed order (typed arrays' elements included). */
function numbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (ArrayBuffer.isView(value)) out.push(...Array.from(value as unknown as ArrayLike<number>));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbers(v, out);
  return out;
}
const bits = (xs: number[]) => Array.from(new BigUint64Array(new Float64Array(xs).buffer), (b) => b.toString(16));

let vm: QuickJSContext;
beforeAll(async () => {
  vm = (await newQuickJSWASMModuleFromVariant(release)).newContext();
});
afterAll(() => vm.dispose());

/** A string computed by evaluating `code` in QuickJS. */
function inQuickJS(code: string): string {
  const r = vm.evalCode(code);
  if (r.error) {
    const e = vm.dump(r.error);
    r.error.dispose();
    throw new Error(JSON.stringify(e));
  }
  const text = vm.getString(r.value);
  r.value.dispose();
  return text;
}

test('a round trip restores typed arrays by type, non-finite numbers, strings, booleans and null', () => {
  const value = make();
  const back = decode(encode(value)) as typeof value;
  // structuredClone gives the same value in this realm, so toStrictEqual can compare constructors too.
  expect(back).toStrictEqual(structuredClone(value));
  const nested = back.nested as { f64: unknown; rows: { i32: unknown }[] };
  expect(nested.f64).toBeInstanceOf(Float64Array);
  expect(nested.rows[0].i32).toBeInstanceOf(Int32Array);
  expect((back.small as { f32: unknown }).f32).toBeInstanceOf(Float32Array);
});

test('every number reads back with the same bits', () => {
  const value = make();
  expect(bits(numbers(decode(encode(value))))).toEqual(bits(numbers(value)));
});

test('a non-finite number at the top level, and undefined, encode to JSON too', () => {
  for (const x of [NaN, Infinity, -Infinity]) expect(decode(encode(x))).toBe(x);
  // Plain JSON would write null and lose it.
  expect(JSON.parse(encode(NaN))).not.toBeNull();
  expect(encode(undefined)).toBe('null');
});

test('encode.toString() evaluated in QuickJS writes the same text as encode does here', () => {
  expect(inQuickJS(`(${encode.toString()})(${source})`)).toBe(encode(make()));
});

test('decode.toString() evaluated in QuickJS reads what encode wrote: encoding it again gives the same text', () => {
  const text = encode(make());
  expect(inQuickJS(`(${encode.toString()})((${decode.toString()})(${JSON.stringify(text)}))`)).toBe(text);
});
