import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from './en.json';
import es from './es.json';

type Catalogue = { [key: string]: string | Catalogue };

function keysOf(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Plural forms (key_one, key_other) answer for the key itself. */
const base = (key: string) => key.replace(/_(one|other)$/, '');

describe('message catalogue', () => {
  const english = keysOf(en as Catalogue);
  const spanish = keysOf(es as Catalogue);

  it('has every English string in Spanish, and nothing extra', () => {
    expect([...spanish].sort()).toEqual([...english].sort());
  });

  it('has no empty string', () => {
    const empty = [...english, ...spanish].filter((key) => {
      const value = key
        .split('.')
        .reduce<Catalogue | string>((node, part) => (node as Catalogue)[part], en as Catalogue);
      return typeof value === 'string' && value.trim() === '';
    });
    expect(empty).toEqual([]);
  });

  it('knows every literal key the screens ask for', () => {
    const known = new Set(english.map(base));
    const asked = sourceFiles(join(__dirname, '..')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)].map((match) => match[1]),
    );
    expect(asked.length).toBeGreaterThan(100);
    expect(asked.filter((key) => !known.has(key))).toEqual([]);
  });
});
