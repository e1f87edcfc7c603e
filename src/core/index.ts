/** The numerical core of Broken Symmetry: models, initialisation, training and traces. */
export * from './activations.ts';
export * from './datasets.ts';
export * from './errors.ts';
export * from './init.ts';
export * from './layout.ts';
export * from './mlp.ts';
export * from './model.ts';
export * from './random.ts';
export * from './trace.ts';
export * from './train.ts';
export * from './gradcheck.ts';
