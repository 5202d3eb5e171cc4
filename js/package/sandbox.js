'use strict';
// startSandbox: the simulated Veeqo and FeedAMP APIs (the orderlint-sandbox crate, as wasm)
// served by node:http as `orderlint sandbox` serves them (crates/sandbox/src/http.rs): the
// same caps, limits, status codes and error bodies, so a suite sees one sandbox from either.
const http = require('node:http');
const { readFileSync } = require('node:fs');
const { randomBytes } = require('node:crypto');

// As http.rs: larger bodies get 413, larger heads 431 (Node's parser), a head that stalls
// ends the connection, a body that stalls gets 408, no connection lives longer.
const MAX_BODY = 5 * 1024 * 1024;
const MAX_HEAD = 16 * 1024;
const HEAD_TIMEOUT_MS = 5_000;
const BODY_TIMEOUT_MS = 10_000;
const CONNECTION_LIFE_MS = 120_000;
const MAX_CONNECTIONS = 512;
const TOO_BIG = 'the body is larger than 5 MiB';
const FAILED = 'the sandbox failed; restart it';
const UNCARRIABLE = '{"status": 500, "error": "the sandbox built a response HTTP cannot carry"}';

let wasm;
/** The simulators' module: loaded at the first start, never by `require('orderlint')`. */
function simulators() {
  wasm ??= require('./sandbox/orderlint_js_sandbox.js');
  return wasm;
}

/** `orderlint sandbox --help`, as the Rust side writes it. */
function help() {
  return simulators().help();
}

/** Whether the flags ask for the help (the Rust parser's rule: `--help` or `-h` anywhere). */
function wantsHelp(args) {
  try {
    return simulators().readOptions(args).help;
  } catch {
    return false; // a bad flag: starting says which
  }
}

/** The lines `orderlint sandbox` prints once it listens on `port`. */
function banner(port) {
  return simulators().banner(port);
}

/** A sandbox started as `args` ask (its `--state` file read here), and the port they name. */
function load(args) {
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) {
    throw new TypeError('args must be an array of strings, the flags as on the command line');
  }
  const { port, defaultPort, stateFile } = simulators().readOptions(args);
  let state;
  if (stateFile !== undefined) {
    try {
      state = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(stateFile));
    } catch (e) {
      throw new Error(simulators().unreadableState(stateFile, e.message));
    }
  }
  const sandbox = new (simulators().Sandbox)(args, state);
  // wasm has no randomness of its own: without this, FeedAMP's tokens could be guessed.
  sandbox.reseed(randomBytes(32));
  return { port, defaultPort, sandbox };
}

function json(status, error) {
  return { status, headers: [['Content-Type', 'application/json']], body: JSON.stringify({ status, error }) };
}

/** Whether HTTP can carry the answer as the simulators built it (hyper checks the same). */
function carriable({ status, headers }) {
  try {
    for (const [n, v] of headers) {
      http.validateHeaderName(n);
      http.validateHeaderValue(n, v);
    }
  } catch {
    return false;
  }
  return Number.isInteger(status) && status >= 100 && status <= 999;
}

function send(res, answer, close = false) {
  if (res.destroyed || res.headersSent) return; // the client left while it waited
  let { status, headers, body } = answer;
  if (!carriable(answer)) {
    [status, headers, body] = [500, [['Content-Type', 'application/json']], UNCARRIABLE];
  }
  const raw = headers.flat();
  const sized = headers.some(([n]) => n.toLowerCase() === 'content-length');
  if (!sized && status !== 204 && status !== 304) raw.push('Content-Length', String(Buffer.byteLength(body)));
  if (close) raw.push('Connection', 'close');
  res.writeHead(status, raw);
  res.end(body);
}

/**
 * Starts the sandbox on `host`:`port` (a `--port` in `args` wins; 0 takes a free port).
 * Resolves with `{ url, port, close }`; rejects with an Error naming a bad flag or state,
 * or saying why it cannot listen.
 */
async function startSandbox({ port, host = '127.0.0.1', args = [] } = {}) {
  const started = load(args);
  const { sandbox } = started;
  const delayed = new Set();

  function answer(req, res, body) {
    let a;
    try {
      a = sandbox.handle(req.method, req.url, req.rawHeaders, body, Date.now());
    } catch {
      // A bug in the simulators (its message went to stderr): as http.rs's poisoned lock.
      a = { ...json(500, FAILED), delayMs: 0 };
    }
    if (a.delayMs > 0) {
      // A scheduled slow answer: waited out on a timer, so others are served meanwhile.
      const t = setTimeout(() => {
        delayed.delete(t);
        send(res, a);
      }, a.delayMs);
      delayed.add(t);
    } else {
      send(res, a);
    }
  }

  const server = http.createServer({
    maxHeaderSize: MAX_HEAD,
    headersTimeout: HEAD_TIMEOUT_MS,
    // Node checks the timeouts above this often (30 s by default).
    connectionsCheckingInterval: 1_000,
  });
  server.maxConnections = MAX_CONNECTIONS;
  server.on('connection', (socket) => {
    const life = setTimeout(() => socket.destroy(), CONNECTION_LIFE_MS);
    life.unref();
    socket.once('close', () => clearTimeout(life));
  });
  server.on('request', (req, res) => {
    const chunks = [];
    let size = 0;
    let reading = true;
    // Past the cap the answer goes at once and the rest of the body is read and dropped:
    // closing on a client still sending would reset the connection, the 413 lost with it.
    const tooBig = () => {
      reading = false;
      chunks.length = 0;
      send(res, json(413, TOO_BIG));
    };
    const late = setTimeout(() => {
      if (!reading) return req.socket.destroy(); // a refused body still coming
      reading = false;
      send(res, json(408, 'the body did not arrive in time'), true);
    }, BODY_TIMEOUT_MS);
    req.on('data', (chunk) => {
      if (!reading) return;
      size += chunk.length;
      if (size > MAX_BODY) tooBig();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(late);
      if (reading) answer(req, res, Buffer.concat(chunks, size));
    });
    req.on('close', () => clearTimeout(late)); // the client went: nobody to answer
    if (Number(req.headers['content-length']) > MAX_BODY) tooBig();
  });

  const chosen = started.port ?? port ?? started.defaultPort;
  await new Promise((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`cannot serve on ${host}:${chosen}: ${e.message}`)));
    server.listen(chosen, host, resolve);
  });
  // Later errors (out of file descriptors at an accept) are passing: it keeps listening.
  server.on('error', () => {});
  const bound = server.address().port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${bound}`,
    port: bound,
    close: () =>
      new Promise((resolve) => {
        for (const t of delayed) clearTimeout(t);
        delayed.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

module.exports = { startSandbox, help, wantsHelp, banner };
