// Preloaded (`node --import`) into a benchmarked child: writes its peak RSS (KiB, getrusage) to $VELO_PEAK_RSS_FILE at exit.
import { writeFileSync } from 'node:fs';

const file = process.env.VELO_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
