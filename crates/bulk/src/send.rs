//! A bulk send, sans-IO: which payload goes next and when, at the API's pace, each one
//! sent at most once. The page drives it with timers and the transport; tests drive it
//! with a clock of their own.
//!
//! Long: the run's state machine is half; its tests (pacing, repeats, cancels, deliveries)
//! are the other half.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use orderlint_api::error::{messages, reason};
use orderlint_api::ratelimit::LeakyBucket;
use orderlint_api::Api;
use orderlint_api::{mask_body, mask_text, ApiError, Response};

/// FeedAMP publishes no limit: a polite default, configurable.
pub const FEEDAMP_DEFAULT_PER_SECOND: u32 = 2;
/// Requests in flight at once: enough to reach the limit over a slow link.
pub const MAX_IN_FLIGHT: usize = 4;
/// How much of a failed response's body is kept.
const BODY_KEPT: usize = 2_000;

/// The client's pace for an API, in payloads: each costs `requests` requests (a look-up
/// and the send), all of them within the API's limit.
pub fn pacer(api: Api, feedamp_per_second: u32, requests: u32) -> LeakyBucket {
    let r = f64::from(requests.max(1));
    match api {
        // Veeqo's own bucket (5 a second, 100 deep) less a little room: the server's clock
        // sees arrivals, not departures, and network jitter bunches them.
        Api::Veeqo => LeakyBucket::with_rate((95.0 / r).floor(), 5.0 / r),
        // A bucket of one: evenly spaced requests.
        Api::Feedamp => LeakyBucket::with_rate(1.0, f64::from(feedamp_per_second.clamp(1, 50)) / r),
    }
}

/// What became of a payload that was handed to the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Externally tagged (serde's default): no buffering deserialiser in the bundle.
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// The API accepted it.
    Sent { status: u16, id: Option<String> },
    /// The API refused it: its answer says why.
    Failed {
        status: u16,
        message: String,
        body: String,
    },
    /// No answer: it may or may not have arrived. Never sent again on its own; check the
    /// account first. A request that was under way when the page closed ends here too.
    Unknown { message: String },
    /// Not sent: the account had it already (found by a look-up), sent from elsewhere.
    Found { id: String },
}

impl Delivery {
    /// Recorded before a request leaves, so a closed tab leaves a trace.
    pub fn under_way() -> Delivery {
        Delivery::Unknown {
            message: "no answer was recorded (the page closed while it was being sent?): check the account before sending it again".into(),
        }
    }

    /// The delivery a transport result stands for.
    pub fn of(api: Api, result: &Result<Response, ApiError>) -> Delivery {
        match result {
            Ok(resp) if resp.is_success() => Delivery::Sent {
                status: resp.status,
                id: serde_json::from_str::<Value>(&resp.body)
                    .ok()
                    .and_then(|b| {
                        api.ids_from_response(&b)
                            .into_iter()
                            .next()
                            .map(|(_, id)| id)
                    }),
            },
            Ok(resp) => {
                let found = messages(&resp.body);
                // An API's message may echo what it was sent: masked before it is kept.
                let message = if found.is_empty() {
                    format!("HTTP {} {}", resp.status, reason(resp.status))
                } else {
                    mask_text(&found.join("; "))
                };
                let mut body = mask_body(&resp.body);
                if body.len() > BODY_KEPT {
                    let mut cut = BODY_KEPT;
                    while !body.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    body.truncate(cut);
                    body.push('…');
                }
                Delivery::Failed {
                    status: resp.status,
                    message,
                    body,
                }
            }
            // The API answered 401 and did not take it in; it can go once reconnected.
            Err(e @ ApiError::SessionEnded(_)) => Delivery::Failed {
                status: 401,
                message: mask_text(&e.to_string()),
                body: String::new(),
            },
            Err(ApiError::Refused(why)) => Delivery::Failed {
                status: 0,
                message: format!("not sent: {why}"),
                body: String::new(),
            },
            Err(e) => Delivery::Unknown {
                message: mask_text(&format!(
                    "{e}; the API may have it: check the account before sending it again"
                )),
            },
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Delivery::Sent { .. } => "sent",
            Delivery::Failed { .. } => "failed",
            Delivery::Unknown { .. } => "unknown",
            Delivery::Found { .. } => "found",
        }
    }
}

