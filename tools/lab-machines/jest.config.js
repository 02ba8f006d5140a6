// Unit tests: pure parts only, no root, no lab. Tests against a running lab (*.lab.test.ts) and of what
// lab:down left (*.clean.test.ts) have configs of their own.
module.exports = {
  displayName: 'lab-machines',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '\\.(lab|clean)\\.test\\.ts$'],
};
