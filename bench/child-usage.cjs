// Preloaded with `node --require` where /usr/bin/time is missing: at exit, writes what this process used to the file
// named by BENCH_USAGE_FILE, as JSON: its peak memory (max RSS in KiB) and its CPU time (ms), every thread included.
'use strict';
const fs = require('node:fs');

process.on('exit', () => {
  const usage = process.resourceUsage();
  fs.writeFileSync(
    process.env.BENCH_USAGE_FILE,
    JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }),
  );
});
