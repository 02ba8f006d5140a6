module.exports = {
  displayName: 'provider-random',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
