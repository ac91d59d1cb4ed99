//! The audit log's chain: each record's seal covers its content and the
//! previous record's seal, so changing or deleting any row breaks every link
//! after it.
//!
//! A seal is an HMAC-SHA256 under a key the database does not hold
//! (`JOINTCALL_AUDIT_KEY`), written `<key id>:<hex>`: someone who can write
//! the database but not read the key cannot rewrite a record and re-seal the
//! ones after it, nor append one. Records written before keys existed carry
//! a plain SHA-256; they are accepted only before the first sealed record,
//! whose seal covers their last hash. Cutting the tail off and rewinding the
//! head is found by an anchor kept outside the database (`Anchor`).

use hmac::{Hmac, Mac};
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

/// The previous hash and every field, each length-prefixed so that no two
/// different records give the same bytes.
fn framed(prev_hash: &str, entry: &AuditEntry<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut field = |value: Option<&str>| match value {
        None => out.extend_from_slice(b"-"),
        Some(v) => {
            out.extend_from_slice(&(v.len() as u64).to_be_bytes());
            out.extend_from_slice(v.as_bytes());
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
    out
}

/// The plain SHA-256 link of the records written before keys existed.
pub fn link_hash(prev_hash: &str, entry: &AuditEntry<'_>) -> String {
    hex::encode(Sha256::digest(framed(prev_hash, entry)))
}

fn mac_hex(key: &[u8], message: &[u8]) -> String {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

/// The keys that seal the chain: the current one seals, every one verifies
/// the records it sealed (a rotation keeps the old key among `previous`).
#[derive(Clone)]
pub struct AuditKeys {
    current: (String, Vec<u8>),
    previous: Vec<(String, Vec<u8>)>,
}

impl std::fmt::Debug for AuditKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the keys themselves, only their ids.
        f.debug_struct("AuditKeys")
            .field("current", &self.current.0)
            .field(
                "previous",
                &self.previous.iter().map(|k| &k.0).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl AuditKeys {
    /// `(key id, key)` pairs.
    pub fn new(current: (String, Vec<u8>), previous: Vec<(String, Vec<u8>)>) -> Self {
        Self { current, previous }
    }

    pub fn current_id(&self) -> &str {
        &self.current.0
    }

    fn key(&self, id: &str) -> Option<&[u8]> {
        std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|(kid, _)| kid == id)
            .map(|(_, key)| key.as_slice())
    }

    /// The seal of a new record: `<current key id>:<HMAC>`.
    pub fn seal(&self, prev_hash: &str, entry: &AuditEntry<'_>) -> String {
        let (kid, key) = &self.current;
        format!("{kid}:{}", mac_hex(key, &framed(prev_hash, entry)))
    }

    /// Whether `seal` is the seal of this record under the key it names
    /// (`None`: it names no key of ours).
    fn verifies(&self, seal: &str, prev_hash: &str, entry: &AuditEntry<'_>) -> Option<bool> {
        let (kid, mac) = seal.split_once(':')?;
        let key = self.key(kid)?;
        Some(mac_hex(key, &framed(prev_hash, entry)) == mac)
    }

    /// An anchor of the chain's end, sealed with the current key.
    pub fn anchor(&self, at: &str, seq: i64, hash: &str) -> Anchor {
        let (kid, key) = &self.current;
        let mac = mac_hex(key, Anchor::message(at, seq, hash).as_bytes());
        Anchor {
            at: at.to_owned(),
            seq,
            hash: hash.to_owned(),
            seal: format!("{kid}:{mac}"),
        }
    }
}

/// The chain's end at a moment, written outside the database (a file beside
/// the documents, a mail to the auditor): the chain must still hold record
/// `seq` with this hash, so a tail cut off since is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub at: String,
    pub seq: i64,
    pub hash: String,
    pub seal: String,
}

impl Anchor {
    fn message(at: &str, seq: i64, hash: &str) -> String {
        format!("jointcall audit anchor\n{at}\n{seq}\n{hash}")
    }

    /// One line: `v1 <at> <seq> <hash> <seal>`.
    pub fn line(&self) -> String {
        format!("v1 {} {} {} {}", self.at, self.seq, self.hash, self.seal)
    }

    /// A line read back, if it is well formed and sealed by one of `keys`.
    pub fn parse(line: &str, keys: &AuditKeys) -> Option<Self> {
        let mut parts = line.split_whitespace();
        let (Some("v1"), Some(at), Some(seq), Some(hash), Some(seal), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return None;
        };
        let seq: i64 = seq.parse().ok()?;
        let (kid, mac) = seal.split_once(':')?;
        let key = keys.key(kid)?;
        (mac_hex(key, Self::message(at, seq, hash).as_bytes()) == mac).then(|| Self {
            at: at.to_owned(),
            seq,
            hash: hash.to_owned(),
            seal: seal.to_owned(),
        })
    }
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
    /// The record's seal names a key this portal does not have.
    UnknownKey { seq: i64 },
    /// The record has a plain hash where only sealed records may be (after the
    /// first sealed one, or a chain with none).
    Unsealed { seq: i64 },
    /// An anchor taken earlier says the chain held record `seq` with another
    /// hash, or held more records than it does now.
    AnchorMismatch { seq: i64, last_seq: i64 },
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
            Self::UnknownKey { seq } => {
                write!(
                    f,
                    "record {seq} is sealed with a key this portal does not have"
                )
            }
            Self::Unsealed { seq } => write!(
                f,
                "record {seq} has a plain hash where only records sealed with the audit key may be"
            ),
            Self::AnchorMismatch { seq, last_seq } => write!(
                f,
                "the anchor taken outside the database holds record {seq}, which the chain \
                 (ending at {last_seq}) no longer has as it was"
            ),
        }
    }
}

