// Lets plain `tsc` type-check files that import .astro components (Astro's own checker knows them).
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}
