// A process's peak resident memory (VmHWM, polled from /proc every 2 ms) and its time.
import { readFileSync } from 'node:fs';

/** Waits for `child` to exit: `{ mb, seconds }`, its peak memory and how long it ran. */
export async function peakOf(child) {
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const m = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
      if (m) peak = Math.max(peak, Number(m[1]));
    } catch { /* gone */ }
  }, 2);
  const t0 = process.hrtime.bigint();
  await new Promise((done) => child.on('exit', done));
  clearInterval(poll);
  return { mb: peak / 1024, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}
