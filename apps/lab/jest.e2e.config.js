// Tests against the deployed lab stack; tools/scripts/test.sh runs them after `lab` deployed it, in
// file order, the destructive fault tests last.
module.exports = {
  displayName: 'lab-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
  testSequencer: '<rootDir>/e2e/by-name-sequencer.js',
  testEnvironment: '<rootDir>/e2e/late-engine-calls-environment.js',
  testTimeout: 600000,
  maxWorkers: 1,
  // Each proof with its time in the log: where the suite's minutes go.
  verbose: true,
};
