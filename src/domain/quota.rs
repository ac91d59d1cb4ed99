//! Quotas: how much one proposal or one applicant may hold, so that no
//! account fills the document store or the outbox (ASVS V11). The numbers
//! come from the configuration (`config::Quotas`); the rules are here.

/// Which quota a request would pass, said for the person who sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaExceeded(pub String);

/// The limits, from `JOINTCALL_QUOTA_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    pub documents_per_proposal: u32,
    pub bytes_per_proposal: u64,
    pub proposals_per_applicant_per_call: u32,
    pub invitations_per_proposal: u32,
}

impl Default for Quotas {
    fn default() -> Self {
        Self {
            documents_per_proposal: 50,
            bytes_per_proposal: 500 * 1024 * 1024,
            proposals_per_applicant_per_call: 5,
            invitations_per_proposal: 30,
        }
    }
}

fn exceeded(detail: String) -> QuotaExceeded {
    QuotaExceeded(detail)
}

impl Quotas {
    /// One more document of `size` bytes beside `count` documents of `bytes` in all.
    pub fn admit_document(&self, count: usize, bytes: u64, size: u64) -> Result<(), QuotaExceeded> {
        if count >= self.documents_per_proposal as usize {
            return Err(exceeded(format!(
                "A proposal holds at most {} documents; delete one first.",
                self.documents_per_proposal
            )));
        }
        if bytes.saturating_add(size) > self.bytes_per_proposal {
            return Err(exceeded(format!(
                "A proposal's documents take at most {} MiB together; this one would make {} MiB.",
                self.bytes_per_proposal / (1024 * 1024),
                bytes.saturating_add(size).div_ceil(1024 * 1024)
            )));
        }
        Ok(())
    }

    /// One more proposal coordinated by someone who coordinates `count` in the call.
    pub fn admit_proposal(&self, count: usize) -> Result<(), QuotaExceeded> {
        if count >= self.proposals_per_applicant_per_call as usize {
            return Err(exceeded(format!(
                "One person coordinates at most {} proposals in a call.",
                self.proposals_per_applicant_per_call
            )));
        }
        Ok(())
    }

    /// One more invitation for a proposal that sent `count`.
    pub fn admit_invitation(&self, count: usize) -> Result<(), QuotaExceeded> {
        if count >= self.invitations_per_proposal as usize {
            return Err(exceeded(format!(
                "A proposal sends at most {} invitations.",
                self.invitations_per_proposal
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_quota_admits_up_to_its_limit_and_not_one_more() {
        let q = Quotas {
            documents_per_proposal: 2,
            bytes_per_proposal: 10,
            proposals_per_applicant_per_call: 1,
            invitations_per_proposal: 3,
        };
        assert!(q.admit_document(1, 5, 5).is_ok());
        assert!(q.admit_document(2, 0, 1).is_err());
        assert!(q.admit_document(1, 5, 6).is_err());
        assert!(q.admit_proposal(0).is_ok());
        assert!(q.admit_proposal(1).is_err());
        assert!(q.admit_invitation(2).is_ok());
        assert!(
            q.admit_invitation(3)
                .unwrap_err()
                .0
                .contains("at most 3 invitations")
        );
    }
}
