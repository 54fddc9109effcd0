//! The native ceiling: the benchmark batch signed in a loop by `xmute::oauth::Signer` (and by
//! `oauth1-request`, for reference), built with the main crate's release profile.
//!
//! ```text
//! cargo run --release --manifest-path tests/bench/native/Cargo.toml -- \
//!     BATCH.tsv CONSUMER_KEY CONSUMER_SECRET TOKEN TOKEN_SECRET [ROUNDS] [MIN_ROUND_MS]
//! ```
//!
//! Prints one JSON object: per signer the signatures per second of each round (a round is as
//! many passes over the batch as fill MIN_ROUND_MS, measured once after a warm-up; rounds of
//! the two signers alternate), and the signatures of one pass, for run.mjs to check against
//! the wasm build's.

use std::hint::black_box;
use std::time::{Duration, Instant};

use xmute::oauth::{Credentials, ProtocolParams, Request, Signer};

#[path = "../../shared/batch.rs"]
mod batch;
#[path = "../../shared/oauth1_sign.rs"]
mod oauth1_sign;

use batch::BatchRequest;
use oauth1_sign::Keys;

fn xmute_header(signer: &Signer, r: &BatchRequest) -> String {
    let request = Request {
        method: &r.method,
        url: &r.url,
        body: r.body.as_deref(),
        content_type: r.content_type.as_deref(),
    };
    let signed = signer.sign(&request, &ProtocolParams::new(&r.nonce, r.timestamp));
    signed
        .unwrap_or_else(|e| panic!("xmute refused {} {}: {}", r.method, r.url, e))
        .authorization
}

/// `oauth_signature`'s value in a header, still percent-encoded.
fn header_signature(header: &str) -> &str {
    let start = header
        .find("oauth_signature=\"")
        .expect("a signature in the header")
        + 17;
    let end = header[start..].find('"').expect("a closing quote") + start;
    &header[start..end]
}

/// A round: as many passes over `batch` as fill `min`; returns signatures per second.
fn round(passes: u32, batch: &[BatchRequest], sign: &dyn Fn(&BatchRequest) -> String) -> f64 {
    let start = Instant::now();
    for _ in 0..passes {
        for r in batch {
            black_box(sign(black_box(r)));
        }
    }
    f64::from(passes) * batch.len() as f64 / start.elapsed().as_secs_f64()
}

/// Passes per round so that a round takes at least `min` (measured on one warm pass).
fn calibrate(batch: &[BatchRequest], min: Duration, sign: &dyn Fn(&BatchRequest) -> String) -> u32 {
    round(3, batch, sign); // warm-up
    let start = Instant::now();
    round(1, batch, sign);
    let one = start.elapsed().max(Duration::from_micros(1));
    (min.as_secs_f64() / one.as_secs_f64()).ceil().max(1.0) as u32
}

fn json_list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(","))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 5 {
        eprintln!(
            "usage: native BATCH.tsv CONSUMER_KEY CONSUMER_SECRET TOKEN TOKEN_SECRET [ROUNDS] [MIN_ROUND_MS]"
        );
        std::process::exit(2);
    }
    let text = std::fs::read_to_string(&args[0]).unwrap_or_else(|e| panic!("reading {}: {e}", args[0]));
    let batch = batch::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", args[0]));
    let rounds: usize = args.get(5).map_or(9, |n| n.parse().expect("ROUNDS is a number"));
    let min = Duration::from_millis(
        args.get(6)
            .map_or(100, |n| n.parse().expect("MIN_ROUND_MS is a number")),
    );

    let credentials = Credentials::new(args[1].as_str(), args[2].as_str())
        .unwrap_or_else(|e| panic!("credentials: {e}"))
        .with_token(args[3].as_str(), args[4].as_str());
    let signer = Signer::new(&credentials);
    let keys = Keys {
        consumer_key: args[1].clone(),
        consumer_secret: args[2].clone(),
        token: args[3].clone(),
        token_secret: args[4].clone(),
    };

    let xmute = |r: &BatchRequest| xmute_header(&signer, r);
    let oauth1 =
        |r: &BatchRequest| oauth1_sign::authorize(&keys, &r.method, &r.url, Some((&r.nonce, r.timestamp)));

    let xmute_passes = calibrate(&batch, min, &xmute);
    let oauth1_passes = calibrate(&batch, min, &oauth1);
    let (mut xmute_rounds, mut oauth1_rounds) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        xmute_rounds.push(round(xmute_passes, &batch, &xmute));
        oauth1_rounds.push(round(oauth1_passes, &batch, &oauth1));
    }

    let xmute_signatures = batch
        .iter()
        .map(|r| format!("\"{}\"", header_signature(&xmute(r))));
    let oauth1_signatures = batch
        .iter()
        .map(|r| format!("\"{}\"", header_signature(&oauth1(r))));
    println!(
        "{{\"requests\":{},\"xmute\":{{\"passesPerRound\":{},\"sigPerSec\":{}}},\"oauth1Request\":{{\"passesPerRound\":{},\"sigPerSec\":{}}},\"signatures\":{{\"xmute\":{},\"oauth1Request\":{}}}}}",
        batch.len(),
        xmute_passes,
        json_list(xmute_rounds.iter().map(|v| format!("{v:.1}"))),
        oauth1_passes,
        json_list(oauth1_rounds.iter().map(|v| format!("{v:.1}"))),
        json_list(xmute_signatures),
        json_list(oauth1_signatures),
    );
}
