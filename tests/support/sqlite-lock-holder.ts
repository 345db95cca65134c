/**
 * Another process holding the write lock of the SQLite file at argv[2], for tests: takes it (`BEGIN IMMEDIATE`),
 * prints `locked`, and commits after argv[3] milliseconds, or when its stdin ends if argv[3] is absent.
 * Run with tsx; never used by the program itself.
 */
import BetterSqlite3 from 'better-sqlite3';

const [path, holdMs] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: sqlite-lock-holder.ts PATH [HOLD_MS]');
const db = new BetterSqlite3(path, { timeout: 30_000 });
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\n');
const release = (): void => {
  db.exec('COMMIT');
  db.close();
  process.exit(0);
};
if (holdMs === undefined) process.stdin.on('end', release).resume();
else setTimeout(release, Number(holdMs));
