//! Who is calling: password hashing, tokens, the request extractor, the
//! login rate limiter and the access policy.

pub mod account_cache;
pub mod client_address;
pub mod extractor;
pub mod password;
pub mod policy;
pub mod rate_limit;
pub mod second_factor;
pub mod secret;
pub mod tokens;

pub use extractor::{AuthUser, SignedIn};
