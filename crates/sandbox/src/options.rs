//! How an `orderlint sandbox` starts: its flags, read in one place for the CLI and for the
//! npm package's `npx orderlint sandbox` (which passes its arguments through as they came),
//! so both take the same grammar and say the same thing about a wrong one. What the flags
//! ask for is done by [`crate::Sandbox::start`]; a face only listens, reads `--state`'s
//! file and waits out the delays answers carry.

use crate::feedamp::{ACCESS_TTL_S, REFRESH_TTL_S};
use crate::unkind::{ranged, Unkind};

/// Where the sandbox listens when `--port` is not given.
pub const DEFAULT_PORT: u16 = 8787;

/// What the flags asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// `--port N`: `None` for [`DEFAULT_PORT`]; 0 for any free port.
    pub port: Option<u16>,
    /// `--state FILE`: a state saved earlier (`GET /_sandbox/state`) to start from. The face
    /// reads the file (the core does no I/O) and hands its text to [`crate::Sandbox::start`].
    pub state_file: Option<String>,
    /// `--seed`: start with the seeded accounts (`veeqo::seed`, `feedamp::seed`).
    pub seed: bool,
    /// Veeqo's leaky bucket; `--no-rate-limit` turns it off.
    pub rate_limit: bool,
    /// `--token-ttl SECONDS`: how long FeedAMP's access tokens live.
    pub token_ttl_s: u64,
    /// `--unkind LIST` (with `--unkind-every`, `--slow-ms`).
    pub unkind: Option<Unkind>,
    /// `--help` or `-h`: the face prints [`HELP`] and exits 0, starting nothing.
    pub help: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            port: None,
            state_file: None,
            seed: false,
            rate_limit: true,
            token_ttl_s: ACCESS_TTL_S,
            unkind: None,
            help: false,
        }
    }
}

/// `orderlint sandbox --help`, for both faces.
pub const HELP: &str = "\
Usage: orderlint sandbox [OPTIONS]

Serves the simulated Veeqo API under /veeqo and FeedAMP API under /feedamp on 127.0.0.1.

Options:
  --port N              the port (default 8787; 0 takes any free one)
  --seed                start with seeded data: on Veeqo a custom_integration channel, a
                        product, its store listing and an order; on FeedAMP four orders in
                        different states (the ids are in the README)
  --state FILE          start from a state saved from GET /_sandbox/state
  --no-rate-limit       turn Veeqo's rate limit (5 requests a second, bursts of 100) off
  --token-ttl SECONDS   FeedAMP's access token lifetime (default 3600)
  --unkind LIST         every Nth request to an API gets the next of these, in turn
                        (comma-separated): 429, 5xx, slow, redirect, expire, reach
  --unkind-every N      N for --unkind (default 5)
  --slow-ms MS          how late a slow answer comes (default 2000, at most 30000)
  -h, --help            this help

Each flag's value may follow it or an = sign (--port=0). At runtime, GET, PUT and DELETE
/veeqo/_sandbox/unkind and /feedamp/_sandbox/unkind show, set and turn off unkind mode.
";

/// Each flag, and what its value is when it takes one.
const FLAGS: &[(&str, Option<&str>)] = &[
    ("--port", Some("a port number from 0 to 65535")),
    ("--seed", None),
    ("--state", Some("a file saved from GET /_sandbox/state")),
    ("--no-rate-limit", None),
    ("--token-ttl", Some("whole seconds")),
    (
        "--unkind",
        Some("a comma-separated list of 429, 5xx, slow, redirect, expire, reach"),
    ),
    ("--unkind-every", Some("a whole number")),
    ("--slow-ms", Some("milliseconds")),
    ("--help", None),
];

/// The lines a sandbox prints once it listens on `port`, for both faces (scripts, the e2e
/// harness and the benches read the first). The client's secret is the sandbox's own.
pub fn banner(port: u16) -> String {
    format!(
        "orderlint sandbox listening on http://127.0.0.1:{port}\n  \
         Veeqo API: http://127.0.0.1:{port}/veeqo (any non-empty x-api-key)\n  \
         FeedAMP API: http://127.0.0.1:{port}/feedamp (client {} / {})\n",
        crate::feedamp::CLIENT_ID,
        crate::feedamp::CLIENT_SECRET
    )
}