/// Checks records, given in sequence order, from the first one on.
/// Each item is the entry with its stored previous hash and stored hash.
pub struct ChainVerifier {
    expected_seq: i64,
    prev_hash: String,
    keys: AuditKeys,
    /// Whether a sealed record was seen: plain ones may only come before.
    sealed_seen: bool,
    anchor: Option<Anchor>,
}

impl ChainVerifier {
    pub fn new(keys: AuditKeys, anchor: Option<Anchor>) -> Self {
        Self {
            expected_seq: 1,
            prev_hash: GENESIS_HASH.to_owned(),
            keys,
            sealed_seen: false,
            anchor,
        }
    }

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
        let intact = if stored_hash.contains(':') {
            self.sealed_seen = true;
            self.keys
                .verifies(stored_hash, stored_prev_hash, entry)
                .ok_or(ChainBreak::UnknownKey { seq: entry.seq })?
        } else if self.sealed_seen {
            return Err(ChainBreak::Unsealed { seq: entry.seq });
        } else {
            link_hash(stored_prev_hash, entry) == stored_hash
        };
        if !intact {
            return Err(ChainBreak::Tampered { seq: entry.seq });
        }
        if let Some(anchor) = &self.anchor
            && anchor.seq == entry.seq
            && anchor.hash != stored_hash
        {
            return Err(ChainBreak::AnchorMismatch {
                seq: anchor.seq,
                last_seq: entry.seq,
            });
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
        if let Some(anchor) = &self.anchor
            && anchor.seq > last_seq
        {
            return Err(ChainBreak::AnchorMismatch {
                seq: anchor.seq,
                last_seq,
            });
        }
        if last_seq > 0 && !self.sealed_seen {
            return Err(ChainBreak::Unsealed { seq: last_seq });
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

    fn keys() -> AuditKeys {
        AuditKeys::new(
            ("k2".into(), b"the current key".to_vec()),
            vec![("k1".into(), b"the old key".to_vec())],
        )
    }

    /// `legacy` plain records, then sealed ones up to `n`.
    fn mixed_chain(legacy: i64, n: i64, keys: &AuditKeys) -> Vec<Row> {
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
                row.hash = if seq <= legacy {
                    link_hash(&prev, &entry(&row))
                } else {
                    keys.seal(&prev, &entry(&row))
                };
                prev = row.hash.clone();
                row
            })
            .collect()
    }

    fn chain(n: i64) -> Vec<Row> {
        mixed_chain(0, n, &keys())
    }

    fn verify_with(
        rows: &[Row],
        head_seq: i64,
        head_hash: &str,
        anchor: Option<Anchor>,
    ) -> Result<i64, ChainBreak> {
        let mut v = ChainVerifier::new(keys(), anchor);
        for row in rows {
            v.check(&entry(row), &row.prev, &row.hash)?;
        }
        v.finish(head_seq, head_hash)
    }

    fn verify(rows: &[Row], head_seq: i64, head_hash: &str) -> Result<i64, ChainBreak> {
        verify_with(rows, head_seq, head_hash, None)
    }

