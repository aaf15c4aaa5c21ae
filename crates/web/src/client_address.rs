//! The client's address behind reverse proxies, for per-address rate limits.
//!
//! Each proxy appends the address it received the connection from to `X-Forwarded-For`, after
//! whatever the header already held, and the client can write anything it likes before that. So
//! only the right end of the list can be believed: with `n` trusted proxies in front of Agora (the
//! last of them is the connection's peer), the `n`-th entry from the right was written by the first
//! proxy and is the client's address. Every entry to its left came from the client.

use std::net::{IpAddr, SocketAddr};

/// The address to count a request against.
///
/// `forwarded_for` holds the `X-Forwarded-For` header values in the order received (several headers
/// are one list). With `trusted_proxies` = 0, or no header at all, the peer's address is used. A list
/// shorter than the proxy chain was written by trusted proxies only, so its left-most entry is taken.
/// An entry that is not an address (`unknown`, garbage from a misconfigured proxy) counts as the peer:
/// such requests share the proxy's limit rather than escaping it.
pub fn client_address(
    peer: Option<IpAddr>,
    forwarded_for: &[&str],
    trusted_proxies: usize,
) -> Option<IpAddr> {
    if trusted_proxies == 0 {
        return peer;
    }
    let entries: Vec<&str> = forwarded_for
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    if entries.iter().all(|e| e.is_empty()) {
        return peer;
    }
    let index = entries.len().saturating_sub(trusted_proxies);
    entries.get(index).and_then(|e| parse_entry(e)).or(peer)
}

/// `203.0.113.7`, `2001:db8::1`, and the forms with a port some proxies write (`203.0.113.7:4711`,
/// `[2001:db8::1]:4711`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            entry
                .strip_prefix('[')
                .and_then(|e| e.strip_suffix(']'))
                .and_then(|e| e.parse().ok())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("address")
    }

    #[test]
    fn one_proxy_believes_only_the_entry_it_appended() {
        let peer = Some(ip("10.0.0.2"));
        assert_eq!(
            client_address(peer, &["203.0.113.7"], 1),
            Some(ip("203.0.113.7"))
        );
        // The client wrote "198.51.100.1" itself; the proxy appended the real address.
        assert_eq!(
            client_address(peer, &["198.51.100.1, 203.0.113.7"], 1),
            Some(ip("203.0.113.7"))
        );
        assert_eq!(
            client_address(peer, &["198.51.100.1", "203.0.113.7"], 1),
            Some(ip("203.0.113.7"))
        );
    }

    #[test]
    fn two_proxies_skip_the_entry_the_second_one_added() {
        let peer = Some(ip("10.0.0.3"));
        assert_eq!(
            client_address(peer, &["198.51.100.1, 203.0.113.7, 10.0.0.2"], 2),
            Some(ip("203.0.113.7"))
        );
        // Fewer entries than proxies: all were written by proxies; take the furthest.
        assert_eq!(
            client_address(peer, &["203.0.113.7"], 2),
            Some(ip("203.0.113.7"))
        );
    }

    #[test]
    fn without_a_usable_entry_the_peer_counts() {
        let peer = Some(ip("10.0.0.2"));
        assert_eq!(client_address(peer, &[], 1), peer);
        assert_eq!(client_address(peer, &["  "], 1), peer);
        assert_eq!(client_address(peer, &["1.2.3.4, unknown"], 1), peer);
        assert_eq!(client_address(peer, &["203.0.113.7"], 0), peer);
    }

    #[test]
    fn ports_and_brackets_are_understood() {
        assert_eq!(
            client_address(None, &["203.0.113.7:4711"], 1),
            Some(ip("203.0.113.7"))
        );
        assert_eq!(
            client_address(None, &["[2001:db8::1]:4711"], 1),
            Some(ip("2001:db8::1"))
        );
        assert_eq!(
            client_address(None, &["[2001:db8::1]"], 1),
            Some(ip("2001:db8::1"))
        );
        assert_eq!(
            client_address(None, &["2001:db8::1"], 1),
            Some(ip("2001:db8::1"))
        );
    }

    fn address() -> impl Strategy<Value = IpAddr> {
        prop_oneof![
            any::<[u8; 4]>().prop_map(IpAddr::from),
            any::<[u16; 8]>().prop_map(IpAddr::from),
        ]
    }

    proptest! {
        /// Whatever the client writes, the address the first trusted proxy saw is the one counted.
        #[test]
        fn nothing_the_client_writes_changes_the_address(
            spoofed in proptest::collection::vec("[0-9a-f.:, \\[\\]unknow]{0,20}", 0..4),
            client in address(),
            proxies in proptest::collection::vec(address(), 1..4),
        ) {
            // Proxy 1 appends the client, proxy k appends proxy k-1; the last proxy is the peer.
            let mut header: Vec<String> = spoofed;
            header.push(client.to_string());
            header.extend(proxies[..proxies.len() - 1].iter().map(IpAddr::to_string));
            let values: Vec<&str> = header.iter().map(String::as_str).collect();
            let peer = proxies.last().copied();
            prop_assert_eq!(client_address(peer, &values, proxies.len()), Some(client));
            let joined = header.join(", ");
            prop_assert_eq!(client_address(peer, &[joined.as_str()], proxies.len()), Some(client));
        }

        #[test]
        fn never_panics(values in proptest::collection::vec(".{0,30}", 0..4), n in 0usize..5) {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            let _ = client_address(None, &values, n);
        }
    }
}
