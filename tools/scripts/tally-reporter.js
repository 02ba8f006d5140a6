// Appends each jest run's counts, and its slowest tests, to $HASTACK_TEST_TALLY, so that
// tools/scripts/test.sh can print one closing line for every test of every phase and where the time went.
const { appendFileSync } = require('node:fs');
const path = require('node:path');

/** Kept per run: enough for the suite's overall top list. */
const SLOWEST_KEPT = 15;

/** Every test's time, and each file's time outside its tests (loading it, and its hooks: a deployment in a beforeAll, say). */
function timings(results) {
  return results.testResults.flatMap((file) => {
    const name = path.basename(file.testFilePath);
    const tests = file.testResults.map((test) => ({ name: `${name}: ${test.title}`, seconds: (test.duration ?? 0) / 1000 }));
    const inTests = tests.reduce((total, test) => total + test.seconds, 0);
    const runtime = (file.perfStats.end - file.perfStats.start) / 1000;
    return [...tests, { name: `${name}: loading and hooks (beforeAll, afterAll)`, seconds: Math.max(0, runtime - inTests) }];
  });
}

class TallyReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.HASTACK_TEST_TALLY;
    if (!file) return;
    const line = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      slowest: timings(results)
        .sort((a, b) => b.seconds - a.seconds)
        .slice(0, SLOWEST_KEPT),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }
}

module.exports = TallyReporter;