/// The message for a `--state` file the face could not read (`why`: the system's reason),
/// so both faces say it alike.
pub fn unreadable_state(path: &str, why: &str) -> String {
    format!("--state {path:?}: cannot be read ({why})")
}

impl Options {
    /// The flags after `sandbox`, or the message saying which one is wrong and why.
    pub fn parse<I, S>(args: I) -> Result<Options, String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let args: Vec<String> = args.into_iter().map(|a| a.as_ref().to_string()).collect();
        if args.iter().any(|a| a == "--help" || a == "-h") {
            return Ok(Options {
                help: true,
                ..Options::default()
            });
        }
        let mut out = Options::default();
        let mut given: Vec<&str> = Vec::new();
        let (mut unkind, mut every, mut slow_ms) = (None, None, None);
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v)),
                _ => (arg.as_str(), None),
            };
            let Some(&(flag, value_is)) = FLAGS.iter().find(|(f, _)| *f == name) else {
                return Err(unknown(name));
            };
            if given.contains(&flag) {
                return Err(format!("{flag}: given twice"));
            }
            given.push(flag);
            let value = match (value_is, inline) {
                (None, Some(_)) => return Err(format!("{flag}: takes no value")),
                (None, None) => "",
                (Some(_), Some(v)) => v,
                // A flag where its value should be is a value left out.
                (Some(what), None) => match it.next() {
                    Some(v) if !v.starts_with("--") => v.as_str(),
                    _ => return Err(format!("{flag}: needs a value: {what}")),
                },
            };
            match flag {
                "--port" => {
                    let n = ranged(flag, value.parse().ok(), &format!("{value:?}"), 0, 65535)?;
                    out.port = u16::try_from(n).ok();
                }
                "--seed" => out.seed = true,
                "--state" if value.is_empty() => {
                    return Err(
                        "--state: needs a value: a file saved from GET /_sandbox/state".into(),
                    )
                }
                "--state" => out.state_file = Some(value.to_string()),
                "--no-rate-limit" => out.rate_limit = false,
                "--token-ttl" => {
                    let n = value.parse().ok();
                    out.token_ttl_s = ranged(flag, n, &format!("{value:?}"), 1, REFRESH_TTL_S)?;
                }
                "--unkind" => unkind = Some(value),
                "--unkind-every" => every = Some(value),
                _ => slow_ms = Some(value),
            }
        }
        if out.seed && out.state_file.is_some() {
            return Err(
                "--seed and --state: give one; a saved state already holds its data".into(),
            );
        }
        out.unkind = match (unkind, every, slow_ms) {
            (Some(list), every, slow_ms) => Some(Unkind::from_flags(list, every, slow_ms)?),
            (None, Some(_), _) => {
                return Err("--unkind-every: counts for --unkind, which is not given".into())
            }
            (None, None, Some(_)) => {
                return Err(
                    "--slow-ms: times --unkind's slow answers, and --unkind is not given".into(),
                )
            }
            (None, None, None) => None,
        };
        Ok(out)
    }
}

