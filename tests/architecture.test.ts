import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts file under `dir`, recursively. */
function listSourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Imports point down: data <- services <- render <- commands <- platform (STYLE.md section 1). */
const forbidden: Record<string, RegExp> = {
  'src/data': /from ['"](\.\.\/)+(services|render|commands|platform)\/|from ['"]discord\.js['"]/,
  'src/services': /from ['"](\.\.\/)+(render|commands|platform)\/|from ['"]discord\.js['"]/,
  'src/render': /from ['"](\.\.\/)+(commands|platform)\/|from ['"]discord\.js['"]/,
  'src/commands': /from ['"](\.\.\/)+platform\/|from ['"]discord\.js['"]/,
};

describe('layers', () => {
  for (const [dir, pattern] of Object.entries(forbidden)) {
    it(`${dir} imports only from lower layers`, () => {
      const files = listSourceFiles(dir);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(pattern);
    });
  }

  it('keeps better-sqlite3 under src/data/sqlite and pg under src/data/postgres', () => {
    for (const file of listSourceFiles('src')) {
      const text = readFileSync(file, 'utf8');
      if (!file.startsWith(join('src', 'data', 'sqlite'))) expect(text, file).not.toMatch(/from ['"]better-sqlite3['"]/);
      if (!file.startsWith(join('src', 'data', 'postgres'))) expect(text, file).not.toMatch(/from ['"]pg['"]/);
    }
  });

  it('reads process.env only in src/config.ts and src/main.ts', () => {
    for (const file of listSourceFiles('src')) {
      if (file === join('src', 'config.ts') || file === join('src', 'main.ts')) continue;
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/process\.env\b/);
    }
  });
});
