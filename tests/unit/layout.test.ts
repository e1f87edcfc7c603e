import { expect, test } from 'vitest';
import { layoutViolations, sources } from '../support/layout.ts';

// One room per chapter: imports run chapter → core/figure only, and the core and a chapter's maths stay pure.
test('the tree follows the layout rule', () => {
  const files = sources();
  expect(files.length).toBeGreaterThan(50);
  expect(layoutViolations(files)).toEqual([]);
});

test('the check catches each kind of breach (so the test above can fail)', () => {
  const found = layoutViolations([
    { path: 'src/chapters/a/x.ts', text: "import { y } from '../b/y.ts';" },
    { path: 'src/core/train.ts', text: "import { f } from '../chapters/a/x.ts';\nexport const g = () => globalThis;" },
    { path: 'src/figure/build.ts', text: "import { f } from '../chapters/a/x.ts';" },
    { path: 'src/chapters/a/maths.ts', text: "import * as Plot from '@observablehq/plot';\nexport const w = () => new Worker('x');" },
    // Words in comments and strings are not uses; a figure may draw.
    { path: 'src/chapters/a/ok.ts', text: "// the document says\nexport const s = 'fetch the window';" },
    { path: 'src/chapters/a/figures/f.ts', text: "import * as Plot from '@observablehq/plot';\nimport { m } from '../maths.ts';\nexport const d = (document: Document) => document.body;" },
  ]);
  expect(found).toEqual([
    'src/chapters/a/x.ts: imports another chapter (src/chapters/b/y.ts)',
    'src/core/train.ts: core imports a chapter (src/chapters/a/x.ts)',
    'src/core/train.ts: core imports outside core (src/chapters/a/x.ts)',
    'src/core/train.ts: pure code uses globalThis',
    'src/figure/build.ts: figure imports a chapter (src/chapters/a/x.ts)',
    'src/chapters/a/maths.ts: pure code imports @observablehq/plot',
    'src/chapters/a/maths.ts: pure code uses Worker',
  ]);
});
