//! The audit log's hash chain: each record's hash covers its content and the
//! previous record's hash, so changing or deleting any row breaks every link after it.

use sha2::{Digest, Sha256};

/// The hash before the first record.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The content of one audit record, as hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry<'a> {
    pub seq: i64,
    /// UTC, RFC 3339 with microseconds, as stored.
    pub at: &'a str,
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// SHA-256 over the previous hash and every field, each length-prefixed so
/// that no two different records can produce the same input.
pub fn link_hash(prev_hash: &str, entry: &AuditEntry<'_>) -> String {
    let mut hasher = Sha256::new();
    let mut field = |value: Option<&str>| match value {
        None => hasher.update(b"-"),
        Some(v) => {
            hasher.update((v.len() as u64).to_be_bytes());
            hasher.update(v.as_bytes());
        }
    };
    let seq = entry.seq.to_string();
    field(Some(prev_hash));
    field(Some(&seq));
    field(Some(entry.at));
    field(entry.actor_id);
    field(Some(entry.action));
    field(Some(entry.entity_type));
    field(Some(entry.entity_id));
    field(entry.before);
    field(entry.after);
    hex::encode(hasher.finalize())
}

/// Why a chain does not verify: the first record that is not what the chain says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// The record's sequence number is not the previous one plus one (a row was removed).
    Gap { expected_seq: i64, found_seq: i64 },
    /// The record does not point at its predecessor's hash.
    WrongPrevious { seq: i64 },
    /// The record's content does not hash to its stored hash (it was edited).
    Tampered { seq: i64 },
    /// The head says the chain ends later than the last record (records were cut off).
    Truncated { head_seq: i64, last_seq: i64 },
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Gap {
                expected_seq,
                found_seq,
            } => write!(
                f,
                "record {expected_seq} is missing (the next record found is {found_seq})"
            ),
            Self::WrongPrevious { seq } => {
                write!(f, "record {seq} does not link to the record before it")
            }
            Self::Tampered { seq } => write!(f, "record {seq} was changed after it was written"),
            Self::Truncated { head_seq, last_seq } => write!(
                f,
                "the chain should end at record {head_seq} but ends at {last_seq}"
            ),
        }
    }
}

/// Checks records, given in sequence order, from the first one on.
/// Each item is the entry with its stored previous hash and stored hash.
pub struct ChainVerifier {
    expected_seq: i64,
    prev_hash: String,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            expected_seq: 1,
            prev_hash: GENESIS_HASH.to_owned(),
        }
    }
}

impl ChainVerifier {
    pub fn check(
        &mut self,
        entry: &AuditEntry<'_>,
        stored_prev_hash: &str,
        stored_hash: &str,
    ) -> Result<(), ChainBreak> {
        if entry.seq != self.expected_seq {
            return Err(ChainBreak::Gap {
                expected_seq: self.expected_seq,
                found_seq: entry.seq,
            });
        }
        if stored_prev_hash != self.prev_hash {
            return Err(ChainBreak::WrongPrevious { seq: entry.seq });
        }
        if link_hash(stored_prev_hash, entry) != stored_hash {
            return Err(ChainBreak::Tampered { seq: entry.seq });
        }
        self.expected_seq += 1;
        self.prev_hash = stored_hash.to_owned();
        Ok(())
    }

    /// Compares the end of the records with the head's view of the chain.
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> Result<i64, ChainBreak> {
        let last_seq = self.expected_seq - 1;
        if head_seq != last_seq {
            return Err(ChainBreak::Truncated { head_seq, last_seq });
        }
        if head_hash != self.prev_hash {
            return Err(ChainBreak::Tampered { seq: last_seq });
        }
        Ok(last_seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Row {
        seq: i64,
        at: String,
        action: String,
        after: Option<String>,
        prev: String,
        hash: String,
    }

    fn entry(row: &Row) -> AuditEntry<'_> {
        AuditEntry {
            seq: row.seq,
            at: &row.at,
            actor_id: Some("u1"),
            action: &row.action,
            entity_type: "user",
            entity_id: "u1",
            before: None,
            after: row.after.as_deref(),
        }
    }

    fn chain(n: i64) -> Vec<Row> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let mut row = Row {
                    seq,
                    at: format!("2026-11-29T10:00:{seq:02}.000000Z"),
                    action: "user.update".into(),
                    after: Some(format!("{{\"n\":{seq}}}")),
                    prev: prev.clone(),
                    hash: String::new(),
                };
                row.hash = link_hash(&prev, &entry(&row));
                prev = row.hash.clone();
                row
            })
            .collect()
    }

    fn verify(rows: &[Row], head_seq: i64, head_hash: &str) -> Result<i64, ChainBreak> {
        let mut v = ChainVerifier::default();
        for row in rows {
            v.check(&entry(row), &row.prev, &row.hash)?;
        }
        v.finish(head_seq, head_hash)
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let rows = chain(5);
        assert_eq!(verify(&rows, 5, &rows[4].hash), Ok(5));
        assert_eq!(verify(&[], 0, GENESIS_HASH), Ok(0));
    }

    #[test]
    fn an_edited_record_is_found() {
        let mut rows = chain(5);
        rows[2].after = Some("{\"n\":999}".into());
        let head = rows[4].hash.clone();
        assert_eq!(
            verify(&rows, 5, &head),
            Err(ChainBreak::Tampered { seq: 3 })
        );
    }

    #[test]
    fn a_removed_record_is_found() {
        let mut rows = chain(5);
        rows.remove(1);
        let head = rows[3].hash.clone();
        assert_eq!(
            verify(&rows, 5, &head),
            Err(ChainBreak::Gap {
                expected_seq: 2,
                found_seq: 3
            })
        );
    }

    #[test]
    fn a_cut_off_end_is_found() {
        let mut rows = chain(5);
        let head = rows[4].hash.clone();
        rows.truncate(3);
        assert_eq!(
            verify(&rows, 5, &head),
            Err(ChainBreak::Truncated {
                head_seq: 5,
                last_seq: 3
            })
        );
    }

    #[test]
    fn a_rehashed_record_still_breaks_the_next_link() {
        let mut rows = chain(5);
        rows[2].after = Some("{\"n\":999}".into());
        rows[2].hash = link_hash(&rows[2].prev.clone(), &entry(&rows[2]));
        let head = rows[4].hash.clone();
        assert_eq!(
            verify(&rows, 5, &head),
            Err(ChainBreak::WrongPrevious { seq: 4 })
        );
    }

    #[test]
    fn fields_cannot_be_shifted_into_each_other() {
        let a = AuditEntry {
            seq: 1,
            at: "t",
            actor_id: Some("ab"),
            action: "c",
            entity_type: "e",
            entity_id: "i",
            before: None,
            after: None,
        };
        let b = AuditEntry {
            actor_id: Some("a"),
            action: "bc",
            ..a.clone()
        };
        assert_ne!(link_hash(GENESIS_HASH, &a), link_hash(GENESIS_HASH, &b));
        let c = AuditEntry {
            actor_id: None,
            ..a.clone()
        };
        let d = AuditEntry {
            actor_id: Some("-"),
            ..a.clone()
        };
        assert_ne!(link_hash(GENESIS_HASH, &c), link_hash(GENESIS_HASH, &d));
    }
}
