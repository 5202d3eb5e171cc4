#!/usr/bin/env node
'use strict';
// `npx orderlint sandbox [flags]`: the simulated APIs on 127.0.0.1, as the Rust CLI's
// `orderlint sandbox` serves them: the same flags (read by the same parser), the same lines
// on start, exit 2 for a bad flag. The package's only command; the others are the Rust CLI's.
const { startSandbox, help, wantsHelp, banner } = require('./sandbox.js');

const USAGE = `Usage: orderlint sandbox [flags]

Serves the simulated Veeqo and FeedAMP APIs on 127.0.0.1 (Veeqo under /veeqo, FeedAMP under
/feedamp). \`orderlint sandbox --help\` lists the flags. The npm package has this one command;
\`orderlint validate\` and the others are the Rust CLI's.
`;

const [command, ...args] = process.argv.slice(2);
if (command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(USAGE);
} else if (command !== 'sandbox') {
  const what = command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}`;
  process.stderr.write(`orderlint: ${what}\n\n${USAGE}`);
  process.exitCode = 2;
} else if (wantsHelp(args)) {
  process.stdout.write(help());
} else {
  startSandbox({ args }).then(
    (sandbox) => {
      process.stdout.write(banner(sandbox.port));
      let stopping = false;
      const stop = () => {
        if (stopping) process.exit(0); // a second Ctrl-C does not wait
        stopping = true;
        sandbox.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      // Under npx a SIGTERM reaches npx and its shell, not always this process: when the
      // parent goes, so does the sandbox, rather than hold its port as an orphan.
      const parent = process.ppid; // read once, at start
      const gone = () => {
        try {
          return !process.kill(parent, 0);
        } catch {
          return true;
        }
      };
      setInterval(() => gone() && stop(), 500).unref();
    },
    (e) => {
      process.stderr.write(`orderlint: ${e.message}\n`);
      process.exitCode = 2;
    },
  );
}