/// Why `arg` is not a flag: a misspelt one (with the likely one), or an argument where
/// only flags are taken.
fn unknown(arg: &str) -> String {
    if !arg.starts_with('-') {
        return format!("{arg:?}: not a flag; the sandbox takes only flags (see --help)");
    }
    let names: Vec<&str> = FLAGS.iter().map(|(f, _)| *f).collect();
    match orderlint_rules::text::did_you_mean(arg, &names) {
        Some(near) => format!("{arg}: not a flag; did you mean {near}?"),
        None => format!("{arg}: not a flag; they are {}", names.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unkind::Behaviour;

    fn parse(args: &str) -> Result<Options, String> {
        Options::parse(args.split_whitespace())
    }

    #[test]
    fn no_flags_is_the_defaults() {
        let o = parse("").unwrap();
        assert_eq!(o, Options::default());
        assert_eq!(
            (o.port, o.rate_limit, o.token_ttl_s, o.unkind),
            (None, true, 3600, None)
        );
    }

    #[test]
    fn every_flag_is_read_either_way() {
        let o = parse("--port 0 --no-rate-limit --token-ttl=5 --unkind 429,slow --unkind-every=2 --slow-ms 10 --state s.json").unwrap();
        assert_eq!(o.port, Some(0));
        assert!(!o.rate_limit && !o.seed && !o.help);
        assert_eq!(o.token_ttl_s, 5);
        assert_eq!(o.state_file.as_deref(), Some("s.json"));
        let u = o.unkind.unwrap();
        assert_eq!(u.behaviours, [Behaviour::TooMany, Behaviour::Slow]);
        assert_eq!((u.every, u.slow_ms), (2, 10));
        let o = parse("--seed --port=65535").unwrap();
        assert!(o.seed);
        assert_eq!(o.port, Some(65535));
        // A file name may hold an = sign; only a flag's first one splits it.
        let o = Options::parse(["--state=a=b.json"]).unwrap();
        assert_eq!(o.state_file.as_deref(), Some("a=b.json"));
    }

    #[test]
    fn help_wins_over_everything() {
        for args in ["--help", "-h", "--port x --help", "--bogus -h"] {
            assert!(parse(args).unwrap().help, "{args}");
        }
        for (flag, _) in FLAGS {
            assert!(HELP.contains(flag), "HELP does not mention {flag}");
        }
    }

    #[test]
    fn every_mistake_is_named() {
        let cases = [
            ("--port", "--port: needs a value: a port number from 0 to 65535"),
            ("--port --seed", "--port: needs a value: a port number from 0 to 65535"),
            ("--port x", "--port: must be an integer from 0 to 65535, not \"x\""),
            ("--port 65536", "--port: must be an integer from 0 to 65535, not \"65536\""),
            ("--port -1", "--port: must be an integer from 0 to 65535, not \"-1\""),
            ("--port 1 --port 2", "--port: given twice"),
            ("--seed=yes", "--seed: takes no value"),
            ("--no-rate-limit=true", "--no-rate-limit: takes no value"),
            ("--state", "--state: needs a value: a file saved from GET /_sandbox/state"),
            ("--state=", "--state: needs a value: a file saved from GET /_sandbox/state"),
            ("--seed --state s.json", "--seed and --state: give one; a saved state already holds its data"),
            ("--token-ttl 0", "--token-ttl: must be an integer from 1 to 31536000, not \"0\""),
            ("--token-ttl 1h", "--token-ttl: must be an integer from 1 to 31536000, not \"1h\""),
            ("--unkind", "--unkind: needs a value: a comma-separated list of 429, 5xx, slow, redirect, expire, reach"),
            ("--unkind=", "--unkind: name at least one of 429, 5xx, slow, redirect, expire, reach (to turn them off, leave --unkind out)"),
            ("--unkind 429,teapot", "--unkind: \"teapot\" is not one of 429, 5xx, slow, redirect, expire, reach."),
            ("--unkind 429 --unkind-every 0", "--unkind-every: must be an integer from 1 to 1000000, not \"0\""),
            ("--unkind slow --slow-ms 0", "--slow-ms: must be an integer from 1 to 30000, not \"0\""),
            ("--unkind 5xx --slow-ms 100", "--slow-ms: only a slow answer is late, and --unkind has no \"slow\""),
            ("--unkind-every 3", "--unkind-every: counts for --unkind, which is not given"),
            ("--slow-ms 100", "--slow-ms: times --unkind's slow answers, and --unkind is not given"),
            ("--sead", "--sead: not a flag; did you mean --seed?"),
            ("--no-rate-limits", "--no-rate-limits: not a flag; did you mean --no-rate-limit?"),
            ("--verbose", "--verbose: not a flag; they are --port, --seed, --state, --no-rate-limit, --token-ttl, --unkind, --unkind-every, --slow-ms, --help"),
            ("-p", "-p: not a flag; they are --port, --seed, --state, --no-rate-limit, --token-ttl, --unkind, --unkind-every, --slow-ms, --help"),
            ("8787", "\"8787\": not a flag; the sandbox takes only flags (see --help)"),
        ];
        for (args, wanted) in cases {
            assert_eq!(parse(args).unwrap_err(), wanted, "{args}");
        }
    }

    #[test]
    fn an_unreadable_state_file_is_named() {
        assert_eq!(
            unreadable_state("kept.json", "No such file or directory (os error 2)"),
            "--state \"kept.json\": cannot be read (No such file or directory (os error 2))"
        );
    }
}
