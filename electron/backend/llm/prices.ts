import type Database from 'better-sqlite3';
import type { ModelPrice } from '../../../shared/contract/llm';
import type { ChatUsage } from './chatClient';

interface PriceRow {
  model: string;
  input_per_1m: number;
  cached_input_per_1m: number | null;
  output_per_1m: number;
  note: string;
  updated_at: string;
}

const toPrice = (r: PriceRow): ModelPrice => ({
  model: r.model,
  inputPer1M: r.input_per_1m,
  cachedInputPer1M: r.cached_input_per_1m,
  outputPer1M: r.output_per_1m,
  note: r.note,
  updatedAt: r.updated_at,
});

export function listPrices(db: Database.Database): ModelPrice[] {
  return (db.prepare('SELECT * FROM model_prices ORDER BY model').all() as PriceRow[]).map(toPrice);
}

/**
 * The price of a model: an exact row, else the longest row that the name extends with
 * a dash ("gpt-4o-mini-2024-07-18" is priced as "gpt-4o-mini"). Null when unknown.
 */
export function priceFor(db: Database.Database, model: string): ModelPrice | null {
  const rows = db
    .prepare(
      "SELECT * FROM model_prices WHERE ? = model OR ? LIKE model || '-%' ORDER BY length(model) DESC LIMIT 1",
    )
    .get(model, model) as PriceRow | undefined;
  return rows ? toPrice(rows) : null;
}

export function setPrice(db: Database.Database, p: ModelPrice): ModelPrice {
  db.prepare(
    `INSERT INTO model_prices (model, input_per_1m, cached_input_per_1m, output_per_1m, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (model) DO UPDATE SET input_per_1m = excluded.input_per_1m, cached_input_per_1m = excluded.cached_input_per_1m,
       output_per_1m = excluded.output_per_1m, note = excluded.note, updated_at = excluded.updated_at`,
  ).run(p.model, p.inputPer1M, p.cachedInputPer1M, p.outputPer1M, p.note ?? '', new Date().toISOString());
  return priceFor(db, p.model)!;
}

export function deletePrice(db: Database.Database, model: string): boolean {
  return db.prepare('DELETE FROM model_prices WHERE model = ?').run(model).changes > 0;
}

/** Batch API requests cost half the synchronous price (OpenAI's published discount). */
export const BATCH_DISCOUNT = 0.5;

/** USD for some usage; cached prompt tokens at the cached rate (input rate when none is set). */
export function costOf(price: ModelPrice, usage: ChatUsage, batch = false): number {
  const cached = Math.min(usage.cached, usage.input);
  const usd =
    ((usage.input - cached) * price.inputPer1M +
      cached * (price.cachedInputPer1M ?? price.inputPer1M) +
      usage.output * price.outputPer1M) /
    1e6;
  return batch ? usd * BATCH_DISCOUNT : usd;
}
