import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SYMBOLS = ['AAPL', 'MSFT', 'GOOG', 'NVDA', 'TSLA', 'AMZN'];
const SIDES = ['BUY', 'SELL'];
const NOTES = ['', 'urgent', 'block trade', 'Odd lot', ''];

/** A deterministic pseudo-random sequence (no Math.random: results must not change between runs). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Writes `trades.csv` (ordered by time, with NULLs) and `symbols.csv` into `dir`; returns their paths. */
export function writeDataFiles(dir: string, rows = 1500): { trades: string; symbols: string } {
  const random = lcg(20261125);
  const lines = ['id,symbol,side,price,qty,ts,note,fee'];
  let time = Date.UTC(2026, 10, 2, 9, 30, 0);
  for (let id = 1; id <= rows; id++) {
    time += Math.floor(random() * 4000);
    const symbol = SYMBOLS[Math.floor(random() * SYMBOLS.length)]!;
    const price = (50 + random() * 400).toFixed(2);
    const qty = 1 + Math.floor(random() * 500);
    const note = NOTES[Math.floor(random() * NOTES.length)]!;
    const fee = random() < 0.1 ? '' : (random() * 10).toFixed(3);
    const iso = new Date(time).toISOString().replace('.000Z', '').replace('Z', '');
    lines.push([id, symbol, SIDES[id % 2], price, qty, iso, note.includes(' ') ? `"${note}"` : note, fee].join(','));
  }
  const trades = join(dir, 'trades.csv');
  writeFileSync(trades, `${lines.join('\n')}\n`);
  const symbols = join(dir, 'symbols.csv');
  writeFileSync(
    symbols,
    ['symbol,company,sector,lot', 'AAPL,Apple,Tech,100', 'MSFT,Microsoft,Tech,100', 'GOOG,Alphabet,Tech,50', 'NVDA,Nvidia,Semis,10', 'XOM,Exxon,Energy,100', ''].join('\n'),
  );
  return { trades, symbols };
}
