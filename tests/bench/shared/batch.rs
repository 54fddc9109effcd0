//! The benchmark's requests as the Rust harnesses read them: one request per line, six
//! tab-separated fields (method, URL, body, content type, nonce, timestamp; an empty body or
//! content type means none). `tests/bench/requests.mjs` writes them; every signer in the
//! benchmark signs exactly these, with exactly these nonces and timestamps.

/// One request of the batch and the protocol parameters chosen for it.
pub struct BatchRequest {
    pub method: String,
    pub url: String,
    #[allow(dead_code)] // oauth1-request is given no body: the benchmark's bodies are JSON
    pub body: Option<String>,
    #[allow(dead_code)]
    pub content_type: Option<String>,
    pub nonce: String,
    pub timestamp: u64,
}

/// Parses the batch; the error names the line that is not six fields with a numeric timestamp.
pub fn parse(text: &str) -> Result<Vec<BatchRequest>, String> {
    let optional = |field: &str| (!field.is_empty()).then(|| field.to_owned());
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.is_empty())
        .map(|(index, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            let timestamp = fields.get(5).and_then(|t| t.parse().ok());
            match (fields.as_slice(), timestamp) {
                ([method, url, body, content_type, nonce, _], Some(timestamp)) => Ok(BatchRequest {
                    method: (*method).to_owned(),
                    url: (*url).to_owned(),
                    body: optional(body),
                    content_type: optional(content_type),
                    nonce: (*nonce).to_owned(),
                    timestamp,
                }),
                _ => Err(format!(
                    "batch line {} is not six tab-separated fields",
                    index + 1
                )),
            }
        })
        .collect()
}