/// Why a payload was not sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotSent {
    /// It has errors: the API would refuse it, or Buyer Protection would not apply.
    Invalid,
    /// The same payload as an earlier row of this file (row numbers from 1).
    SameAs(usize),
    /// Still queued when the run was cancelled.
    Cancelled,
}

impl std::fmt::Display for NotSent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotSent::Invalid => f.write_str("not sent: it has errors"),
            NotSent::SameAs(row) => write!(f, "not sent: the same payload as row {row}"),
            NotSent::Cancelled => f.write_str("not sent: the run was cancelled"),
        }
    }
}

/// A payload's identity for "nothing sent twice": the same text (surrounding whitespace
/// aside) is the same payload. SHA-256, lowercase hex: no payload can be made to pass
/// for another one and be skipped as delivered.
pub fn fingerprint(text: &str) -> String {
    Sha256::digest(text.trim().as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

/// The identity deliveries were recorded under before SHA-256 (FNV-1a, 64 bits, 16 hex
/// digits). Read only, so a payload sent by an earlier version is not sent again; nothing
/// new is recorded under it. Its collisions can be made, so a crafted row could match an
/// old record and be skipped: the price of never sending an old delivery twice, until
/// the old records are forgotten.
pub fn legacy_fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.trim().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What a payload is known by in the record of deliveries: its fingerprint, and the
/// legacy one an earlier version may have recorded it under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayloadId {
    pub fingerprint: String,
    pub legacy: String,
}

impl PayloadId {
    pub fn of(text: &str) -> PayloadId {
        PayloadId {
            fingerprint: fingerprint(text),
            legacy: legacy_fingerprint(text),
        }
    }

    /// The delivery recorded for it, under its fingerprint or else its legacy one.
    pub fn recorded<'a>(&self, done: &'a BTreeMap<String, Delivery>) -> Option<&'a Delivery> {
        done.get(&self.fingerprint)
            .or_else(|| done.get(&self.legacy))
    }
}

/// For each row (by fingerprint, in file order), the earlier row holding the same payload.
pub fn repeats<'a>(fingerprints: impl IntoIterator<Item = &'a str>) -> Vec<Option<usize>> {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    fingerprints
        .into_iter()
        .enumerate()
        .map(|(i, fp)| match first_seen.get(fp) {
            Some(&first) => Some(first),
            None => {
                first_seen.insert(fp, i);
                None
            }
        })
        .collect()
}

/// What to send, and what not to, before a run starts. `rows` are (valid, id) in file
/// order; `done` holds the deliveries already recorded: rows with one (under either of
/// their fingerprints) are never queued again.
pub fn plan(
    rows: &[(bool, &PayloadId)],
    done: &BTreeMap<String, Delivery>,
) -> (Vec<usize>, Vec<(usize, NotSent)>) {
    let mut queue = Vec::new();
    let mut skipped = Vec::new();
    // Repeats by fingerprint only: the legacy one can collide.
    let earlier = repeats(rows.iter().map(|r| r.1.fingerprint.as_str()));
    for (i, (&(valid, id), earlier)) in rows.iter().zip(earlier).enumerate() {
        if !valid {
            skipped.push((i, NotSent::Invalid));
        } else if let Some(first) = earlier {
            skipped.push((i, NotSent::SameAs(first + 1)));
        } else if id.recorded(done).is_none() {
            queue.push(i);
        }
    }
    (queue, skipped)
}

/// What the driver does next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Send this row now.
    Send(usize),
    /// The pace allows the next request in this many milliseconds.
    Wait(u64),
    /// Paused, or as many requests in flight as allowed: wait for a change.
    Hold,
    /// Nothing queued and nothing in flight.
    Done,
}

