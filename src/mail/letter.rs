//! The decision letter: one text per released result, sent by mail to every
//! contact of the consortium and downloadable as a PDF. Every sentence comes
//! from a `Texts` table per language, so French and German are a table each.

use chrono::Datelike;

use crate::db::outbox::NewMail;
use crate::domain::deadline;
use crate::domain::grant::group_thousands;
use crate::domain::language::Language;
use crate::domain::result::{ProposalResult, ReleasedOutcome};
use crate::pdf::{self, Line};

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
    /// `{day}`, `{month}` (a name from `months`) and `{year}`.
    date: &'static str,
    months: [&'static str; 12],
    thousands_separator: char,
    decimal_separator: char,
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
    date: "{day} {month} {year}",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    thousands_separator: ',',
    decimal_separator: '.',
};

const FRENCH: Texts = Texts {
    subject: "D\u{e9}cision concernant votre proposition {acronym}",
    greeting: "Madame, Monsieur,",
    intro: "les financeurs de l'appel \u{ab}\u{a0}{call}\u{a0}\u{bb} ont statu\u{e9} sur la proposition {acronym} \u{2013} {title}.",
    funded: "Votre proposition est retenue pour un financement.",
    rejected: "Nous avons le regret de vous informer que votre proposition n'est pas retenue pour un financement.",
    reserve: "Votre proposition a r\u{e9}ussi l'\u{e9}valuation et figure sur la liste de r\u{e9}serve\u{a0}; vous serez inform\u{e9}s si des fonds se lib\u{e8}rent.",
    below_threshold: "Nous avons le regret de vous informer que votre proposition n'a pas atteint les seuils de l'\u{e9}valuation et n'est pas financ\u{e9}e.",
    evaluation: "L'\u{e9}valuation consensuelle des experts",
    criterion_line: "{label}\u{a0}: {score} sur 5 (seuil {threshold})",
    total_line: "Total\u{a0}: {total} (seuil {threshold})",
    overall: "Appr\u{e9}ciation g\u{e9}n\u{e9}rale",
    grants: "Montants accord\u{e9}s",
    grant_line: "{organisation} ({agency})\u{a0}: {granted} EUR sur {requested} EUR demand\u{e9}s",
    self_funded: "{organisation}\u{a0}: finance sa propre participation",
    redress: "Jusqu'au {until}, vous pouvez demander dans le portail un r\u{e9}examen de la proc\u{e9}dure (non de l'appr\u{e9}ciation des experts).",
    closing: "Veuillez agr\u{e9}er nos salutations distingu\u{e9}es, l'op\u{e9}rateur de l'appel au nom des financeurs",
    date: "{day} {month} {year}",
    months: [
        "janvier",
        "f\u{e9}vrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "ao\u{fb}t",
        "septembre",
        "octobre",
        "novembre",
        "d\u{e9}cembre",
    ],
    thousands_separator: '\u{a0}',
    decimal_separator: ',',
};

const GERMAN: Texts = Texts {
    subject: "Entscheidung \u{fc}ber Ihren Antrag {acronym}",
    greeting: "Sehr geehrte Damen und Herren,",
    intro: "die F\u{f6}rderer der Ausschreibung \u{201e}{call}\u{201c} haben \u{fc}ber den Antrag {acronym} \u{2013} {title} entschieden.",
    funded: "Ihr Antrag wird zur F\u{f6}rderung ausgew\u{e4}hlt.",
    rejected: "Leider wird Ihr Antrag nicht zur F\u{f6}rderung ausgew\u{e4}hlt.",
    reserve: "Ihr Antrag hat die Begutachtung bestanden und steht auf der Reserveliste; Sie werden benachrichtigt, falls Mittel frei werden.",
    below_threshold: "Leider hat Ihr Antrag die Schwellenwerte der Begutachtung nicht erreicht und wird nicht gef\u{f6}rdert.",
    evaluation: "Die Konsensbewertung der Gutachter",
    criterion_line: "{label}: {score} von 5 (Schwelle {threshold})",
    total_line: "Gesamt: {total} (Schwelle {threshold})",
    overall: "Gesamteindruck",
    grants: "Bewilligte Betr\u{e4}ge",
    grant_line: "{organisation} ({agency}): {granted} EUR von {requested} EUR beantragt",
    self_funded: "{organisation}: tr\u{e4}gt die eigene Beteiligung selbst",
    redress: "Bis zum {until} k\u{f6}nnen Sie im Portal eine \u{dc}berpr\u{fc}fung des Verfahrens (nicht der Bewertung der Gutachter) beantragen.",
    closing: "Mit freundlichen Gr\u{fc}\u{df}en, der Betreiber der Ausschreibung im Namen der F\u{f6}rderer",
    date: "{day}. {month} {year}",
    months: [
        "Januar",
        "Februar",
        "M\u{e4}rz",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    thousands_separator: '.',
    decimal_separator: ',',
};

fn texts(language: Language) -> &'static Texts {
    match language {
        Language::En => &ENGLISH,
        Language::Fr => &FRENCH,
        Language::De => &GERMAN,
    }
}

impl Texts {
    /// Cents as euros with the language's separators: 8000000 -> "80,000.00" in English.
    fn euros(&self, cents: i64) -> String {
        let sign = if cents < 0 { "-" } else { "" };
        let cents = cents.unsigned_abs();
        format!(
            "{sign}{}{}{:02}",
            group_thousands(cents / 100, self.thousands_separator),
            self.decimal_separator,
            cents % 100
        )
    }

