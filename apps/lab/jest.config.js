module.exports = {
  displayName: 'lab',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '\\.it\\.test\\.ts$'],
};
