import { nodeSupport } from '../bench/node-version';

// The bench flags a run on a Node.js outside package.json's engines (issue 18): its figures
// are not the product's, so a reader of the report must see that before the numbers.
describe('the bench: is this Node.js one the product supports', () => {
  it('reads the range from package.json', () => {
    expect(nodeSupport('v24.22.3').engines).toBe('^22.15.0 || >=24.11.0');
  });

  it.each([
    ['v24.22.3', true],
    ['v24.11.0', true],
    ['v22.15.0', true],
    ['v22.14.0', false],
    ['v20.20.2', false],
    ['v24.10.0', false],
  ])('%s → supported: %s', (version, supported) => {
    expect(nodeSupport(version).supported).toBe(supported);
  });
});
