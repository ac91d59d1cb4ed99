//! Typed ids: a proposal's id is a `ProposalId`, a call's a `CallId`, a
//! person's a `UserId`, so one cannot be passed where another is meant (all
//! are UUIDs in text, and `find(conn, &proposal.call_id)` used to compile
//! against `proposals`).
//!
//! Each is stored and sent as its text (the database side is in `db::ids`).
//! An id derefs to `&str` so that code which only shows, logs or hashes it
//! needs no conversion; a function that looks an entity up takes the typed
//! id, and that is where the compiler checks.
//!
//! Published in the spec as plain strings: a response field holding one says
//! `#[schema(value_type = String)]`, so clients and the generated SPA types
//! read them as before.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)+) => { $(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<&$name> for $name {
            fn eq(&self, other: &&$name) -> bool {
                self == *other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )+ };
}

ids! {
    /// A call for proposals.
    CallId;
    /// A proposal, whichever its stage.
    ProposalId;
    /// A person's account.
    UserId;
    /// A company, research organisation or hospital.
    OrganisationId;
    /// An organisation's place in one proposal's consortium.
    PartnerId;
    /// A person in a call's pool of experts (invited, perhaps not yet a user).
    ExpertId;
    /// An expert's assignment to one proposal at one stage.
    AssignmentId;
    /// An uploaded document.
    DocumentId;
    /// An expert's review of one proposal.
    ReviewId;
}
