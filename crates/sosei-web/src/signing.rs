//! HMAC-SHA256 signatures with the site secret, and random tokens.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// `purpose` separates signatures made for different uses with the same secret.
pub fn sign(secret: &[u8], purpose: &str, value: &str) -> String {
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(purpose.as_bytes());
    mac.update(b"\0");
    mac.update(value.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Constant-time check of a signature made by [`sign`].
pub fn verify(secret: &[u8], purpose: &str, value: &str, signature: &str) -> bool {
    let Ok(given) = URL_SAFE_NO_PAD.decode(signature) else {
        return false;
    };
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(purpose.as_bytes());
    mac.update(b"\0");
    mac.update(value.as_bytes());
    mac.verify_slice(&given).is_ok()
}

/// `value.signature`, for cookies whose value must not be forged.
pub fn signed_value(secret: &[u8], purpose: &str, value: &str) -> String {
    format!("{value}.{}", sign(secret, purpose, value))
}

/// The value of a `value.signature` string when the signature holds.
pub fn open_signed_value<'a>(secret: &[u8], purpose: &str, signed: &'a str) -> Option<&'a str> {
    let (value, signature) = signed.rsplit_once('.')?;
    verify(secret, purpose, value, signature).then_some(value)
}

/// 32 random bytes, base64url: for session tokens and visitor ids.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 in hex: what the store keeps of a session token.
pub fn sha256_hex(value: &str) -> String {
    let digest = Sha256::digest(value.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_only_for_the_same_purpose_and_value() {
        let secret = b"secret";
        let signature = sign(secret, "csrf", "abc");
        assert!(verify(secret, "csrf", "abc", &signature));
        assert!(!verify(secret, "visitor", "abc", &signature));
        assert!(!verify(secret, "csrf", "abd", &signature));
        assert!(!verify(b"other", "csrf", "abc", &signature));
        let signed = signed_value(secret, "visitor", "v1");
        assert_eq!(open_signed_value(secret, "visitor", &signed), Some("v1"));
        assert_eq!(open_signed_value(secret, "visitor", "v1.forged"), None);
    }

    #[test]
    fn random_tokens_differ() {
        assert_ne!(random_token(), random_token());
        assert_eq!(random_token().len(), 43);
    }
}
