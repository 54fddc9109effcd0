//! Benchmark only: `oauth1-request` in wasm behind the smallest boundary that signs XMute's
//! benchmark requests. Three ways in, so the report can say what each costs:
//!
//! - `sign_default(method, url)`: one JS → wasm call per signature, method and URL in, the header
//!   string out, with the crate's own nonce and timestamp: what its callers do;
//! - `sign_one(method, url, nonce, timestamp)`: the same with the benchmark's nonce and timestamp
//!   (three strings in);
//! - `load_batch(tsv)` once, then `sign_loaded(passes)`: every request of the batch signed
//!   `passes` times in a loop inside wasm, one call in all, no boundary per signature.

use wasm_bindgen::prelude::*;

#[path = "../../shared/batch.rs"]
mod batch;
#[path = "../../shared/oauth1_sign.rs"]
mod oauth1_sign;

use batch::BatchRequest;
use oauth1_sign::{authorize, Keys};

/// One set of credentials and, once loaded, the batch.
#[wasm_bindgen]
pub struct Oauth1Peer {
    keys: Keys,
    batch: Vec<BatchRequest>,
}

#[wasm_bindgen]
impl Oauth1Peer {
    /// `new Oauth1Peer(consumerKey, consumerSecret, token, tokenSecret)`.
    #[wasm_bindgen(constructor)]
    pub fn new(consumer_key: String, consumer_secret: String, token: String, token_secret: String) -> Self {
        let keys = Keys {
            consumer_key,
            consumer_secret,
            token,
            token_secret,
        };
        Oauth1Peer {
            keys,
            batch: Vec::new(),
        }
    }

    /// The `Authorization` header for one request: one boundary crossing per signature.
    pub fn sign_one(&self, method: &str, url: &str, nonce: &str, timestamp: f64) -> String {
        authorize(&self.keys, method, url, Some((nonce, timestamp as u64)))
    }

    /// The `Authorization` header for one request as its callers sign: method and URL in, the
    /// header out, the nonce from `oauth1-request`'s generator and the time from `Date.now()`.
    pub fn sign_default(&self, method: &str, url: &str) -> String {
        authorize(&self.keys, method, url, None)
    }

    /// Parses the batch (see `shared/batch.rs`) and keeps it; returns how many requests it has.
    pub fn load_batch(&mut self, tsv: &str) -> Result<usize, JsValue> {
        self.batch = batch::parse(tsv).map_err(|e| JsValue::from_str(&e))?;
        Ok(self.batch.len())
    }

    /// Signs every loaded request `passes` times inside wasm; returns the total length of the
    /// headers made, so that none of the work can be optimised away.
    pub fn sign_loaded(&self, passes: u32) -> f64 {
        let mut total = 0usize;
        for _ in 0..passes {
            for r in &self.batch {
                total += authorize(&self.keys, &r.method, &r.url, Some((&r.nonce, r.timestamp))).len();
            }
        }
        total as f64
    }

    /// The headers of one pass over the loaded batch, one per line, for checking.
    pub fn loaded_headers(&self) -> String {
        let headers: Vec<String> = self
            .batch
            .iter()
            .map(|r| authorize(&self.keys, &r.method, &r.url, Some((&r.nonce, r.timestamp))))
            .collect();
        headers.join("\n")
    }
}
