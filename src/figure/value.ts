/** A number from a figure's computed data by a dotted path (`fit.slope`, `means.0.mean`); throws naming figure and path otherwise. */
export function dataValue(data: unknown, path: string, figure: string): number {
  let at: unknown = data;
  for (const key of path.split('.')) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  if (typeof at !== 'number' || !Number.isFinite(at)) {
    throw new Error(`figure "${figure}": "${path}" is not a finite number in its computed data (got ${JSON.stringify(at) ?? 'undefined'})`);
  }
  return at;
}
