//! The decision letter: one text per released result, sent by mail to every
//! contact of the consortium and downloadable as a PDF. Every sentence comes
//! from a `Texts` table per language, so French and German are a table each.

use crate::db::outbox::NewMail;
use crate::domain::result::{ProposalResult, ReleasedOutcome};
use crate::pdf::{self, Line};

/// The languages letters are written in. English is the default; another
/// language is one more variant and one more `Texts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    English,
}

struct Texts {
    subject: &'static str,
    greeting: &'static str,
    intro: &'static str,
    funded: &'static str,
    rejected: &'static str,
    reserve: &'static str,
    below_threshold: &'static str,
    evaluation: &'static str,
    criterion_line: &'static str,
    total_line: &'static str,
    overall: &'static str,
    grants: &'static str,
    grant_line: &'static str,
    self_funded: &'static str,
    redress: &'static str,
    closing: &'static str,
}

const ENGLISH: Texts = Texts {
    subject: "Decision on your proposal {acronym}",
    greeting: "Dear applicants,",
    intro: "the funders of the call \"{call}\" have decided on the proposal {acronym} \u{2013} {title}.",
    funded: "Your proposal is selected for funding.",
    rejected: "We regret that your proposal is not selected for funding.",
    reserve: "Your proposal passed the evaluation and is on the reserve list; you will be told if funds become available.",
    below_threshold: "We regret that your proposal did not reach the evaluation thresholds and is not funded.",
    evaluation: "The experts' consensus evaluation",
    criterion_line: "{label}: {score} out of 5 (threshold {threshold})",
    total_line: "Total: {total} (threshold {threshold})",
    overall: "Overall",
    grants: "Granted amounts",
    grant_line: "{organisation} ({agency}): EUR {granted} of EUR {requested} requested",
    self_funded: "{organisation}: funds its own participation",
    redress: "Until {until} you may ask for a review of the procedure (not of the experts' judgement) in the portal.",
    closing: "Yours sincerely, the call's operator on behalf of the funders",
};

fn texts(language: Language) -> &'static Texts {
    match language {
        Language::English => &ENGLISH,
    }
}

/// Cents as euros with thousands separators: 8000000 -> "80,000.00".
pub fn euros(cents: i64) -> String {
    let whole = (cents / 100).abs().to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{grouped}.{:02}", (cents % 100).abs())
}

fn fill(template: &str, pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .fold(template.to_owned(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

/// The letter, line by line: the same for the mail and the PDF.
pub fn lines(language: Language, result: &ProposalResult) -> Vec<Line> {
    let t = texts(language);
    let mut out = vec![
        Line::Heading(fill(t.subject, &[("acronym", result.acronym.clone())])),
        Line::Text(t.greeting.to_owned()),
        Line::Blank,
        Line::Text(fill(
            t.intro,
            &[
                ("call", result.call_title.clone()),
                ("acronym", result.acronym.clone()),
                ("title", result.title.clone()),
            ],
        )),
        Line::Blank,
        Line::Text(
            match result.outcome {
                ReleasedOutcome::Funded => t.funded,
                ReleasedOutcome::Rejected => t.rejected,
                ReleasedOutcome::Reserve => t.reserve,
                ReleasedOutcome::BelowThreshold => t.below_threshold,
            }
            .to_owned(),
        ),
        Line::Blank,
        Line::Heading(t.evaluation.to_owned()),
    ];
    for c in &result.summary.criteria {
        out.push(Line::Text(fill(
            t.criterion_line,
            &[
                ("label", c.label.clone()),
                ("score", c.score.to_string()),
                ("threshold", c.threshold.to_string()),
            ],
        )));
        out.push(Line::Text(c.comment.clone()));
        out.push(Line::Blank);
    }
    out.push(Line::Text(fill(
        t.total_line,
        &[
            ("total", result.summary.total.to_string()),
            ("threshold", result.summary.overall_threshold.to_string()),
        ],
    )));
    out.push(Line::Text(format!(
        "{}: {}",
        t.overall, result.summary.overall_comment
    )));
    out.push(Line::Blank);
    out.push(Line::Heading(t.grants.to_owned()));
    for p in &result.partners {
        out.push(Line::Text(match p.agency {
            Some(agency) => fill(
                t.grant_line,
                &[
                    ("organisation", p.organisation.clone()),
                    ("agency", agency.as_str().to_owned()),
                    ("granted", euros(p.granted_cents)),
                    ("requested", euros(p.requested_cents)),
                ],
            ),
            None => fill(t.self_funded, &[("organisation", p.organisation.clone())]),
        }));
    }
    out.push(Line::Blank);
    out.push(Line::Text(fill(
        t.redress,
        &[("until", result.redress_until.format("%d %B %Y").to_string())],
    )));
    out.push(Line::Blank);
    out.push(Line::Text(t.closing.to_owned()));
    out
}

/// The letter as a mail to one contact, with a link to its PDF in the portal.
pub fn mail(language: Language, to: &str, result: &ProposalResult, link: &str) -> NewMail {
    let mut body = String::new();
    for line in lines(language, result).iter().skip(1) {
        match line {
            Line::Heading(text) => {
                body.push_str(&format!("{text}\n{}\n", "-".repeat(text.chars().count())))
            }
            Line::Text(text) => body.push_str(&format!("{text}\n")),
            Line::Blank => body.push('\n'),
        }
    }
    body.push_str(&format!("\n{link}\n"));
    NewMail {
        kind: "decision_letter",
        to: to.to_owned(),
        subject: fill(
            texts(language).subject,
            &[("acronym", result.acronym.clone())],
        ),
        body,
    }
}

/// The letter as a PDF document.
pub fn pdf(language: Language, result: &ProposalResult) -> Vec<u8> {
    let title = fill(
        texts(language).subject,
        &[("acronym", result.acronym.clone())],
    );
    pdf::document(&title, &lines(language, result))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_are_grouped_by_thousands() {
        assert_eq!(euros(8_000_000), "80,000.00");
        assert_eq!(euros(12_345_678_901), "123,456,789.01");
        assert_eq!(euros(5), "0.05");
        assert_eq!(euros(-150), "-1.50");
    }
}
