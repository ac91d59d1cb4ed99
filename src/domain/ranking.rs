//! Ranking proposals by their consensus scores: weighted total, ties broken
//! by Excellence then Impact; a main list (above every threshold) and a
//! below-threshold list.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::call::{CallSettings, Stage};
use super::ids::ProposalId;
use super::scoring::{Score, outcome};

#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub proposal: ProposalId,
    pub rank: usize,
    pub weighted_total: f64,
    pub passed: bool,
    /// Equal to the one above on total, Excellence and Impact.
    pub tied_with_previous: bool,
}

fn score_of(scores: &BTreeMap<String, Score>, key: &str) -> u32 {
    scores.get(key).map_or(0, |s| s.half_points())
}

/// Ranks every proposal of a stage; the main list first, then those below threshold.
pub fn rank(
    settings: &CallSettings,
    stage: Stage,
    proposals: &[(ProposalId, BTreeMap<String, Score>)],
) -> Vec<Ranked> {
    let weighted = |scores: &BTreeMap<String, Score>| -> f64 {
        settings
            .criteria
            .iter()
            .filter(|c| c.stage == stage)
            .map(|c| c.weight * scores.get(&c.key).map_or(0.0, |s| s.value()))
            .sum()
    };
    let mut entries: Vec<(&ProposalId, &BTreeMap<String, Score>, f64, bool)> = proposals
        .iter()
        .map(|(id, scores)| {
            (
                id,
                scores,
                weighted(scores),
                outcome(settings, stage, scores).passed,
            )
        })
        .collect();
    let key_order = |a: &(&ProposalId, &BTreeMap<String, Score>, f64, bool),
                     b: &(&ProposalId, &BTreeMap<String, Score>, f64, bool)| {
        b.3.cmp(&a.3)
            .then(b.2.partial_cmp(&a.2).unwrap_or(Ordering::Equal))
            .then(score_of(b.1, "excellence").cmp(&score_of(a.1, "excellence")))
            .then(score_of(b.1, "impact").cmp(&score_of(a.1, "impact")))
    };
    entries.sort_by(|a, b| key_order(a, b).then(a.0.cmp(b.0)));
    let mut ranked: Vec<Ranked> = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let tied = i > 0 && key_order(&entries[i - 1], entry) == Ordering::Equal;
        let rank = if tied { ranked[i - 1].rank } else { i + 1 };
        ranked.push(Ranked {
            proposal: entry.0.clone(),
            rank,
            weighted_total: entry.2,
            passed: entry.3,
            tied_with_previous: tied,
        });
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: &str, e: f64, i: f64, q: f64) -> (ProposalId, BTreeMap<String, Score>) {
        let scores = [("excellence", e), ("impact", i), ("implementation", q)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), Score::parse(v).unwrap()))
            .collect();
        (id.into(), scores)
    }

    #[test]
    fn ties_break_by_excellence_then_impact() {
        let settings = CallSettings::default();
        let ranked = rank(
            &settings,
            Stage::Full,
            &[
                p("a", 4.0, 4.0, 4.0), // 12
                p("b", 4.5, 3.5, 4.0), // 12, more excellence
                p("c", 4.0, 4.5, 3.5), // 12, same excellence as a, more impact
                p("d", 4.0, 4.0, 4.0), // 12, identical to a
                p("e", 5.0, 5.0, 2.5), // 12.5 but fails implementation
            ],
        );
        let order: Vec<(&str, usize, bool)> = ranked
            .iter()
            .map(|r| (r.proposal.as_str(), r.rank, r.passed))
            .collect();
        assert_eq!(
            order,
            [
                ("b", 1, true),
                ("c", 2, true),
                ("a", 3, true),
                ("d", 3, true),
                ("e", 5, false)
            ]
        );
        assert!(ranked[3].tied_with_previous);
    }

    #[test]
    fn weights_count_for_ranking_only() {
        let mut settings = CallSettings::default();
        for c in &mut settings.criteria {
            if c.key == "impact" {
                c.weight = 2.0;
            }
        }
        let ranked = rank(
            &settings,
            Stage::Full,
            &[p("x", 5.0, 3.0, 3.0), p("y", 3.0, 4.5, 3.0)],
        );
        assert_eq!(ranked[0].proposal, "y", "impact weighs double: 15 vs 14");
        assert_eq!(ranked[0].weighted_total, 15.0);
    }
}
