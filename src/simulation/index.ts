export { SeededRandom } from './seeded-random.js';
export { Pacer } from './pacer.js';
