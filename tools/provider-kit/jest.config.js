module.exports = {
  displayName: 'provider-kit',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
