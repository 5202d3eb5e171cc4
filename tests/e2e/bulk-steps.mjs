// Steps of the Bulk page, shared by the end-to-end tests and the bulk-send benchmark.
import { readFileSync } from 'node:fs';

export async function openBulk(page, kind) {
  await page.evaluate(() => { location.hash = '#/bulk'; });
  await page.waitForSelector('[data-testid=bulk-kind]');
  if (kind) await page.selectOption('[data-testid=bulk-kind]', kind);
}

/** Live mode through the proxy, with the key typed into Settings (kept in memory only). */
export async function goLive(page, proxyUrl, key) {
  await page.evaluate(() => { location.hash = '#/settings'; });
  await page.selectOption('[data-testid=settings-target]', 'live');
  await page.fill('[data-testid=veeqo-base]', `${proxyUrl}/veeqo`);
  await page.fill('[data-testid=api-key]', key);
}

/** Loads a file (name and text) through the file input and waits for every row's verdict. */
export async function loadFile(page, name, text) {
  await page.setInputFiles('[data-testid=bulk-file]', {
    name, mimeType: name.endsWith('.json') ? 'application/json' : 'application/x-ndjson', buffer: Buffer.from(text),
  });
  return summary(page);
}

/** The summary's counts, once validation has finished. */
export async function summary(page) {
  const el = page.locator('[data-testid=bulk-summary]');
  await el.waitFor({ timeout: 60000 });
  return {
    total: Number(await el.getAttribute('data-total')),
    valid: Number(await el.getAttribute('data-valid')),
    invalid: Number(await el.getAttribute('data-invalid')),
  };
}

/** The table's rows on the page shown: row number, verdict, fate, issue codes, text. */
export async function shownRows(page) {
  return page.$$eval('[data-testid=bulk-row]', (rows) => rows.map((r) => ({
    row: Number(r.dataset.row), valid: r.dataset.valid, fate: r.dataset.fate,
    codes: [...r.querySelectorAll('li[data-code]')].map((li) => li.dataset.code),
    text: r.textContent,
  })));
}

/** The send counters as the page shows them. */
export async function counts(page) {
  return page.$eval('[data-testid=bulk-send-counts]', (e) => ({
    phase: e.dataset.phase,
    sent: Number(e.dataset.sent),
    failed: Number(e.dataset.failed),
    unknown: Number(e.dataset.unknown),
    left: Number(e.dataset.left),
    sending: Number(e.dataset.sending),
  }));
}

/**
 * Waits until `test(counts)` holds. The test is compiled here, in Node: the page's CSP
 * (no 'unsafe-eval') refuses `new Function` inside it.
 */
export async function waitCounts(page, test, timeout = 90000) {
  const holds = new Function('c', `return ${test}`);
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await counts(page).catch(() => null);
    if (last && holds(last)) return last;
    if (Date.now() > end) throw new Error(`waitCounts: ${test} did not hold within ${timeout} ms; last counts ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Clicks an export button and returns the downloaded file's text. */
export async function exported(page, which) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=export-${which}]`)]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/** Requests in nginx's access log (method, path, status), for counting what reached the API. */
export function accessLog(proxy) {
  return proxy.log().trim().split('\n').filter(Boolean).map((l) => {
    const m = l.match(/\[([^\]]+)\] "(\w+) ([^"]+)" (\d+)/);
    return m && { at: m[1], method: m[2], path: m[3], status: Number(m[4]) };
  }).filter(Boolean);
}
