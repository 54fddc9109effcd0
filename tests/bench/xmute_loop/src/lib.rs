//! Benchmark only: XMute's signer (`xmute::oauth::Signer`, the code behind `Signer.sign`)
//! looping over the benchmark batch inside wasm, one call in all. The counterpart of
//! `oauth1_peer`'s `sign_loaded`, so the in-wasm loop figures compare like with like; the
//! shipped package has no such export.

use wasm_bindgen::prelude::*;
use xmute::oauth::{Credentials, ProtocolParams, Request, Signed, Signer};

#[path = "../../shared/batch.rs"]
mod batch;

use batch::BatchRequest;

/// A signer for one set of credentials and, once loaded, the batch.
#[wasm_bindgen]
pub struct XmuteLoop {
    signer: Signer,
    batch: Vec<BatchRequest>,
}

fn sign(signer: &Signer, r: &BatchRequest) -> Result<Signed, xmute::oauth::Error> {
    signer.sign(
        &Request {
            method: &r.method,
            url: &r.url,
            body: r.body.as_deref(),
            content_type: r.content_type.as_deref(),
        },
        &ProtocolParams::new(&r.nonce, r.timestamp),
    )
}

fn js_error(error: xmute::oauth::Error) -> JsValue {
    JsValue::from_str(&error.to_string())
}

#[wasm_bindgen]
impl XmuteLoop {
    /// `new XmuteLoop(consumerKey, consumerSecret, token, tokenSecret)`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        consumer_key: String,
        consumer_secret: String,
        token: String,
        token_secret: String,
    ) -> Result<XmuteLoop, JsValue> {
        let credentials = Credentials::new(consumer_key, consumer_secret)
            .map_err(js_error)?
            .with_token(token, token_secret);
        Ok(XmuteLoop {
            signer: Signer::new(&credentials),
            batch: Vec::new(),
        })
    }

    /// Parses the batch (see `shared/batch.rs`) and keeps it; returns how many requests it has.
    pub fn load_batch(&mut self, tsv: &str) -> Result<usize, JsValue> {
        self.batch = batch::parse(tsv).map_err(|e| JsValue::from_str(&e))?;
        Ok(self.batch.len())
    }

    /// Signs every loaded request `passes` times inside wasm; returns the total length of the
    /// headers made, so that none of the work can be optimised away.
    pub fn sign_loaded(&self, passes: u32) -> Result<f64, JsValue> {
        let mut total = 0usize;
        for _ in 0..passes {
            for r in &self.batch {
                total += sign(&self.signer, r).map_err(js_error)?.authorization.len();
            }
        }
        Ok(total as f64)
    }

    /// The headers of one pass over the loaded batch, one per line, for checking.
    pub fn loaded_headers(&self) -> Result<String, JsValue> {
        let headers = self
            .batch
            .iter()
            .map(|r| sign(&self.signer, r).map(|s| s.authorization))
            .collect::<Result<Vec<_>, _>>()
            .map_err(js_error)?;
        Ok(headers.join("\n"))
    }
}