/// A run over the queued rows. A row leaves the queue exactly once.
#[derive(Clone, Debug)]
pub struct Run {
    queue: VecDeque<usize>,
    in_flight: usize,
    pacer: LeakyBucket,
    paused: bool,
}

impl Run {
    pub fn new(queue: Vec<usize>, pacer: LeakyBucket) -> Self {
        Run {
            queue: queue.into(),
            in_flight: 0,
            pacer,
            paused: false,
        }
    }

    pub fn next(&mut self, now_ms: u64) -> Next {
        if self.queue.is_empty() {
            return if self.in_flight == 0 {
                Next::Done
            } else {
                Next::Hold
            };
        }
        if self.paused || self.in_flight >= MAX_IN_FLIGHT {
            return Next::Hold;
        }
        match self.pacer.try_acquire(now_ms) {
            Ok(()) => match self.queue.pop_front() {
                Some(row) => {
                    self.in_flight += 1;
                    Next::Send(row)
                }
                None => Next::Done,
            },
            Err(wait) => Next::Wait(wait),
        }
    }

    /// A request came back (whatever its answer).
    pub fn settled(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
    }

    pub fn paused(&self) -> bool {
        self.paused
    }

    /// Stops the run: the rows still queued are returned, never to be sent by it. Requests
    /// in flight finish and are recorded (aborting a write leaves its fate unknown).
    pub fn cancel(&mut self) -> Vec<usize> {
        self.queue.drain(..).collect()
    }

    /// The API answered 429 (the transport rode it out): its bucket is full, whatever
    /// this side counted (another tab, another tool, a reload), so keep to its steady rate.
    pub fn api_is_full(&mut self, now_ms: u64) {
        self.pacer.fill(now_ms);
    }

    /// Puts back a row that never left the page (a setting was missing), first in line.
    /// Only for that: a row the API may have seen is never queued again.
    pub fn requeue_front(&mut self, row: usize) {
        self.queue.push_front(row);
    }

    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drive(run: &mut Run, until_ms: u64) -> Vec<(u64, usize)> {
        let mut now = 0;
        let mut sent = Vec::new();
        while now <= until_ms {
            match run.next(now) {
                Next::Send(row) => {
                    sent.push((now, row));
                    run.settled(); // answered at once
                }
                Next::Wait(ms) => now += ms,
                Next::Hold => now += 10,
                Next::Done => break,
            }
        }
        sent
    }

    #[test]
    fn veeqo_pace_bursts_then_keeps_to_five_a_second() {
        let mut run = Run::new((0..200).collect(), pacer(Api::Veeqo, 0, 1));
        let sent = drive(&mut run, 60_000);
        assert_eq!(sent.len(), 200);
        assert!(sent[..95].iter().all(|(t, _)| *t == 0), "a burst of 95");
        // The rest at 5 a second: 105 more over 21 s.
        let last = sent.last().unwrap().0;
        assert_eq!(last, 21_000);
        // Every row once, in order.
        assert_eq!(
            sent.iter().map(|s| s.1).collect::<Vec<_>>(),
            (0..200).collect::<Vec<_>>()
        );
        // The server's own bucket (100 deep) would have refused none of them.
        let mut server = LeakyBucket::veeqo();
        assert!(sent.iter().all(|(t, _)| server.try_acquire(*t).is_ok()));
    }

    #[test]
    fn feedamp_pace_is_evenly_spaced() {
        let mut run = Run::new((0..5).collect(), pacer(Api::Feedamp, 2, 1));
        let times: Vec<u64> = drive(&mut run, 10_000).iter().map(|s| s.0).collect();
        assert_eq!(times, vec![0, 500, 1000, 1500, 2000]);
    }

    #[test]
    fn in_flight_is_capped_and_pause_holds() {
        let mut run = Run::new((0..10).collect(), LeakyBucket::new(100, 100));
        for row in 0..MAX_IN_FLIGHT {
            assert_eq!(run.next(0), Next::Send(row));
        }
        assert_eq!(run.next(0), Next::Hold);
        run.settled();
        run.set_paused(true);
        assert_eq!(run.next(0), Next::Hold);
        run.set_paused(false);
        assert_eq!(run.next(0), Next::Send(MAX_IN_FLIGHT));
    }

