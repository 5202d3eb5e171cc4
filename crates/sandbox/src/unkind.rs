//! Unkind mode (`--unkind`, `/_sandbox/unkind`): every Nth request to an API's own
//! endpoints gets the next of a list of real servers' unkindnesses, in turn, as a fault
//! (`faults.rs` answers it). Deterministic, so a test knows which request meets which.
//! The flags and the control body are read by the same functions here, so a name, a
//! bound or a default means the same in both, and a message names the flag or the field.
//!
//! Long: the tests pin every message, for the flags and the control body alike.

use serde_json::{json, Value};

use crate::faults::{object_of, Answer, Fault, MAX_DELAY_MS};
use orderlint_api::{Api, Request};

pub const DEFAULT_EVERY: u64 = 5;
pub const MAX_EVERY: u64 = 1_000_000;
pub const DEFAULT_SLOW_MS: u64 = 2000;
/// Where a redirect points: another origin, which resolves nowhere (`.invalid`, RFC 2606),
/// so a client that follows it hands its key to no one.
pub const REDIRECT_ORIGIN: &str = "https://elsewhere.invalid";
/// A 429's `Retry-After`.
pub const RETRY_AFTER_S: u64 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    TooMany,
    Unavailable,
    Slow,
    Redirect,
    Expire,
    Reach,
}

impl Behaviour {
    pub const ALL: [Behaviour; 6] = [
        Behaviour::TooMany,
        Behaviour::Unavailable,
        Behaviour::Slow,
        Behaviour::Redirect,
        Behaviour::Expire,
        Behaviour::Reach,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Behaviour::TooMany => "429",
            Behaviour::Unavailable => "5xx",
            Behaviour::Slow => "slow",
            Behaviour::Redirect => "redirect",
            Behaviour::Expire => "expire",
            Behaviour::Reach => "reach",
        }
    }

    /// `name` as `field` gave it (`--unkind`, `behaviours[2]`), or why it is none.
    fn parse(field: &str, name: &str) -> Result<Behaviour, String> {
        if let Some(b) = Behaviour::ALL.into_iter().find(|b| b.name() == name) {
            return Ok(b);
        }
        let names = Behaviour::ALL.map(Behaviour::name);
        // A status is no typo of a word ("4xx" is not "5xx" misspelt).
        let hint = match name.starts_with(|c: char| c.is_ascii_digit()) {
            true => String::new(),
            false => orderlint_rules::text::suggestion(name, &names),
        };
        Err(format!(
            "{field}: {name:?} is not one of {}.{hint}",
            names.join(", ")
        ))
    }

    /// The fault that gives it to `req`, or `None` where it does not apply (a key does not
    /// expire; only a request that brings a bearer token can be told it expired).
    fn fault(self, api: Api, req: &Request, slow_ms: u64) -> Option<Fault> {
        let (answer, delay_ms, reach) = match self {
            Behaviour::TooMany => (
                Answer::Error {
                    status: 429,
                    retry_after_s: Some(RETRY_AFTER_S),
                    oauth_error: None,
                },
                0,
                false,
            ),
            Behaviour::Unavailable => (Answer::ApiError(503, "Service Unavailable"), 0, false),
            Behaviour::Slow => (Answer::Api, slow_ms, false),
            Behaviour::Redirect => (
                Answer::Redirect {
                    location: req.url(&format!("{REDIRECT_ORIGIN}{}", api.prefix())),
                    status: 307,
                },
                0,
                false,
            ),
            Behaviour::Expire => {
                let bearer = req
                    .get_header("authorization")
                    .is_some_and(|h| h.starts_with("Bearer "));
                if api != Api::Feedamp || !bearer {
                    return None;
                }
                (
                    Answer::ApiError(401, crate::feedamp::TOKEN_EXPIRED),
                    0,
                    false,
                )
            }
            // A gateway that gave up after the API did the work.
            Behaviour::Reach => (
                Answer::Error {
                    status: 502,
                    retry_after_s: None,
                    oauth_error: None,
                },
                0,
                true,
            ),
        };
        Some(Fault::given(answer, delay_ms, reach))
    }
}

/// An unkind setting: which behaviours, in turn, on every how-many-th request.
#[derive(Clone, Debug, PartialEq)]
pub struct Unkind {
    pub behaviours: Vec<Behaviour>,
    pub every: u64,
    pub slow_ms: u64,
}

