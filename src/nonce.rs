//! Fresh `oauth_nonce`s for the signer's JavaScript API (`signRequest` and `Signer.sign` called
//! without a nonce): secure random bytes fetched from the platform (`crypto.getRandomValues`)
//! [`POOL_NONCES`] nonces at a time, each byte used once. A call into Web Crypto crosses into
//! JavaScript, which is costly beside the signature itself; one call per [`POOL_NONCES`]
//! signatures spreads that cost thin, and the bytes are still Web Crypto's own, with no
//! generator in between.
//!
//! The signer stays pure: it takes the nonce as an input. The X client (`client.rs`) does not
//! use this: it signs one request per click and draws each nonce from Web Crypto directly.

use crate::oauth::nonce_in_place;

/// Characters in a nonce: 32 letters and digits, one per random byte (about 190 bits).
pub const NONCE_LEN: usize = 32;

/// Nonces per fetch of random bytes: 1,024 nonces, 32 KiB, within the 64 KiB Web Crypto gives in
/// one call and enough that the fetch is a small share of a signature's cost.
pub const POOL_NONCES: usize = 1024;

/// An `oauth_nonce`: [`NONCE_LEN`] ASCII letters and digits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Nonce([u8; NONCE_LEN]);

impl Nonce {
    /// The nonce from [`NONCE_LEN`] secure random bytes.
    pub fn from_random(mut bytes: [u8; NONCE_LEN]) -> Self {
        nonce_in_place(&mut bytes);
        Nonce(bytes)
    }

    /// The nonce as text.
    pub fn as_str(&self) -> &str {
        // Letters and digits only (nonce_in_place): ASCII.
        core::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl core::fmt::Debug for Nonce {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Nonces from a pool of secure random bytes, refilled when every byte of it has been used.
pub struct NonceSource {
    pool: [u8; NONCE_LEN * POOL_NONCES],
    used: usize,
}

impl NonceSource {
    /// An empty source (`const`: it can be a `static`).
    pub const fn new() -> Self {
        NonceSource {
            pool: [0; NONCE_LEN * POOL_NONCES],
            // Empty: the first nonce fills it.
            used: NONCE_LEN * POOL_NONCES,
        }
    }

    /// The next nonce. `fill` fills its argument from the platform's secure random source; it
    /// is called on first use and then once every [`POOL_NONCES`] nonces.
    pub fn next(&mut self, fill: impl FnOnce(&mut [u8])) -> Nonce {
        if self.used + NONCE_LEN > self.pool.len() {
            fill(&mut self.pool);
            self.used = 0;
        }
        let mut bytes = [0u8; NONCE_LEN];
        let next = self.used + NONCE_LEN;
        if let Some(random) = self.pool.get_mut(self.used..next) {
            bytes.copy_from_slice(random);
            // Used bytes do not stay behind in memory.
            random.fill(0);
        }
        self.used = next;
        Nonce::from_random(bytes)
    }
}

impl Default for NonceSource {
    fn default() -> Self {
        NonceSource::new()
    }
}

impl core::fmt::Debug for NonceSource {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The pool is as secret as the nonces it will make.
        f.write_str("NonceSource(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fills with a counter, so that every byte of every fill is known.
    fn counter(fills: &mut u8) -> impl FnMut(&mut [u8]) + '_ {
        |pool: &mut [u8]| {
            *fills += 1;
            for (i, byte) in pool.iter_mut().enumerate() {
                *byte = (i as u8).wrapping_mul(7).wrapping_add(*fills);
            }
        }
    }

    #[test]
    fn each_nonce_is_the_next_32_bytes_of_the_pool_as_letters_and_digits() {
        let mut source = NonceSource::new();
        let mut fills = 0;
        for round in 1..=3u8 {
            for n in 0..POOL_NONCES {
                let nonce = source.next(counter(&mut fills));
                let mut expected: Vec<u8> = (n * NONCE_LEN..(n + 1) * NONCE_LEN)
                    .map(|i| (i as u8).wrapping_mul(7).wrapping_add(round))
                    .collect();
                assert_eq!(
                    nonce.as_str(),
                    nonce_in_place(&mut expected),
                    "round {round} nonce {n}"
                );
                assert!(nonce.as_str().bytes().all(|b| b.is_ascii_alphanumeric()));
                assert_eq!(nonce.as_str().len(), NONCE_LEN);
            }
            // One fill per POOL_NONCES nonces, and only when the pool is used up.
            assert_eq!(fills, round);
        }
    }

    #[test]
    fn used_bytes_are_cleared() {
        let mut source = NonceSource::new();
        source.next(|pool| pool.fill(0xAB));
        assert!(source.pool[..NONCE_LEN].iter().all(|&b| b == 0));
        assert!(source.pool[NONCE_LEN..].iter().all(|&b| b == 0xAB));
    }

    #[test]
    fn debug_shows_no_bytes() {
        assert_eq!(format!("{:?}", NonceSource::new()), "NonceSource(<redacted>)");
    }
}
