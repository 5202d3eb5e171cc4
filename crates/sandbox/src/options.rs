//! How an `orderlint sandbox` starts: its flags, read in one place for the CLI and for the
//! npm package's `npx orderlint sandbox` (which passes its arguments through as they came).
//!
//! (Stub: the behaviours are filled in by the sandbox-options work.)

/// What the flags asked for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    pub port: Option<u16>,
    /// `--state FILE`: a state saved earlier (`GET /_sandbox/state`) to start from. The face
    /// reads the file (the core does no I/O) and hands its text to [`crate::Sandbox::start`].
    pub state_file: Option<String>,
}

/// `orderlint sandbox --help`, for both faces.
pub const HELP: &str = "Usage: orderlint sandbox [--port N]\n";

impl Options {
    /// The flags after `sandbox`, or the message saying which one is wrong and why.
    pub fn parse<I, S>(args: I) -> Result<Options, String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut out = Options::default();
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            match a.as_ref() {
                "--port" => {
                    let v = it.next().ok_or("--port needs a number")?;
                    out.port = Some(v.as_ref().parse().map_err(|_| {
                        format!("--port takes a port number, not {:?}", v.as_ref())
                    })?);
                }
                other => return Err(format!("unknown flag {other:?}")),
            }
        }
        Ok(out)
    }
}
