//! A minimal PDF writer for letters: A4 pages of plain text in Helvetica,
//! wrapped and paginated. Enough for a decision letter, with no dependency.
//! Text is encoded as WinAnsi (Latin-1 for the characters letters use);
//! characters outside it are replaced by `?`.

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const FONT_SIZE: f32 = 10.5;
const LEADING: f32 = 14.0;
/// Helvetica's average glyph width is about half its size; wrap a little early.
const CHARS_PER_LINE: usize = 92;

/// A line of the letter: a heading is set larger and bold.
pub enum Line {
    Heading(String),
    Text(String),
    Blank,
}

fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let code = match c {
            '(' | ')' | '\\' => {
                out.push(b'\\');
                c as u32
            }
            '\u{201E}' => 0x84,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201C}' => 0x93,
            '\u{201D}' => 0x94,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{20AC}' => 0x80,
            c if (c as u32) < 0x20 => 0x20,
            c if (c as u32) < 0x100 => c as u32,
            _ => u32::from(b'?'),
        };
        out.push(u8::try_from(code).unwrap_or(b'?'));
    }
    out
}

/// Splits a paragraph into lines of at most `width` characters at spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let len = current.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// Lays the lines out on pages and returns the content stream of each page.
fn pages(lines: &[Line]) -> Vec<Vec<u8>> {
    let mut pages = Vec::new();
    let mut stream = Vec::new();
    let mut y = PAGE_HEIGHT - MARGIN;
    let mut put = |stream: &mut Vec<u8>, y: &mut f32, font: &str, size: f32, text: &str| {
        if *y < MARGIN {
            pages.push(std::mem::take(stream));
            *y = PAGE_HEIGHT - MARGIN;
        }
        stream.extend_from_slice(format!("BT /{font} {size} Tf {MARGIN} {y:.1} Td (").as_bytes());
        stream.extend_from_slice(&encode(text));
        stream.extend_from_slice(b") Tj ET\n");
        *y -= LEADING;
    };
    for line in lines {
        match line {
            Line::Heading(text) => {
                for part in wrap(text, CHARS_PER_LINE * 3 / 4) {
                    put(&mut stream, &mut y, "F2", FONT_SIZE * 1.3, &part);
                }
                y -= LEADING / 2.0;
            }
            Line::Text(text) => {
                for part in wrap(text, CHARS_PER_LINE) {
                    put(&mut stream, &mut y, "F1", FONT_SIZE, &part);
                }
            }
            Line::Blank => y -= LEADING,
        }
    }
    pages.push(stream);
    pages
}

/// The bytes of a PDF document with the given lines.
pub fn document(title: &str, lines: &[Line]) -> Vec<u8> {
    let contents = pages(lines);
    // Objects: 1 catalog, 2 pages, 3 and 4 fonts, 5 info, then a page and its contents per page.
    let first_page = 6;
    let kids: Vec<String> = (0..contents.len())
        .map(|i| format!("{} 0 R", first_page + 2 * i))
        .collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            contents.len()
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .to_vec(),
        [
            b"<< /Title (".as_slice(),
            &encode(title),
            b") /Producer (jointcall) >>",
        ]
        .concat(),
    ];
    for (i, stream) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                first_page + 2 * i + 1
            )
            .into_bytes(),
        );
        objects.push(
            [
                format!("<< /Length {} >>\nstream\n", stream.len()).as_bytes(),
                stream,
                b"endstream",
            ]
            .concat(),
        );
    }
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_within_the_width() {
        assert_eq!(wrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
    }

    #[test]
    fn text_is_escaped_and_latin_1() {
        assert_eq!(encode("a(b)\\"), b"a\\(b\\)\\\\");
        assert_eq!(encode("é€"), [0xE9, 0x80]);
        assert_eq!(encode("漢"), b"?");
    }

    #[test]
    fn a_document_has_a_valid_cross_reference_table() {
        let lines: Vec<Line> = (0..120).map(|i| Line::Text(format!("Line {i}"))).collect();
        let pdf = document("Letter", &lines);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.ends_with("%%EOF\n"));
        assert!(text.contains("/Count 3"), "52 lines a page: 120 take three");
        // Every xref offset points at the start of its object.
        let find = |needle: &[u8]| {
            pdf.windows(needle.len())
                .rposition(|w| w == needle)
                .unwrap()
        };
        let after = find(b"startxref\n") + b"startxref\n".len();
        let start: usize = String::from_utf8_lossy(&pdf[after..])
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let table = String::from_utf8_lossy(&pdf[start..]).into_owned();
        assert!(table.starts_with("xref"));
        for (i, entry) in table
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .enumerate()
        {
            let offset: usize = entry[..10].parse().unwrap();
            assert!(
                pdf[offset..].starts_with(format!("{} 0 obj", i + 1).as_bytes()),
                "object {}",
                i + 1
            );
        }
    }
}
