// The e2e files run in the order of their numeric prefixes: proofs first, faults next, destroy last.
const Sequencer = require('@jest/test-sequencer').default;

class ByNameSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
}

module.exports = ByNameSequencer;
