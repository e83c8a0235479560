import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { maxRowid, readIntegerPairs } from '../../electron/backend/compare/packedIntegers';

// 30,000 rows over ids with gaps, so a ranged read takes several ranges (12,000 rows each)
function table(): Database.Database {
  const db = new Database(':memory:');
  db.exec(
    'CREATE TABLE t (id INTEGER PRIMARY KEY, seg INTEGER NOT NULL, code INTEGER NOT NULL, kind TEXT NOT NULL)',
  );
  db.exec('CREATE INDEX t_by_kind ON t (kind, seg, code)');
  const insert = db.prepare('INSERT INTO t (id, seg, code, kind) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 30_000; i++) insert.run(i * 3 + 1, (i * 7919) % 45_001, i % 41, i % 5 ? 'a' : 'b');
  })();
  return db;
}

const query = (db: Database.Database, highSeekable: boolean, where = "kind IN ('a', 'b')") => ({
  from: 't',
  high: 'seg',
  highMax: 45_000,
  low: 'code',
  lowMax: 40,
  where,
  maxRows: maxRowid(db, 't'),
  highSeekable,
});

const read = (db: Database.Database, q: ReturnType<typeof query>) => {
  const pairs: string[] = [];
  const n = readIntegerPairs(db, q, (seg, code) => pairs.push(`${seg}:${code}`));
  return { n, pairs: pairs.sort() };
};

describe('packed integer pairs', () => {
  it('reads the same pairs in one list as in ranges of the high column, and counts them', () => {
    const db = table();
    const expected = (
      db.prepare("SELECT seg, code FROM t WHERE kind IN ('a', 'b')").all() as {
        seg: number;
        code: number;
      }[]
    )
      .map((r) => `${r.seg}:${r.code}`)
      .sort();
    expect(expected).toHaveLength(30_000);
    expect(read(db, query(db, false))).toEqual({ n: 30_000, pairs: expected });
    expect(read(db, query(db, true))).toEqual({ n: 30_000, pairs: expected });
    // a filter keeps its rows in both ways
    const b = read(db, query(db, true, "kind = 'b'"));
    expect(b.n).toBe(6_000);
    expect(b).toEqual(read(db, query(db, false, "kind = 'b'")));
  });

  it('reads nothing from an empty table and refuses a row bound that is too small', () => {
    const db = table();
    expect(read(db, query(db, true, '0'))).toEqual({ n: 0, pairs: [] });
    expect(() => readIntegerPairs(db, { ...query(db, false), maxRows: 100 }, () => undefined)).toThrow(
      /more rows than the bound/,
    );
  });
});