/// What each part of a setting is called where it was given.
struct Names {
    behaviours: &'static str,
    every: &'static str,
    slow_ms: &'static str,
}

const FLAGS: Names = Names {
    behaviours: "--unkind",
    every: "--unkind-every",
    slow_ms: "--slow-ms",
};
const BODY: Names = Names {
    behaviours: "behaviours",
    every: "every",
    slow_ms: "slow_ms",
};
const BODY_FIELDS: &[&str] = &["behaviours", "every", "slow_ms"];

/// `n` (`None`: not a whole number at all) when it is from `lo` to `hi`, or the message
/// naming `field` and what it was given (`shown`).
pub(crate) fn ranged(
    field: &str,
    n: Option<u64>,
    shown: &str,
    lo: u64,
    hi: u64,
) -> Result<u64, String> {
    n.filter(|n| (lo..=hi).contains(n))
        .ok_or_else(|| format!("{field}: must be an integer from {lo} to {hi}, not {shown}"))
}

impl Unkind {
    /// From the flags' text: `--unkind LIST` and, if given, `--unkind-every N`, `--slow-ms MS`.
    pub(crate) fn from_flags(
        list: &str,
        every: Option<&str>,
        slow_ms: Option<&str>,
    ) -> Result<Unkind, String> {
        let behaviours = if list.is_empty() {
            vec![]
        } else {
            let each = list.split(',').map(|name| match name.trim() {
                "" => Err(format!(
                    "--unkind: {list:?} has an empty name between its commas"
                )),
                name => Behaviour::parse(FLAGS.behaviours, name),
            });
            each.collect::<Result<_, _>>()?
        };
        let number = |field: &str, text: &str, hi: u64| {
            ranged(field, text.trim().parse().ok(), &format!("{text:?}"), 1, hi)
        };
        let every = every
            .map(|t| number(FLAGS.every, t, MAX_EVERY))
            .transpose()?;
        let slow_ms = slow_ms
            .map(|t| number(FLAGS.slow_ms, t, MAX_DELAY_MS))
            .transpose()?;
        Unkind::build(&FLAGS, behaviours, every, slow_ms)
    }

    /// From a control body: `{"behaviours": [...], "every": N, "slow_ms": N}`.
    pub fn from_json(v: &Value) -> Result<Unkind, String> {
        let m = object_of(
            v,
            BODY_FIELDS,
            "the unkind setting is a JSON object, such as {\"behaviours\": [\"429\", \"5xx\"], \"every\": 5}",
            "not a field of the unkind setting",
        )?;
        let names = Behaviour::ALL.map(Behaviour::name).join(", ");
        let list = m
            .get(BODY.behaviours)
            .ok_or_else(|| format!("behaviours: required: a list of {names}"))?
            .as_array()
            .ok_or("behaviours: must be an array of names, such as [\"429\", \"slow\"]")?;
        let behaviours = list
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let field = format!("behaviours[{i}]");
                let name = b
                    .as_str()
                    .ok_or_else(|| format!("{field}: must be a name in quotes, one of {names}"))?;
                Behaviour::parse(&field, name)
            })
            .collect::<Result<_, _>>()?;
        let number = |field: &str, hi: u64| {
            m.get(field)
                .map(|x| ranged(field, x.as_u64(), &x.to_string(), 1, hi))
                .transpose()
        };
        let every = number(BODY.every, MAX_EVERY)?;
        let slow_ms = number(BODY.slow_ms, MAX_DELAY_MS)?;
        Unkind::build(&BODY, behaviours, every, slow_ms)
    }

    fn build(
        names: &Names,
        behaviours: Vec<Behaviour>,
        every: Option<u64>,
        slow_ms: Option<u64>,
    ) -> Result<Unkind, String> {
        if behaviours.is_empty() {
            return Err(format!(
                "{}: name at least one of {} (to turn them off, {})",
                names.behaviours,
                Behaviour::ALL.map(Behaviour::name).join(", "),
                if names.behaviours == BODY.behaviours {
                    "DELETE /_sandbox/unkind"
                } else {
                    "leave --unkind out"
                }
            ));
        }
        if slow_ms.is_some() && !behaviours.contains(&Behaviour::Slow) {
            return Err(format!(
                "{}: only a slow answer is late, and {} has no \"slow\"",
                names.slow_ms, names.behaviours
            ));
        }
        Ok(Unkind {
            behaviours,
            every: every.unwrap_or(DEFAULT_EVERY),
            slow_ms: slow_ms.unwrap_or(DEFAULT_SLOW_MS),
        })
    }

    /// As the control endpoint takes it, so a shown setting can be put back as itself.
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "behaviours": self.behaviours.iter().map(|b| b.name()).collect::<Vec<_>>(),
            "every": self.every,
        });
        if self.behaviours.contains(&Behaviour::Slow) {
            v["slow_ms"] = json!(self.slow_ms);
        }
        v
    }
}

