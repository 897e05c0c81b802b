/**
 * A small seeded PRNG (mulberry32) for randomised tests. The seed comes from
 * TEST_SEED when set, so a failing run can be replayed exactly; tests print it.
 */
export function seededRandom(label: string): { seed: number; next: () => number; pick: <T>(items: readonly T[]) => T } {
  const seed = process.env.TEST_SEED ? Number(process.env.TEST_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`${label}: seed ${seed} (replay with TEST_SEED=${seed})`);
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed, next, pick: (items) => items[Math.floor(next() * items.length)] };
}