    #[test]
    fn cancel_returns_the_queue_and_waits_for_requests_in_flight() {
        let mut run = Run::new((0..6).collect(), LeakyBucket::new(100, 100));
        assert_eq!(run.next(0), Next::Send(0));
        assert_eq!(run.cancel(), vec![1, 2, 3, 4, 5]);
        assert_eq!(run.next(0), Next::Hold, "row 0 is still in flight");
        run.settled();
        assert_eq!(run.next(0), Next::Done);
    }

    #[test]
    fn a_full_api_slows_the_run_to_its_steady_rate() {
        let mut run = Run::new((0..10).collect(), pacer(Api::Veeqo, 0, 1));
        assert_eq!(run.next(0), Next::Send(0));
        run.settled();
        run.api_is_full(0);
        assert_eq!(run.next(0), Next::Wait(200));
        assert_eq!(run.next(200), Next::Send(1));
    }

    #[test]
    fn a_row_that_never_left_goes_back_first() {
        let mut run = Run::new(vec![7, 8], LeakyBucket::new(100, 100));
        assert_eq!(run.next(0), Next::Send(7));
        run.requeue_front(7);
        run.settled();
        assert_eq!(run.next(0), Next::Send(7));
        assert_eq!(run.next(0), Next::Send(8));
    }

    #[test]
    fn a_look_up_per_payload_halves_the_pace() {
        // Veeqo: 95 requests at once, then 5 a second; with a look-up each, 47 payloads,
        // then one every 400 ms.
        let mut run = Run::new((0..100).collect(), pacer(Api::Veeqo, 0, 2));
        let mut sent = 0;
        while let Next::Send(_) = run.next(0) {
            sent += 1;
            run.settled();
        }
        assert_eq!(sent, 47);
        assert_eq!(run.next(0), Next::Wait(400));
    }

    #[test]
    fn the_plan_skips_invalid_repeated_and_already_delivered_payloads() {
        let ids: Vec<PayloadId> = ["a", "b", "a", "c", "d"].map(PayloadId::of).into();
        let mut done = BTreeMap::new();
        done.insert(ids[3].fingerprint.clone(), Delivery::under_way());
        let valid = [true, false, true, true, true];
        let rows: Vec<(bool, &PayloadId)> = valid.into_iter().zip(&ids).collect();
        let (queue, skipped) = plan(&rows, &done);
        assert_eq!(queue, vec![0, 4]);
        assert_eq!(
            skipped,
            vec![(1, NotSent::Invalid), (2, NotSent::SameAs(1))]
        );
    }

    #[test]
    fn repeats_point_at_the_first_row_with_the_payload() {
        assert_eq!(
            repeats(["a", "b", "a", "a", "c", "b"]),
            vec![None, None, Some(0), Some(0), None, Some(1)]
        );
    }

