//! Who is asking, for rate limits: the peer, or behind a trusted reverse
//! proxy the address that proxy saw (the right-most `X-Forwarded-For` entry
//! no trusted proxy wrote). Entries further left are the client's own claims
//! and are never believed, so a client cannot dodge a limit by sending the
//! header itself.

use std::net::IpAddr;

pub fn client_ip(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops = forwarded_for.unwrap_or_default().split(',').rev();
    for hop in hops {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => continue,
            Ok(ip) => return ip,
            // Garbage in the chain: stop believing it.
            Err(_) => break,
        }
    }
    peer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_a_trusted_proxy_the_header_is_ignored() {
        assert_eq!(
            client_ip(ip("198.51.100.7"), Some("203.0.113.5"), &[]),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_address_it_saw_counts() {
        let proxy = [ip("127.0.0.1")];
        assert_eq!(
            client_ip(ip("127.0.0.1"), Some("203.0.113.5"), &proxy),
            ip("203.0.113.5")
        );
        // What the client wrote itself, left of what the proxy appended, is not believed.
        assert_eq!(
            client_ip(ip("127.0.0.1"), Some("10.9.9.9, 203.0.113.5"), &proxy),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn chained_trusted_proxies_are_skipped_from_the_right() {
        let proxies = [ip("127.0.0.1"), ip("10.0.0.2")];
        assert_eq!(
            client_ip(ip("127.0.0.1"), Some("203.0.113.5, 10.0.0.2"), &proxies),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn a_missing_or_garbled_header_falls_back_to_the_peer() {
        let proxy = [ip("127.0.0.1")];
        assert_eq!(client_ip(ip("127.0.0.1"), None, &proxy), ip("127.0.0.1"));
        assert_eq!(
            client_ip(ip("127.0.0.1"), Some("nonsense"), &proxy),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_ip(ip("127.0.0.1"), Some("::1, nonsense"), &proxy),
            ip("127.0.0.1")
        );
    }
}