    /// A score such as 3.5 with the language's decimal separator.
    fn score(&self, value: f64) -> String {
        value
            .to_string()
            .replace('.', &self.decimal_separator.to_string())
    }

    /// An instant in the call's zone: `2 January 2027, 23:59 (Europe/Luxembourg)`,
    /// the date in the language's words.
    fn instant(&self, at: chrono::DateTime<chrono::Utc>, time_zone: &str) -> String {
        match deadline::in_zone(at, time_zone) {
            Ok(local) => format!(
                "{}, {} ({time_zone})",
                self.date(local.date_naive()),
                local.format("%H:%M")
            ),
            Err(_) => format!(
                "{}, {} (UTC)",
                self.date(at.date_naive()),
                at.format("%H:%M")
            ),
        }
    }

    fn date(&self, day: chrono::NaiveDate) -> String {
        let month = self.months[day.month0() as usize];
        fill(
            self.date,
            &[
                ("day", day.day().to_string()),
                ("month", month.to_owned()),
                ("year", day.year().to_string()),
            ],
        )
    }
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
                ("score", t.score(c.score)),
                ("threshold", t.score(c.threshold)),
            ],
        )));
        out.push(Line::Text(c.comment.clone()));
        out.push(Line::Blank);
    }
    out.push(Line::Text(fill(
        t.total_line,
        &[
            ("total", t.score(result.summary.total)),
            ("threshold", t.score(result.summary.overall_threshold)),
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
                    ("granted", t.euros(p.granted_cents)),
                    ("requested", t.euros(p.requested_cents)),
                ],
            ),
            None => fill(t.self_funded, &[("organisation", p.organisation.clone())]),
        }));
    }
    out.push(Line::Blank);
    out.push(Line::Text(fill(
        t.redress,
        &[("until", t.instant(result.redress_until, &result.time_zone))],
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
    use crate::domain::result::{CriterionResult, EvaluationSummary, GrantResult};
    use crate::domain::role::Agency;
    use chrono::{TimeZone, Utc};

    fn funded_result() -> ProposalResult {
        ProposalResult {
            proposal_id: "p".into(),
            call_id: "c".into(),
            call_title: "HealthTech 2026".into(),
            acronym: "CARDIO".into(),
            title: "Wearable detection".into(),
            outcome: ReleasedOutcome::Funded,
            summary: EvaluationSummary {
                criteria: vec![CriterionResult {
                    key: "excellence".into(),
                    label: "Excellence".into(),
                    score: 4.5,
                    threshold: 3.0,
                    comment: "Convincing.".into(),
                }],
                overall_comment: "Strong.".into(),
                total: 11.5,
                overall_threshold: 10.0,
                passed: true,
            },
            partners: vec![GrantResult {
                partner_id: "a".into(),
                organisation: "MedSoft".into(),
                agency: Some(Agency::Meco),
                requested_cents: 123_456_789,
                granted_cents: 100_000_000,
            }],
            released_at: Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
            // 23:59:59 in Luxembourg on 2 December (CET, UTC+1).
            redress_until: Utc.with_ymd_and_hms(2026, 12, 2, 22, 59, 59).unwrap(),
            time_zone: "Europe/Luxembourg".into(),
        }
    }

    fn text_of(language: Language) -> String {
        lines(language, &funded_result())
            .into_iter()
            .filter_map(|line| match line {
                Line::Heading(t) | Line::Text(t) => Some(t),
                Line::Blank => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn euros_are_grouped_by_each_languages_rules() {
        assert_eq!(ENGLISH.euros(12_345_678_901), "123,456,789.01");
        assert_eq!(ENGLISH.euros(5), "0.05");
        assert_eq!(ENGLISH.euros(-150), "-1.50");
        assert_eq!(FRENCH.euros(8_000_000), "80\u{a0}000,00");
        assert_eq!(GERMAN.euros(123_456_789), "1.234.567,89");
    }

    #[test]
    fn each_language_writes_the_whole_letter_in_its_words() {
        let english = text_of(Language::En);
        assert!(english.contains("Your proposal is selected for funding."));
        assert!(english.contains("Excellence: 4.5 out of 5 (threshold 3)"));
        assert!(english.contains("MedSoft (MECO): EUR 1,000,000.00 of EUR 1,234,567.89 requested"));
        assert!(english.contains("Until 2 December 2026, 23:59 (Europe/Luxembourg) you may"));

        let french = text_of(Language::Fr);
        assert!(french.starts_with("D\u{e9}cision concernant votre proposition CARDIO"));
        assert!(french.contains("Votre proposition est retenue pour un financement."));
        assert!(french.contains("Excellence\u{a0}: 4,5 sur 5 (seuil 3)"));
        assert!(french.contains("Total\u{a0}: 11,5 (seuil 10)"));
        assert!(french.contains("Jusqu'au 2 d\u{e9}cembre 2026, 23:59 (Europe/Luxembourg), vous"));

        let german = text_of(Language::De);
        assert!(german.contains("Ihr Antrag wird zur F\u{f6}rderung ausgew\u{e4}hlt."));
        assert!(german.contains("1.000.000,00 EUR von 1.234.567,89 EUR beantragt"));
        assert!(german.contains("Bis zum 2. Dezember 2026, 23:59 (Europe/Luxembourg) k\u{f6}nnen"));
    }

    #[test]
    fn every_language_fills_every_placeholder() {
        for &language in Language::ALL {
            let text = text_of(language);
            assert!(!text.contains('{'), "{language:?}: {text}");
            let mail = mail(language, "a@b.lu", &funded_result(), "https://x/r");
            assert!(!mail.subject.contains('{'));
        }
    }
}
