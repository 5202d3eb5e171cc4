// Bench 4: a bulk send of Veeqo orders from the page, in Live mode through the real nginx
// proxy, to `orderlint sandbox` with its rate limit on (5 a second, bucket of 100). The
// achieved rate against the limit; what reached the API is read from nginx's access log.
import { startStage } from '../tests/e2e/harness.mjs';
import { openBulk, goLive, loadFile, accessLog } from '../tests/e2e/bulk-steps.mjs';
import { veeqoOrder, seedVeeqo } from './corpus.mjs';

const N = Number(process.env.BENCH_SEND || 300);
const KEY = `bench-key-${Date.now()}`;
const LIMIT = 5;
const BUCKET = 100;

const stage = await startStage();
try {
  const ids = await seedVeeqo(`${stage.sandbox.url}/veeqo`, KEY);
  const file = Array.from({ length: N }, (_, i) => JSON.stringify(veeqoOrder(i, { ...ids, run: 9 }))).join('\n');
  const page = await stage.browser.newPage();
  await page.goto(`${stage.site.url}/#/bulk`);
  await goLive(page, stage.proxy.url, KEY);
  await openBulk(page, 'veeqo.order');
  await loadFile(page, 'orders.jsonl', file);

  // The page records when each delivery lands; polled here every 20 ms.
  const seen = [];
  // The send pace alone, as Veeqo's limit allows it (no look-up before each order).
  await page.uncheck('[data-testid=bulk-look-up]');
  await page.click('[data-testid=bulk-send]');
  const t0 = Date.now();
  for (;;) {
    const c = await page.$eval('[data-testid=bulk-send-counts]', (e) => ({ phase: e.dataset.phase, done: +e.dataset.sent + +e.dataset.failed + +e.dataset.unknown, sent: +e.dataset.sent }));
    seen.push({ t: (Date.now() - t0) / 1000, done: c.done, sent: c.sent });
    if (c.phase === 'idle' && c.done >= N) break;
    if (Date.now() - t0 > (N / LIMIT + 60) * 1000) throw new Error(`the run did not finish: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const end = seen[seen.length - 1];
  // The steady rate is measured well past the first burst, which the in-flight cap (not
  // the limit) paces.
  const burst = seen.find((s) => s.done >= BUCKET - 5);
  const after = seen.find((s) => s.done >= BUCKET + 50);
  const steady = (end.done - after.done) / (end.t - after.t);
  const allowed = BUCKET + LIMIT * end.t;

  const posted = accessLog(stage.proxy).filter((e) => e.method === 'POST' && e.path === '/veeqo/orders');
  const by = (s) => posted.filter((e) => e.status === s).length;
  console.log(`${N} Veeqo orders from the Bulk page (headless Chromium, Live) through nginx to orderlint sandbox, limit ${LIMIT}/s with a bucket of ${BUCKET}`);
  console.log('| measured | figure |');
  console.log('|---|---:|');
  console.log(`| whole run | ${end.t.toFixed(1)} s |`);
  console.log(`| first burst (${BUCKET - 5} requests, at most 4 in flight) | ${burst.t.toFixed(1)} s |`);
  console.log(`| steady rate, from request ${after.done} to the last | ${steady.toFixed(2)} req/s (${((steady / LIMIT) * 100).toFixed(1)} % of ${LIMIT}/s) |`);
  console.log(`| requests against what the limit allows in that time | ${N} of ${Math.floor(allowed)} (${((N / allowed) * 100).toFixed(1)} %) |`);
  console.log(`| 201 created / 429 answered / 422 refused (nginx log) | ${by(201)} / ${by(429)} / ${by(422)} |`);
  console.log(`| rows sent / failed | ${end.sent} / ${end.done - end.sent} |`);
  const ok = steady / LIMIT >= 0.95 && by(201) === N && by(422) === 0 && end.sent === N;
  console.log(`goal: >= 95 % of the limit, every 429 ridden out, no duplicate: ${ok ? 'met' : 'NOT met'}`);
  if (by(201) !== N || by(422) !== 0) process.exitCode = 1;
} finally {
  await stage.stop();
}
