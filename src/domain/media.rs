//! What a file is, judged by its first bytes, never by its name.

/// The media type the content shows, for the kinds of file calls ask for.
pub fn sniff(head: &[u8]) -> &'static str {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"PK\x03\x04", "application/zip"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map_or("application/octet-stream", |(_, media_type)| media_type)
}

/// How many leading bytes [`sniff`] needs.
pub const SNIFF_BYTES: usize = 8;

/// A file name safe to show and to send back in Content-Disposition:
/// no path, no control characters, at most 200 characters.
pub fn clean_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|&c| !super::text::is_forbidden_character(c) && !c.is_control() && c != '"')
        .take(200)
        .collect();
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        "document".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_not_the_name() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), "application/pdf");
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), "image/png");
        assert_eq!(sniff(b"<html>not a pdf</html>"), "application/octet-stream");
        assert_eq!(sniff(b""), "application/octet-stream");
        assert_eq!(sniff(b"%PD"), "application/octet-stream");
    }

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("C:\\Users\\ada\\plan.pdf"), "plan.pdf");
        assert_eq!(clean_filename("a\u{0}b\"c.pdf"), "abc.pdf");
        assert_eq!(clean_filename("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        assert_eq!(clean_filename(".."), "document");
        assert_eq!(clean_filename(""), "document");
    }
}