/// One API's unkind setting, and where it is in its count and its list.
#[derive(Debug, Default)]
pub(crate) struct Turns {
    setting: Option<Unkind>,
    /// Requests counted since the setting was made.
    seen: u64,
    /// The behaviour whose turn is next.
    next: usize,
}

impl Turns {
    /// A new setting (or none), counted from zero and from its first behaviour.
    pub(crate) fn set(&mut self, setting: Option<Unkind>) {
        *self = Turns {
            setting,
            ..Turns::default()
        };
    }

    /// Counts `req`; on every Nth, the fault of the next behaviour that applies to it.
    pub(crate) fn fault(&mut self, api: Api, req: &Request) -> Option<Fault> {
        let s = self.setting.as_ref()?;
        self.seen += 1;
        if self.seen % s.every != 0 {
            return None;
        }
        let n = s.behaviours.len();
        (0..n).find_map(|k| {
            let at = (self.next + k) % n;
            let fault = s.behaviours[at].fault(api, req, s.slow_ms)?;
            self.next = (at + 1) % n;
            Some(fault)
        })
    }

    /// What `GET /_sandbox/unkind` shows: the setting, or no behaviours when off.
    pub(crate) fn shown(&self) -> Value {
        match &self.setting {
            Some(s) => s.to_json(),
            None => json!({"behaviours": [], "every": DEFAULT_EVERY}),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orderlint_api::Method;

    fn flags(list: &str, every: Option<&str>, slow: Option<&str>) -> Result<Unkind, String> {
        Unkind::from_flags(list, every, slow)
    }

    #[test]
    fn flags_and_body_mean_the_same() {
        let from_flags = flags("429, 5xx,slow", Some("3"), Some("40")).unwrap();
        let from_body = Unkind::from_json(
            &json!({"behaviours": ["429", "5xx", "slow"], "every": 3, "slow_ms": 40}),
        )
        .unwrap();
        assert_eq!(from_flags, from_body);
        assert_eq!(
            Unkind::from_json(&from_body.to_json()).unwrap(),
            from_body,
            "a shown setting puts back as itself"
        );
        let defaults = flags("reach", None, None).unwrap();
        assert_eq!((defaults.every, defaults.slow_ms), (5, 2000));
        assert_eq!(
            defaults.to_json(),
            json!({"behaviours": ["reach"], "every": 5})
        );
    }

    #[test]
    fn every_wrong_part_is_named() {
        let cases = [
            (flags("", None, None), "--unkind: name at least one of 429, 5xx, slow, redirect, expire, reach (to turn them off, leave --unkind out)"),
            (flags("429,,5xx", None, None), "--unkind: \"429,,5xx\" has an empty name between its commas"),
            (flags("429,4xx", None, None), "--unkind: \"4xx\" is not one of 429, 5xx, slow, redirect, expire, reach."),
            (flags("slw", None, None), "--unkind: \"slw\" is not one of 429, 5xx, slow, redirect, expire, reach. Did you mean \"slow\"?"),
            (flags("429", Some("0"), None), "--unkind-every: must be an integer from 1 to 1000000, not \"0\""),
            (flags("429", Some("five"), None), "--unkind-every: must be an integer from 1 to 1000000, not \"five\""),
            (flags("slow", None, Some("30001")), "--slow-ms: must be an integer from 1 to 30000, not \"30001\""),
            (flags("429", None, Some("10")), "--slow-ms: only a slow answer is late, and --unkind has no \"slow\""),
            (Unkind::from_json(&json!([])), "the unkind setting is a JSON object, such as {\"behaviours\": [\"429\", \"5xx\"], \"every\": 5}"),
            (Unkind::from_json(&json!({"behaviours": ["429"], "evry": 2})), "evry: not a field of the unkind setting; they are behaviours, every, slow_ms"),
            (Unkind::from_json(&json!({"every": 2})), "behaviours: required: a list of 429, 5xx, slow, redirect, expire, reach"),
            (Unkind::from_json(&json!({"behaviours": "429,5xx"})), "behaviours: must be an array of names, such as [\"429\", \"slow\"]"),
            (Unkind::from_json(&json!({"behaviours": ["429", 503]})), "behaviours[1]: must be a name in quotes, one of 429, 5xx, slow, redirect, expire, reach"),
            (Unkind::from_json(&json!({"behaviours": ["429", "timeout"]})), "behaviours[1]: \"timeout\" is not one of 429, 5xx, slow, redirect, expire, reach."),
            (Unkind::from_json(&json!({"behaviours": []})), "behaviours: name at least one of 429, 5xx, slow, redirect, expire, reach (to turn them off, DELETE /_sandbox/unkind)"),
            (Unkind::from_json(&json!({"behaviours": ["429"], "every": 0})), "every: must be an integer from 1 to 1000000, not 0"),
            (Unkind::from_json(&json!({"behaviours": ["429"], "every": "5"})), "every: must be an integer from 1 to 1000000, not \"5\""),
            (Unkind::from_json(&json!({"behaviours": ["slow"], "slow_ms": 1.5})), "slow_ms: must be an integer from 1 to 30000, not 1.5"),
            (Unkind::from_json(&json!({"behaviours": ["reach"], "slow_ms": 10})), "slow_ms: only a slow answer is late, and behaviours has no \"slow\""),
        ];
        for (got, wanted) in cases {
            assert_eq!(got.unwrap_err(), wanted);
        }
    }

    fn answers(turns: &mut Turns, api: Api, req: &Request, n: usize) -> Vec<Option<u16>> {
        (0..n)
            .map(|_| {
                let fault = turns.fault(api, req)?;
                Some(fault.answer.response(api).map_or(200, |r| r.status))
            })
            .collect()
    }

    #[test]
    fn every_nth_request_gets_the_next_behaviour_in_turn() {
        let mut t = Turns::default();
        t.set(Some(flags("429,5xx,redirect", Some("2"), None).unwrap()));
        let req = Request::new(Method::Get, "/orders");
        assert_eq!(
            answers(&mut t, Api::Veeqo, &req, 8),
            [
                None,
                Some(429),
                None,
                Some(503),
                None,
                Some(307),
                None,
                Some(429)
            ]
        );
        // A new setting counts from the start again.
        t.set(Some(flags("slow,reach", Some("1"), Some("5")).unwrap()));
        assert_eq!(
            answers(&mut t, Api::Veeqo, &req, 3),
            [Some(200), Some(502), Some(200)]
        );
        t.set(None);
        assert_eq!(answers(&mut t, Api::Veeqo, &req, 2), [None, None]);
    }

    #[test]
    fn expire_is_given_only_to_a_bearer_token_and_otherwise_skipped() {
        let mut t = Turns::default();
        t.set(Some(flags("expire,429", Some("1"), None).unwrap()));
        let bare = Request::new(Method::Get, "/orders");
        let bearer = bare.clone().header("Authorization", "Bearer at_1");
        // Veeqo's keys never expire: each turn goes to the 429.
        assert_eq!(
            answers(&mut t, Api::Veeqo, &bearer, 2),
            [Some(429), Some(429)]
        );
        t.set(Some(flags("expire,429", Some("1"), None).unwrap()));
        assert_eq!(
            answers(&mut t, Api::Feedamp, &bearer, 3),
            [Some(401), Some(429), Some(401)]
        );
        // No token (the token endpoint, the sign-in pages): the next behaviour instead.
        assert_eq!(answers(&mut t, Api::Feedamp, &bare, 1), [Some(429)]);
        t.set(Some(flags("expire", Some("1"), None).unwrap()));
        assert_eq!(answers(&mut t, Api::Veeqo, &bearer, 2), [None, None]);
    }
}
