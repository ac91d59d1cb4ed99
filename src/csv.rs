//! CSV for spreadsheets (RFC 4180): fields with a comma, a quote or a line
//! break are quoted with inner quotes doubled; lines end in CRLF. Text that
//! a spreadsheet would run as a formula (starting with =, +, -, @, tab or
//! CR) is prefixed with an apostrophe, so an applicant's acronym can never
//! become a formula on a funder's machine.

/// One cell: numbers stay numbers, text is guarded.
pub enum Cell {
    Text(String),
    Number(String),
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Self {
        Self::Text(value.into())
    }

    pub fn int(value: i64) -> Self {
        Self::Number(value.to_string())
    }

    pub fn float(value: f64) -> Self {
        Self::Number(value.to_string())
    }

    pub fn empty() -> Self {
        Self::Text(String::new())
    }
}

fn field(cell: &Cell) -> String {
    let raw = match cell {
        Cell::Number(n) => return n.clone(),
        Cell::Text(t) if t.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{t}"),
        Cell::Text(t) => t.clone(),
    };
    if raw.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", raw.replace('"', "\"\""))
    } else {
        raw
    }
}

/// A whole document: a header row, then the rows.
pub fn document(header: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut out = String::new();
    let header: Vec<Cell> = header.iter().map(|h| Cell::text(*h)).collect();
    for row in std::iter::once(&header).chain(rows) {
        let line: Vec<String> = row.iter().map(field).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_needs_quoting_and_guards_formulas() {
        let text = document(
            &["a", "b"],
            &[
                vec![Cell::text("plain"), Cell::int(-5)],
                vec![Cell::text("with, comma"), Cell::text("say \"hi\"\nthere")],
                vec![Cell::text("=HYPERLINK(\"x\")"), Cell::text("-1+1")],
            ],
        );
        assert_eq!(
            text,
            "a,b\r\nplain,-5\r\n\"with, comma\",\"say \"\"hi\"\"\nthere\"\r\n\"'=HYPERLINK(\"\"x\"\")\",'-1+1\r\n"
        );
    }
}
