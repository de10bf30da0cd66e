// 1BRC through the whole engine: Velostream's demo query (demo/1brc/1brc.sql: MIN/AVG/MAX temperature per
// station, EMIT FINAL, file_source with ';' → file_sink CSV) run as `velo-sql-batch run` in its own process,
// against DuckDB on the same file and a hand-written Node loop (byte scan, Map per station, tenths as integers),
// all in the same run. The table: workload, records, seconds (wall, and CPU seconds: the child's for velo, this
// process's for DuckDB, all its threads, and the loop), records/s, ratio of wall time to DuckDB's.
// The three answers are compared (same stations, same min/max, averages within 0.05).
//   node bench/1brc/index.mjs [--quick] [--json FILE]      (ROWS=… overrides the row count; BENCH_QUICK=1 = --quick)
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', '..', 'apps', 'velo-sql-batch', 'dist', 'velo-sql-batch.mjs'); // the bundled bin users run
const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;
const ROWS = Number(process.env.ROWS ?? (quick ? 500_000 : 2_000_000));

const dir = join(tmpdir(), `velo-1brc-${ROWS}`);
const input = join(dir, 'measurements.txt');
mkdirSync(dir, { recursive: true });

/** 413 station names of the original challenge's shape (multi-byte UTF-8 included), deterministic temperatures. */
function generate() {
  if (existsSync(input)) return;
  const bases = ['Abha', 'Abidjan', 'Abéché', 'Accra', 'Addis Ababa', 'Adelaide', 'Aden', 'Ahvaz', 'Albuquerque', 'Alexandra', 'Alexandria', 'Algiers', 'Alice Springs', 'Almaty', 'Amsterdam', 'Anadyr', 'Anchorage', 'Andorra la Vella', 'Ankara', 'Antananarivo', 'Antsiranana', 'Arkhangelsk', 'Ashgabat', 'Asmara', 'Assab', 'Astana', 'Athens', 'Atlanta', 'Auckland', 'Austin', 'Baghdad', 'Baguio', 'Baku', 'Baltimore', 'Bamako', 'Bangkok', 'Bangui', 'Banjul', 'Barcelona', 'Bata', 'Batumi', 'Beijing', 'Beirut', 'Belgrade', 'Belize City', 'Benghazi', 'Bergen', 'Berlin', 'Bilbao', 'Birao', 'Bishkek', 'Bissau', 'Blantyre', 'Bloemfontein', 'Boise', 'Bordeaux', 'Bosaso', 'Boston', 'Bouaké', 'Bratislava', 'Brazzaville', 'Bridgetown', 'Brisbane', 'Brussels', 'Bucharest', 'Budapest', 'Bujumbura', 'Bulawayo', 'Burnie', 'Busan', 'Cabo San Lucas', 'Cairns', 'Cairo', 'Calgary', 'Canberra', 'Cape Town', 'Changsha', 'Charlotte', 'Chiang Mai', 'Chicago', 'Chihuahua', 'Chișinău', 'Chittagong', 'Chongqing', 'Christchurch', 'City of San Marino', 'Colombo', 'Columbus', 'Conakry', 'Copenhagen', 'Cotonou', 'Cracow', 'Da Lat', 'Da Nang', 'Dakar', 'Dallas', 'Damascus', 'Dampier', 'Dar es Salaam', 'Darwin', 'Denpasar', 'Denver', 'Detroit', 'Dhaka', 'Dikson', 'Dili', 'Djibouti', 'Dodoma', 'Dolisie', 'Douala', 'Dubai', 'Dublin', 'Dunedin', 'Durban', 'Dushanbe', 'Edinburgh', 'Edmonton', 'El Paso', 'Entebbe', 'Erbil', 'Erzurum', 'Fairbanks', 'Fianarantsoa', 'Flores,  Petén', 'Frankfurt', 'Fresno', 'Fukuoka', 'Gabès', 'Gaborone', 'Gagnoa', 'Gangtok', 'Garissa', 'Garoua', 'George Town', 'Ghanzi', 'Gjoa Haven', 'Guadalajara', 'Guangzhou', 'Guatemala City', 'Halifax', 'Hamburg', 'Hamilton', 'Hanga Roa', 'Hanoi', 'Harare', 'Harbin', 'Hargeisa', 'Hat Yai', 'Havana', 'Helsinki', 'Heraklion', 'Hiroshima', 'Ho Chi Minh City', 'Hobart', 'Hong Kong', 'Honiara', 'Honolulu', 'Houston', 'Ifrane', 'Indianapolis', 'Iqaluit', 'Irkutsk', 'Istanbul', 'İzmir', 'Jacksonville', 'Jakarta', 'Jayapura', 'Jerusalem', 'Johannesburg', 'Jos', 'Juba', 'Kabul', 'Kampala', 'Kandi', 'Kankan', 'Kano', 'Kansas City', 'Karachi', 'Karonga', 'Kathmandu', 'Khartoum', 'Kingston', 'Kinshasa', 'Kolkata', 'Kuala Lumpur', 'Kumasi', 'Kunming', 'Kuopio', 'Kuwait City', 'Kyiv', 'Kyoto', 'La Ceiba', 'La Paz', 'Lagos', 'Lahore', 'Lake Havasu City', 'Lake Tekapo', 'Las Palmas de Gran Canaria', 'Las Vegas', 'Launceston', 'Lhasa', 'Libreville', 'Lisbon', 'Livingstone', 'Ljubljana', 'Lodwar', 'Lomé', 'London', 'Los Angeles', 'Louisville', 'Luanda', 'Lubumbashi', 'Lusaka', 'Luxembourg City', 'Lviv', 'Lyon', 'Madrid', 'Mahajanga', 'Makassar', 'Makurdi', 'Malabo', 'Malé', 'Managua', 'Manama', 'Mandalay', 'Mango', 'Manila', 'Maputo', 'Marrakesh', 'Marseille', 'Maun', 'Medan', 'Mek\'ele', 'Melbourne', 'Memphis', 'Mexicali', 'Mexico City', 'Miami', 'Milan', 'Milwaukee', 'Minneapolis', 'Minsk', 'Mogadishu', 'Mombasa', 'Monaco', 'Moncton', 'Monterrey', 'Montreal', 'Moscow', 'Mumbai', 'Murmansk', 'Muscat', 'Mzuzu', 'N\'Djamena', 'Naha', 'Nairobi', 'Nakhon Ratchasima', 'Napier', 'Napoli', 'Nashville', 'Nassau', 'Ndola', 'New Delhi', 'New Orleans', 'New York City', 'Ngaoundéré', 'Niamey', 'Nicosia', 'Niigata', 'Nouadhibou', 'Nouakchott', 'Novosibirsk', 'Nuuk', 'Odesa', 'Odienné', 'Oklahoma City', 'Omaha', 'Oranjestad', 'Oslo', 'Ottawa', 'Ouagadougou', 'Ouahigouya', 'Ouarzazate', 'Oulu', 'Palembang', 'Palermo', 'Palm Springs', 'Palmerston North', 'Panama City', 'Parakou', 'Paris', 'Perth', 'Petropavlovsk-Kamchatsky', 'Philadelphia', 'Phnom Penh', 'Phoenix', 'Pittsburgh', 'Podgorica', 'Pointe-Noire', 'Pontianak', 'Port Moresby', 'Port Sudan', 'Port Vila', 'Port-Gentil', 'Portland (OR)', 'Porto', 'Prague', 'Praia', 'Pretoria', 'Pyongyang', 'Rabat', 'Rangpur', 'Reggane', 'Reykjavík', 'Riga', 'Riyadh', 'Rome', 'Roseau', 'Rostov-on-Don', 'Sacramento', 'Saint Petersburg', 'Saint-Pierre', 'Salt Lake City', 'San Antonio', 'San Diego', 'San Francisco', 'San Jose', 'San José', 'San Juan', 'San Salvador', 'Sana\'a', 'Santo Domingo', 'Sapporo', 'Sarajevo', 'Saskatoon', 'Seattle', 'Ségou', 'Seoul', 'Seville', 'Shanghai', 'Singapore', 'Skopje', 'Sochi', 'Sofia', 'Sokoto', 'Split', 'St. John\'s', 'St. Louis', 'Stockholm', 'Surabaya', 'Suva', 'Suwałki', 'Sydney', 'Tabora', 'Tabriz', 'Taipei', 'Tallinn', 'Tamale', 'Tamanrasset', 'Tampa', 'Tashkent', 'Tauranga', 'Tbilisi', 'Tegucigalpa', 'Tehran', 'Tel Aviv', 'Thessaloniki', 'Thiès', 'Tijuana', 'Timbuktu', 'Tirana', 'Toamasina', 'Tokyo', 'Toliara', 'Toluca', 'Toronto', 'Tripoli', 'Tromsø', 'Tucson', 'Tunis', 'Ulaanbaatar', 'Upington', 'Ürümqi', 'Vaduz', 'Valencia', 'Valletta', 'Vancouver', 'Veracruz', 'Vienna', 'Vientiane', 'Villahermosa', 'Vilnius', 'Virginia Beach', 'Vladivostok', 'Warsaw', 'Washington, D.C.', 'Wau', 'Wellington', 'Whitehorse', 'Wichita', 'Willemstad', 'Winnipeg', 'Wrocław', 'Xi\'an', 'Yakutsk', 'Yangon', 'Yaoundé', 'Yellowknife', 'Yerevan', 'Yinchuan', 'Zagreb', 'Zanzibar City', 'Zürich'];
  const means = bases.map((_, i) => ((i * 7919) % 400) / 10 - 5);
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const fd = openSync(input, 'w');
  let chunk = 'station;temperature\n';
  for (let i = 0; i < ROWS; i++) {
    const s = Math.floor(rand() * bases.length);
    const t = Math.max(-99.9, Math.min(99.9, means[s] + (rand() - 0.5) * 20));
    chunk += `${bases[s]};${t.toFixed(1)}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

/** CPU seconds used so far by this process's waited-for children (utime + stime of /proc/self/stat). */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Velostream's demo SQL with the paths pointed at the generated file. */
function runVelo() {
  const out = join(dir, 'velo-results.csv');
  const app = join(dir, '1brc.sql');
  writeFileSync(
    app,
    `CREATE STREAM results AS
SELECT station, MIN(temperature) AS min_temp, AVG(temperature) AS avg_temp, MAX(temperature) AS max_temp
FROM measurements
GROUP BY station
EMIT FINAL
WITH (
    'measurements.type' = 'file_source_mmap',
    'measurements.path' = '${input}',
    'measurements.format' = 'csv',
    'measurements.delimiter' = ';',
    'results.type' = 'file_sink',
    'results.path' = '${out}',
    'results.format' = 'csv'
);
`,
  );
  rmSync(out, { force: true });
  const cpuBefore = childCpuSeconds();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, 'run', '--quiet', app], { stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`velo-sql-batch exited ${result.status}: ${result.stderr}`);
  const answer = new Map();
  const lines = readFileSync(out, 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    // station may be quoted (it can hold the ',' delimiter).
    const m = /^(?:"((?:[^"]|"")*)"|([^,]*)),([^,]*),([^,]*),([^,]*)$/.exec(line);
    if (!m) throw new Error(`unexpected velo output line: ${line}`);
    answer.set(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2], [Number(m[3]), Number(m[4]), Number(m[5])]);
  }
  return { seconds, cpu: childCpuSeconds() - cpuBefore, answer };
}

/** CPU seconds this process (all its threads: DuckDB's too) used since `before` (a process.cpuUsage()). */
function cpuSince(before) {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

async function runDuckdb() {
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  const reader = await duck.runAndReadAll(
    `SELECT station, MIN(temperature), AVG(temperature), MAX(temperature)
     FROM read_csv('${input}', delim = ';', header = true, columns = {'station': 'VARCHAR', 'temperature': 'DECIMAL(4,1)'})
     GROUP BY station`,
  );
  const answer = new Map();
  for (const [station, min, avg, max] of reader.getRowsJS()) answer.set(station, [Number(min), Number(avg), Number(max)]);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpu: cpuSince(cpuBefore), answer };
}

/** The hand-written loop: 1 MB reads, byte scans for ';' and '\n', tenths parsed from bytes, one Map entry per station. */
function runLoop() {
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const fd = openSync(input, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const stats = new Map();
  let carry = 0;
  let first = true;
  for (;;) {
    const read = readSync(fd, buffer, carry, buffer.length - carry, null);
    const end = carry + read;
    if (end === 0) break;
    let lineStart = 0;
    for (;;) {
      const nl = buffer.indexOf(10, lineStart);
      if (nl === -1 || nl >= end) break;
      if (first) first = false;
      else {
        const semi = buffer.lastIndexOf(59, nl);
        const name = buffer.latin1Slice(lineStart, semi);
        let i = semi + 1;
        let sign = 1;
        if (buffer[i] === 45) { sign = -1; i++; }
        let v = 0;
        for (; i < nl; i++) { const c = buffer[i]; if (c !== 46) v = v * 10 + c - 48; }
        v *= sign;
        const s = stats.get(name);
        if (s === undefined) stats.set(name, { min: v, max: v, sum: v, count: 1 });
        else {
          if (v < s.min) s.min = v;
          if (v > s.max) s.max = v;
          s.sum += v;
          s.count++;
        }
      }
      lineStart = nl + 1;
    }
    carry = end - lineStart;
    buffer.copy(buffer, 0, lineStart, end);
    if (read === 0) break;
  }
  closeSync(fd);
  const answer = new Map();
  for (const [latin1, s] of stats) answer.set(Buffer.from(latin1, 'latin1').toString('utf8'), [s.min / 10, s.sum / s.count / 10, s.max / 10]);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpu: cpuSince(cpuBefore), answer };
}

function sameAnswer(a, b) {
  if (a.size !== b.size) return false;
  for (const [station, [min, avg, max]] of a) {
    const other = b.get(station);
    if (!other || other[0] !== min || other[2] !== max || Math.abs(other[1] - avg) > 0.05) return false;
  }
  return true;
}

generate();
const loop = runLoop();
const duckdb = await runDuckdb();
const velo = runVelo();
const results = [
  { workload: 'DuckDB read_csv + GROUP BY (baseline)', seconds: duckdb.seconds, cpu: duckdb.cpu },
  { workload: 'hand-written Node loop', seconds: loop.seconds, cpu: loop.cpu },
  { workload: 'velo-sql-batch run 1brc.sql', seconds: velo.seconds, cpu: velo.cpu },
];
const agree = sameAnswer(velo.answer, duckdb.answer) && sameAnswer(loop.answer, duckdb.answer);
console.log(`1BRC, ${ROWS.toLocaleString('en-US')} rows, ${duckdb.answer.size} stations; ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log('| workload | records | seconds | records/s | ratio to DuckDB wall |');
console.log('|---|---:|---:|---:|---:|');
for (const r of results) {
  const cpu = r.cpu === undefined ? '' : ` (${r.cpu.toFixed(2)} CPU-s)`;
  console.log(`| ${r.workload} | ${ROWS.toLocaleString('en-US')} | ${r.seconds.toFixed(2)}${cpu} | ${Math.round(ROWS / r.seconds).toLocaleString('en-US')} | ${(r.seconds / duckdb.seconds).toFixed(2)}× |`);
}
console.log(agree ? 'answers agree (stations, min, max exact; avg within 0.05)' : 'ANSWERS DIFFER between velo, DuckDB and the loop');
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ rows: ROWS, results, agree }, null, 2));
if (!agree) process.exitCode = 1;