    #[test]
    fn deliveries_from_answers() {
        let created = Response::json(
            201,
            &serde_json::json!({"id": 42, "number": "112-1234567-1234567"}),
        );
        assert_eq!(
            Delivery::of(Api::Veeqo, &Ok(created)),
            Delivery::Sent {
                status: 201,
                id: Some("42".into())
            }
        );
        let placed = Response::json(200, &serde_json::json!({"mp_order_number": "A-1"}));
        assert_eq!(
            Delivery::of(Api::Feedamp, &Ok(placed)),
            Delivery::Sent {
                status: 200,
                id: Some("A-1".into())
            }
        );
        let refused = Response::json(
            422,
            &serde_json::json!({"error_messages": ["Number has already been taken"]}),
        );
        let Delivery::Failed {
            status, message, ..
        } = Delivery::of(Api::Veeqo, &Ok(refused))
        else {
            panic!("a 422 is a failure")
        };
        assert_eq!(
            (status, message.as_str()),
            (422, "Number has already been taken")
        );
        // An API that echoes the token it was sent: the record (and so the journal and
        // both exports, which read it) never holds it.
        let echo = Response::json(
            401,
            &serde_json::json!({"error": "Invalid token: Authorization: Bearer at_live_0123456789abcdef",
                                "debug": {"request": {"access_token": "at_live_0123456789abcdef"}}}),
        );
        let Delivery::Failed { message, body, .. } = Delivery::of(Api::Feedamp, &Ok(echo)) else {
            panic!("a 401 is a failure")
        };
        assert!(!message.contains("at_live_0123456789abcdef"), "{message}");
        assert!(!body.contains("at_live_0123456789abcdef"), "{body}");
        let big = Response {
            status: 500,
            headers: vec![],
            body: "é".repeat(5_000),
        };
        let Delivery::Failed { message, body, .. } = Delivery::of(Api::Veeqo, &Ok(big)) else {
            panic!()
        };
        assert_eq!(message.chars().count(), 300, "the body's text, cut");
        assert!(body.len() <= BODY_KEPT + 3);
        let bare = Response {
            status: 503,
            headers: vec![],
            body: String::new(),
        };
        let Delivery::Failed { message, .. } = Delivery::of(Api::Veeqo, &Ok(bare)) else {
            panic!()
        };
        assert_eq!(message, "HTTP 503 Service Unavailable");
        let refused = Delivery::of(
            Api::Feedamp,
            &Err(ApiError::Refused("the id \"..\" is a dot segment".into())),
        );
        assert!(
            matches!(&refused, Delivery::Failed { status: 0, message, .. } if message == "not sent: the id \"..\" is a dot segment"),
            "a refused request is a failure, never 'may have arrived': {refused:?}"
        );
        let lost = Delivery::of(Api::Veeqo, &Err(ApiError::Timeout { after_ms: 30_000 }));
        assert_eq!(lost.label(), "unknown");
        // Sent, refused with 401, and the session could not be renewed: the API has not
        // taken it in. Not "never sent" (that goes back in the queue), not "may have it".
        let ended =
            ApiError::Setup("the FeedAMP session ended (invalid_grant); connect again".into())
                .after_401();
        assert_eq!(
            ended.to_string(),
            "HTTP 401 Unauthorized, then the FeedAMP session ended (invalid_grant); connect again"
        );
        assert!(matches!(
            Delivery::of(Api::Feedamp, &Err(ended)),
            Delivery::Failed { status: 401, .. }
        ));
    }

    #[test]
    fn fingerprints_ignore_surrounding_space_only() {
        assert_eq!(fingerprint(" {\"a\":1}\n"), fingerprint("{\"a\":1}"));
        assert_ne!(fingerprint("{\"a\":1}"), fingerprint("{\"a\": 1}"));
        assert_eq!(fingerprint("").len(), 64);
        assert_eq!(
            legacy_fingerprint(" {\"a\":1}\n"),
            legacy_fingerprint("{\"a\":1}")
        );
    }

    #[test]
    fn fingerprints_are_sha256_in_lowercase_hex() {
        // printf '%s' '{"a":1}' | sha256sum
        assert_eq!(
            fingerprint("{\"a\":1}"),
            "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"
        );
        assert_eq!(
            fingerprint("\t\n"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "the empty text's"
        );
        // The FNV-1a-64 that earlier versions recorded deliveries under, kept as it was.
        assert_eq!(legacy_fingerprint(""), "cbf29ce484222325");
        assert_eq!(legacy_fingerprint("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn a_delivery_recorded_under_the_legacy_fingerprint_is_not_sent_again() {
        let ids: Vec<PayloadId> = ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"]
            .map(PayloadId::of)
            .into();
        let mut done = BTreeMap::new();
        done.insert(ids[0].legacy.clone(), Delivery::under_way());
        done.insert(ids[2].fingerprint.clone(), Delivery::under_way());
        let rows: Vec<(bool, &PayloadId)> = ids.iter().map(|id| (true, id)).collect();
        assert_eq!(plan(&rows, &done), (vec![1], vec![]));
        assert!(ids[0].recorded(&done).is_some());
        assert!(ids[1].recorded(&done).is_none());
    }
}