    #[test]
    fn a_writer_without_the_key_cannot_reseal_append_or_cut() {
        // Rewriting a record and re-hashing everything after it (plain SHA-256).
        let mut rows = chain(5);
        rows[2].after = Some("{\"n\":999}".into());
        let mut prev = rows[1].hash.clone();
        for row in rows.iter_mut().skip(2) {
            row.prev = prev.clone();
            row.hash = link_hash(&prev, &entry(row));
            prev = row.hash.clone();
        }
        assert_eq!(
            verify(&rows, 5, &prev),
            Err(ChainBreak::Unsealed { seq: 3 })
        );
        // Appending a forged record, sealed with a key of the writer's own.
        let mut rows = chain(5);
        let forger = AuditKeys::new(("k2".into(), b"a guess".to_vec()), vec![]);
        let mut forged = Row {
            seq: 6,
            at: "2026-11-29T10:00:06.000000Z".into(),
            action: "user.update".into(),
            after: None,
            prev: rows[4].hash.clone(),
            hash: String::new(),
        };
        forged.hash = forger.seal(&forged.prev, &entry(&forged));
        let head = forged.hash.clone();
        rows.push(forged);
        assert_eq!(
            verify(&rows, 6, &head),
            Err(ChainBreak::Tampered { seq: 6 })
        );
        // Cutting the tail and rewinding the head: only the anchor tells.
        let mut rows = chain(5);
        let anchor = keys().anchor("2026-11-29T10:00:05Z", 5, &rows[4].hash);
        rows.truncate(3);
        let head = rows[2].hash.clone();
        assert_eq!(verify(&rows, 3, &head), Ok(3));
        assert_eq!(
            verify_with(&rows, 3, &head, Some(anchor)),
            Err(ChainBreak::AnchorMismatch {
                seq: 5,
                last_seq: 3
            })
        );
    }

    #[test]
    fn records_before_the_keys_are_pinned_by_the_first_sealed_one() {
        let rows = mixed_chain(3, 6, &keys());
        assert_eq!(verify(&rows, 6, &rows[5].hash), Ok(6));
        // A chain of plain hashes only is what a writer could make up.
        let plain = mixed_chain(6, 6, &keys());
        assert_eq!(
            verify(&plain, 6, &plain[5].hash),
            Err(ChainBreak::Unsealed { seq: 6 })
        );
        // Re-hashing the plain part breaks the first seal.
        let mut rows = mixed_chain(3, 6, &keys());
        rows[1].after = Some("{\"n\":999}".into());
        rows[1].hash = link_hash(&rows[1].prev.clone(), &entry(&rows[1]));
        rows[2].prev = rows[1].hash.clone();
        rows[2].hash = link_hash(&rows[2].prev.clone(), &entry(&rows[2]));
        rows[3].prev = rows[2].hash.clone();
        assert_eq!(
            verify(&rows, 6, &rows[5].hash.clone()),
            Err(ChainBreak::Tampered { seq: 4 })
        );
    }

    #[test]
    fn after_a_rotation_old_seals_verify_and_unknown_keys_do_not() {
        let old = AuditKeys::new(("k1".into(), b"the old key".to_vec()), vec![]);
        let mut rows = mixed_chain(0, 3, &old);
        let mut prev = rows[2].hash.clone();
        for seq in 4..=5 {
            let mut row = Row {
                seq,
                at: format!("2026-11-29T10:00:{seq:02}.000000Z"),
                action: "user.update".into(),
                after: None,
                prev: prev.clone(),
                hash: String::new(),
            };
            row.hash = keys().seal(&prev, &entry(&row));
            prev = row.hash.clone();
            rows.push(row);
        }
        assert_eq!(verify(&rows, 5, &prev), Ok(5));
        let without_old = AuditKeys::new(("k2".into(), b"the current key".to_vec()), vec![]);
        let mut v = ChainVerifier::new(without_old, None);
        assert_eq!(
            v.check(&entry(&rows[0]), &rows[0].prev, &rows[0].hash),
            Err(ChainBreak::UnknownKey { seq: 1 })
        );
    }

    #[test]
    fn anchors_read_back_only_when_sealed_by_a_key_of_ours() {
        let anchor = keys().anchor("2026-12-07T10:00:00Z", 42, "k2:abc");
        assert_eq!(Anchor::parse(&anchor.line(), &keys()), Some(anchor.clone()));
        let forged = anchor.line().replace(" 42 ", " 41 ");
        assert_eq!(Anchor::parse(&forged, &keys()), None);
        assert_eq!(Anchor::parse("garbage", &keys()), None);
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
        rows[2].hash = keys().seal(&rows[2].prev.clone(), &entry(&rows[2]));
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
