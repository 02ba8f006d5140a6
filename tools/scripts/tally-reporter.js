// Appends each jest run's counts to $HASTACK_TEST_TALLY, so that tools/scripts/test.sh can print one
// closing line for every test of every phase.
const { appendFileSync } = require('node:fs');

class TallyReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.HASTACK_TEST_TALLY;
    if (!file) return;
    const line = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }
}

module.exports = TallyReporter;
