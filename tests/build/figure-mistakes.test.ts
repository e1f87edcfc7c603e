import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { expect, test, vi } from 'vitest';

// A fixture site cannot add a figure (the registry globs src/chapters/*/figures/), so these figures
// stand in for the registry: the build's own renderAtBuild and <Figure> then meet them as it would.
const fakes = vi.hoisted(() => {
  const svg = (_: unknown, d: Document) => d.createElement('svg');
  const ok = () => ({ rows: [], alt: 'A chart.' });
  const range = (value: number) => ({ eta: { kind: 'range', label: 'Learning rate', min: 0.01, max: 0.3, step: 0.01, value } });
  const figure = (spec: object) => ({ kind: 'figure', controls: {}, compute: ok, draw: svg, ...spec });
  return {
    'above-max': figure({ controls: range(0.5) }),
    'off-step': figure({ controls: range(0.055) }),
    'no-such-option': figure({ controls: { act: { kind: 'select', label: 'Activation', value: 'relu', options: [{ value: 'tanh', label: 'tanh' }] } } }),
    'compute-null': figure({ compute: () => null }),
    'draw-object': figure({ draw: () => ({}) }),
  } as Record<string, unknown>;
});
vi.mock('../../src/figure/registry.ts', () => ({
  loadFigure: async (name: string) => fakes[name],
  figurePath: (name: string) => `src/chapters/fake/figures/${name}.ts`,
  figureNames: () => Object.keys(fakes),
}));

const { renderAtBuild } = await import('../../src/figure/build.ts');

test.each([
  ['above-max', 'control "eta": its default 0.5 is not a value the control offers (Learning rate: 0.5 is outside [0.01, 0.3])'],
  ['off-step', 'control "eta": its default 0.055 is not a value the control offers (Learning rate: 0.055 is not one of the slider\'s positions)'],
  ['no-such-option', 'control "act": its default "relu" is not a value the control offers (Activation: "relu" is not one of tanh)'],
  ['compute-null', 'compute must return an object with rows (an array) and alt (a string)'],
  ['draw-object', 'draw must return an Element (got object)'],
])('a figure whose %s fails the build naming its file', async (name, message) => {
  await expect(renderAtBuild(name)).rejects.toThrow(`src/chapters/fake/figures/${name}.ts: ${message}`);
});

test('<Figure> passes the message on, so the build output names the figure file, not a frame in the framework', async () => {
  const { default: Figure } = await import('../../components/Figure.astro');
  const container = await AstroContainer.create();
  await expect(container.renderToString(Figure, { props: { name: 'draw-object', caption: 'c' } })).rejects.toThrow(
    'src/chapters/fake/figures/draw-object.ts: draw must return an Element (got object)',
  );
});
