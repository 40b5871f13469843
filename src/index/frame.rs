//! The frame every file of the cache is written in, so that one that is
//! cut short, damaged, of another format or of another archive is known
//! and never read as truth:
//!
//! ```text
//! magic: 8 bytes   format: u32   key: u64   root length: u32   root
//! payload length: u64   CRC-32 of the payload: u32   payload
//! ```
//!
//! all little-endian. `key` names what the payload is of: the parser's
//! version for the parses, the archive's state for the skeleton.

/// The frame's header for `payload`.
pub(super) fn header(
    magic: &[u8; 8],
    format: u32,
    key: u64,
    root: &str,
    payload: &[u8],
) -> Vec<u8> {
    header_of(
        magic,
        format,
        key,
        root,
        payload.len() as u64,
        crc32fast::hash(payload),
    )
}

/// The frame's header for a payload of `len` bytes whose checksum is `crc`
/// (a writer of a payload in pieces).
pub(super) fn header_of(
    magic: &[u8; 8],
    format: u32,
    key: u64,
    root: &str,
    len: u64,
    crc: u32,
) -> Vec<u8> {
    let mut h = Vec::with_capacity(36 + root.len());
    h.extend_from_slice(magic);
    h.extend_from_slice(&format.to_le_bytes());
    h.extend_from_slice(&key.to_le_bytes());
    h.extend_from_slice(&(root.len() as u32).to_le_bytes());
    h.extend_from_slice(root.as_bytes());
    h.extend_from_slice(&len.to_le_bytes());
    h.extend_from_slice(&crc.to_le_bytes());
    h
}

/// Where the payload begins in `bytes`, when the header is this one and
/// the payload whole (its length and checksum right).
pub(super) fn payload_start(
    bytes: &[u8],
    magic: &[u8; 8],
    format: u32,
    key: u64,
    root: &str,
) -> Option<usize> {
    let start = header_end(bytes, magic, format, key, root)?;
    let (len, crc) = payload_len_crc(bytes, root)?;
    let payload = &bytes[start..];
    (len == payload.len() as u64 && crc32fast::hash(payload) == crc).then_some(start)
}

/// Where the payload begins in a file of `root` (what a payload laid out
/// for the file's pages needs to know).
pub(super) fn payload_offset(root: &str) -> usize {
    24 + root.len() + 12
}

/// Where the payload begins after a header of this magic, format, key and
/// root, its length and checksum unchecked (a reader of part of the file).
pub(super) fn header_end(
    bytes: &[u8],
    magic: &[u8; 8],
    format: u32,
    key: u64,
    root: &str,
) -> Option<usize> {
    let fixed = bytes.get(..8 + 4 + 8 + 4)?;
    let ok = &fixed[..8] == magic
        && fixed[8..12] == format.to_le_bytes()
        && fixed[12..20] == key.to_le_bytes()
        && fixed[20..24] == (root.len() as u32).to_le_bytes()
        && bytes.get(24..24 + root.len())? == root.as_bytes();
    let start = payload_offset(root);
    (ok && bytes.len() >= start).then_some(start)
}

/// The payload's length and checksum, as the header of a file of `root`
/// says them.
pub(super) fn payload_len_crc(bytes: &[u8], root: &str) -> Option<(u64, u32)> {
    let at = 24 + root.len();
    let len = u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?);
    let crc = u32::from_le_bytes(bytes.get(at + 8..at + 12)?.try_into().ok()?);
    Some((len, crc))
}

/// The key in the header of a file of this magic and format, whatever it
/// is (a reader that compares what the file holds with what is now).
pub(super) fn key_of(bytes: &[u8], magic: &[u8; 8], format: u32) -> Option<u64> {
    let fixed = bytes.get(..8 + 4 + 8)?;
    let ok = &fixed[..8] == magic && fixed[8..12] == format.to_le_bytes();
    ok.then(|| u64::from_le_bytes(fixed[12..20].try_into().expect("8 bytes")))
}
