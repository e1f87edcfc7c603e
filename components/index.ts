// Everything a chapter may use without an import line; the MDX checker reads this list.
export { default as Figure } from './Figure.astro';
export { default as Aside } from './Aside.astro';
export { default as Quiz } from './Quiz.astro';
export { default as Code } from './Code.astro';
export { default as Value } from './Value.astro';
export { default as Exercise } from './Exercise.astro';
export { default as Answer } from './Answer.astro';
export { default as TryIt } from './TryIt.astro';
