//! A partner's budget: lines per project year and cost category, in cents.

use super::grant::{BudgetLine, CostCategory};
use crate::error::FieldError;

pub const MAX_LINES: usize = 200;
/// €100 million: far above any line of a project under a €700,000 cap, yet
/// small enough that sums never overflow.
pub const MAX_LINE_CENTS: i64 = 10_000_000_000;

/// Checks every line: the year within the project's years (`max_year`, the
/// last one), a non-negative amount, not too many lines. Reports all problems.
pub fn parse_lines(
    lines: &[(i64, CostCategory, i64)],
    max_year: i64,
) -> Result<Vec<BudgetLine>, Vec<FieldError>> {
    let max_year = max_year.max(1);
    let mut errors = Vec::new();
    if lines.len() > MAX_LINES {
        errors.push(FieldError::new(
            "lines",
            "too_many",
            format!("A budget has at most {MAX_LINES} lines."),
        ));
    }
    let mut parsed = Vec::with_capacity(lines.len());
    for (i, &(year, category, amount_cents)) in lines.iter().enumerate() {
        let mut ok = true;
        if !(1..=max_year).contains(&year) {
            errors.push(FieldError::new(
                format!("lines[{i}].year"),
                "out_of_range",
                format!("The project year is between 1 and {max_year}."),
            ));
            ok = false;
        }
        if !(0..=MAX_LINE_CENTS).contains(&amount_cents) {
            errors.push(FieldError::new(
                format!("lines[{i}].amount_cents"),
                "out_of_range",
                "An amount is between 0 and €100,000,000, in cents.",
            ));
            ok = false;
        }
        if ok {
            parsed.push(BudgetLine {
                year: u16::try_from(year).unwrap_or(u16::MAX),
                category,
                amount_cents,
            });
        }
    }
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(errors)
    }
}

/// Type errors and rule errors together, in line order; a line with a type
/// error is judged by that alone.
pub fn merge_line_errors(typed: Vec<FieldError>, rules: Vec<FieldError>) -> Vec<FieldError> {
    let line_of = |field: &str| -> Option<usize> {
        field
            .strip_prefix("lines[")?
            .split(']')
            .next()?
            .parse()
            .ok()
    };
    let broken: Vec<usize> = typed.iter().filter_map(|e| line_of(&e.field)).collect();
    let mut all: Vec<FieldError> = rules
        .into_iter()
        .filter(|e| line_of(&e.field).is_none_or(|i| !broken.contains(&i)))
        .chain(typed)
        .collect();
    all.sort_by_key(|e| line_of(&e.field).map_or(0, |i| i + 1));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use CostCategory::*;

    #[test]
    fn valid_lines_pass() {
        let lines = parse_lines(&[(1, Personnel, 100_000), (3, Travel, 0)], 3).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].year, 3);
    }

    #[test]
    fn every_bad_line_is_named() {
        let errors = parse_lines(
            &[
                (0, Personnel, 5),
                (4, Equipment, -1),
                (2, Other, MAX_LINE_CENTS + 1),
            ],
            3,
        )
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "lines[0].year",
                "lines[1].year",
                "lines[1].amount_cents",
                "lines[2].amount_cents"
            ]
        );
    }

    #[test]
    fn the_last_year_bounds_every_line() {
        assert!(parse_lines(&[(2, Personnel, 1)], 2).is_ok());
        assert!(parse_lines(&[(3, Personnel, 1)], 2).is_err());
        let too_many = vec![(1, Personnel, 1); MAX_LINES + 1];
        assert_eq!(parse_lines(&too_many, 3).unwrap_err()[0].field, "lines");
    }
}
