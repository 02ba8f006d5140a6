// Unit tests: pure parts only, no root, no lab. The lab's own tests (*.lab.test.ts) have jest.lab.config.js.
module.exports = {
  displayName: 'lab-tool',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '\\.lab\\.test\\.ts$'],
};
