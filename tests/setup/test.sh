#!/usr/bin/env bash
# npm test: types (astro sync writes the astro:content types tsc reads), both builds, then every Vitest test; ends with the "N passed, N failed" line CI reads.
set -u
# A report left by an earlier run must never be read as this run's result.
rm -f .vitest-report.json
status=0
bash tests/setup/ensure-chromium.sh \
  && astro sync \
  && echo "tsc --noEmit" && tsc --noEmit -p . \
  && astro check \
  && astro build \
  && BASE_PATH=/sub/ astro build --outDir dist-sub \
  && vitest run --reporter=default --reporter=json --outputFile.json=.vitest-report.json \
  || status=$?
node tests/setup/summary.mjs
exit "$status"
