//! Sealing exports with age (age-encryption.org/v1) and opening them: to
//! X25519 recipients or a passphrase, binary or ASCII-armored. The Go `age`
//! CLI and `rage` read what this writes, and this reads what they write.

use age::armor::{ArmoredReader, ArmoredWriter, Format};
use age::secrecy::SecretString;
use age::{DecryptError, Identity};
use std::io::{Read, Write};
use std::str::FromStr;
use zeroize::Zeroizing;

/// Who can open a sealed export.
pub enum Seal {
    Recipients(Vec<age::x25519::Recipient>),
    Passphrase(SecretString),
}

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error(
        "{0:?} is not an age public key: {1}; a key is one word of 62 letters and digits like age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p (`followup keygen` or `age-keygen` prints one)"
    )]
    BadRecipient(String, &'static str),
    #[error(
        "that is a secret key (an identity), not a public key: give the age1… public key and keep the secret one to yourself"
    )]
    SecretKey,
    #[error("no recipient: give --recipient age1…, --recipients-file PATH or --passphrase")]
    NoRecipient,
    #[error("sealing failed: {0}")]
    Age(String),
}

/// The length of an `age1…` X25519 public key.
const RECIPIENT_CHARS: usize = 62;

/// Parse one `age1…` recipient.
pub fn recipient(s: &str) -> Result<age::x25519::Recipient, SealError> {
    let s = s.trim();
    if s.to_ascii_uppercase().starts_with("AGE-SECRET-KEY-") {
        return Err(SealError::SecretKey);
    }
    age::x25519::Recipient::from_str(s).map_err(|_| {
        let lower = s.to_ascii_lowercase();
        let why = if !lower.starts_with("age1") {
            "it does not start with age1"
        } else if s.chars().count() < RECIPIENT_CHARS {
            "it is too short, part of it is missing"
        } else if s.chars().count() > RECIPIENT_CHARS {
            "it is too long, something was added to it"
        } else if lower[4..].contains(['1', 'b', 'i', 'o']) {
            "it has a letter no key has (1, b, i or o after age1): a typo"
        } else {
            "it has a typo: its checksum does not match"
        };
        SealError::BadRecipient(crate::text::quote(s), why)
    })
}

/// Parse a recipients file: one `age1…` per line, `#` comments and blank lines skipped.
pub fn recipients_file(text: &str) -> Result<Vec<age::x25519::Recipient>, SealError> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(recipient).collect()
}

/// Encrypt `plaintext` into `out`.
pub fn seal<W: Write>(plaintext: &[u8], to: &Seal, armor: bool, out: W) -> Result<W, SealError> {
    let age_err = |e: &dyn std::fmt::Display| SealError::Age(e.to_string());
    let encryptor = match to {
        Seal::Recipients(list) if list.is_empty() => return Err(SealError::NoRecipient),
        Seal::Recipients(list) => {
            age::Encryptor::with_recipients(list.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| age_err(&e))?
        }
        Seal::Passphrase(p) => age::Encryptor::with_user_passphrase(p.clone()),
    };
    let format = if armor { Format::AsciiArmor } else { Format::Binary };
    let armored = ArmoredWriter::wrap_output(out, format).map_err(|e| age_err(&e))?;
    let mut writer = encryptor.wrap_output(armored).map_err(|e| age_err(&e))?;
    writer.write_all(plaintext).map_err(|e| age_err(&e))?;
    let armored = writer.finish().map_err(|e| age_err(&e))?;
    armored.finish().map_err(|e| age_err(&e))
}

/// Why a file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("the file is empty")]
    Empty,
    #[error(
        "not an age-encrypted file (a followup export starts with age-encryption.org/v1 or -----BEGIN AGE ENCRYPTED FILE-----)"
    )]
    NotAge,
    #[error(
        "sealed with a passphrase: set FOLLOWUP_EXPORT_PASSPHRASE (or _FILE, _COMMAND) or run in a terminal to type it"
    )]
    NeedsPassphrase,
    #[error("sealed to someone else: none of your identities can open it")]
    NoMatchingIdentity,
    #[error("wrong passphrase for this export")]
    WrongPassphrase,
    #[error("damaged or truncated: age's authentication failed, so nothing in it can be trusted")]
    Damaged,
    #[error("the file is larger than {0} MiB, too large for an export")]
    TooLarge(u64),
    #[error("this export needs an age feature this build does not have: {0}")]
    Unsupported(String),
    #[error(
        "its age header is too large (more than {MAX_STANZAS} recipients or {} KiB): not a followup export",
        MAX_HEADER_BYTES / 1024
    )]
    HeaderTooLarge,
    #[error(
        "sealed with a passphrase work factor of 2^{0}, above the 2^{MAX_WORK_FACTOR} followup accepts (age uses 2^18)"
    )]
    ExcessiveWork(u8),
}

/// The largest export accepted.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;
/// The most recipient stanzas an export's header may have.
pub const MAX_STANZAS: usize = 64;
/// The largest age header accepted, in bytes.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// The highest scrypt work factor (log2 N) accepted for passphrase-sealed
/// files: age seals at 2^18, tools tuned to a second reach 2^20 at most.
pub const MAX_WORK_FACTOR: u8 = 20;

/// The binary age header of a file, or of an armored file's first part,
/// checked for size before the age crate parses it (a header of thousands
/// of stanzas takes it minutes).
fn check_header(bytes: &[u8]) -> Result<(), OpenError> {
    use base64::Engine;
    const ARMOR: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";
    let decoded;
    let header: &[u8] = match bytes.strip_prefix(ARMOR) {
        Some(rest) => {
            // enough base64 for the largest header, cut to whole quads
            let text: Vec<u8> = rest
                .iter()
                .copied()
                .take_while(|&b| b != b'-')
                .filter(|b| !b.is_ascii_whitespace())
                .take(MAX_HEADER_BYTES / 3 * 4 + 4)
                .collect();
            let whole = text.len() / 4 * 4;
            decoded = base64::engine::general_purpose::STANDARD
                .decode(&text[..whole])
                .map_err(|_| OpenError::Damaged)?;
            &decoded
        }
        None => &bytes[..bytes.len().min(MAX_HEADER_BYTES + 1)],
    };
    let end = header.windows(4).position(|w| w == b"\n---");
    let Some(end) = end else {
        return if header.len() > MAX_HEADER_BYTES { Err(OpenError::HeaderTooLarge) } else { Ok(()) };
    };
    let stanzas = header[..end].windows(4).filter(|w| w == b"\n-> ").count();
    if stanzas > MAX_STANZAS {
        return Err(OpenError::HeaderTooLarge);
    }
    Ok(())
}

/// Whether the bytes are an age file sealed with a passphrase (scrypt).
pub fn is_passphrase_sealed(bytes: &[u8]) -> Result<bool, OpenError> {
    if bytes.is_empty() {
        return Err(OpenError::Empty);
    }
    Ok(header(bytes)?.is_scrypt())
}

/// Decrypt with any of `identities` (X25519 keys, or a passphrase as an
/// `age::scrypt::Identity`).
pub fn unseal(
    bytes: &[u8],
    identities: &[Box<dyn Identity + Send + Sync>],
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    if bytes.is_empty() {
        return Err(OpenError::Empty);
    }
    let decryptor = header(bytes)?;
    let scrypt = decryptor.is_scrypt();
    let mut reader = decryptor
        .decrypt(identities.iter().map(|i| i.as_ref() as &dyn Identity))
        .map_err(|e| classify(&e, scrypt))?;
    let mut plaintext = Zeroizing::new(Vec::new());
    reader.read_to_end(&mut plaintext).map_err(|_| OpenError::Damaged)?;
    Ok(plaintext)
}

/// Whether bytes start like an age file (binary or armored).
pub fn looks_like_age(bytes: &[u8]) -> bool {
    bytes.starts_with(b"age-encryption.org/") || bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
}

/// Read the age header. A file that does not start like an age file is not
/// one; one that does but whose header cannot be read is damaged.
fn header(bytes: &[u8]) -> Result<age::Decryptor<ArmoredReader<std::io::BufReader<&[u8]>>>, OpenError> {
    if looks_like_age(bytes) {
        check_header(bytes)?;
    }
    age::Decryptor::new_buffered(ArmoredReader::new(bytes)).map_err(|e| match e {
        DecryptError::UnknownFormat => OpenError::Unsupported("a newer age format".into()),
        _ if looks_like_age(bytes) => OpenError::Damaged,
        _ => OpenError::NotAge,
    })
}

fn classify(e: &DecryptError, scrypt: bool) -> OpenError {
    match e {
        DecryptError::NoMatchingKeys if scrypt => OpenError::NeedsPassphrase,
        DecryptError::NoMatchingKeys => OpenError::NoMatchingIdentity,
        DecryptError::DecryptionFailed | DecryptError::KeyDecryptionFailed if scrypt => {
            OpenError::WrongPassphrase
        }
        DecryptError::ExcessiveWork { required, .. } => OpenError::ExcessiveWork(*required),
        DecryptError::InvalidMac | DecryptError::DecryptionFailed | DecryptError::KeyDecryptionFailed => {
            OpenError::Damaged
        }
        DecryptError::Io(_) => OpenError::Damaged,
        #[allow(unreachable_patterns)]
        other => OpenError::Unsupported(other.to_string()),
    }
}

/// A new X25519 identity in the format `age-keygen` writes, and its recipient.
pub fn keygen(now: chrono::DateTime<chrono::Utc>) -> (Zeroizing<String>, String) {
    use age::secrecy::ExposeSecret;
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    let file = Zeroizing::new(format!(
        "# created: {}\n# public key: {recipient}\n{}\n",
        now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        identity.to_string().expose_secret()
    ));
    (file, recipient)
}

/// Why an identity file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("it is not an age identity file ({0})")]
    NotIdentity(String),
    #[error("it holds no identity")]
    Empty,
}

/// Read an identity file (`age-keygen` or `followup keygen` output).
pub fn identities_from(text: &str) -> Result<Vec<Box<dyn Identity + Send + Sync>>, IdentityError> {
    let bad = |e: &dyn std::fmt::Display| IdentityError::NotIdentity(crate::text::quote(&e.to_string()));
    let file = age::IdentityFile::from_buffer(text.as_bytes()).map_err(|e| bad(&e))?;
    let ids = file.into_identities().map_err(|e| bad(&e))?;
    if ids.is_empty() { Err(IdentityError::Empty) } else { Ok(ids) }
}

/// The public key of each X25519 identity in an identity file, as
/// `age-keygen -y` prints them.
pub fn public_keys(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("AGE-SECRET-KEY-"))
        .filter_map(|l| age::x25519::Identity::from_str(l).ok())
        .map(|id| id.to_public().to_string())
        .collect()
}

/// A passphrase as an identity, for passphrase-sealed files, with a capped
/// work factor so a crafted file cannot cost minutes and gigabytes.
pub fn passphrase_identity(p: SecretString) -> Box<dyn Identity + Send + Sync> {
    let mut id = age::scrypt::Identity::new(p);
    id.set_max_work_factor(MAX_WORK_FACTOR);
    Box::new(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair() -> (age::x25519::Identity, age::x25519::Recipient) {
        let id = age::x25519::Identity::generate();
        let r = id.to_public();
        (id, r)
    }

    #[test]
    fn round_trip_binary_and_armored() {
        let (id, r) = pair();
        let ids: Vec<Box<dyn Identity + Send + Sync>> = vec![Box::new(id)];
        for armor in [false, true] {
            let sealed = seal(b"hello", &Seal::Recipients(vec![r.clone()]), armor, Vec::new()).unwrap();
            assert_eq!(sealed.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"), armor);
            assert_eq!(&unseal(&sealed, &ids).unwrap()[..], b"hello");
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let (_, r) = pair();
        let (other, _) = pair();
        let ids: Vec<Box<dyn Identity + Send + Sync>> = vec![Box::new(other)];
        let sealed = seal(b"hello world", &Seal::Recipients(vec![r]), false, Vec::new()).unwrap();
        assert_eq!(unseal(&sealed, &ids).unwrap_err(), OpenError::NoMatchingIdentity);
        assert_eq!(unseal(b"", &ids).unwrap_err(), OpenError::Empty);
        assert_eq!(unseal(b"{\"format\":1}", &ids).unwrap_err(), OpenError::NotAge);
        assert_eq!(unseal(b"x", &ids).unwrap_err(), OpenError::NotAge);
        assert_eq!(unseal(&sealed[..20], &ids).unwrap_err(), OpenError::Damaged);
        let mut p = age::scrypt::Recipient::new(SecretString::from("right".to_string()));
        p.set_work_factor(2);
        let enc = age::Encryptor::with_recipients(std::iter::once(&p as &dyn age::Recipient)).unwrap();
        let mut out = Vec::new();
        let mut w = enc.wrap_output(&mut out).unwrap();
        w.write_all(b"x").unwrap();
        w.finish().unwrap();
        assert!(is_passphrase_sealed(&out).unwrap());
        assert_eq!(unseal(&out, &ids).unwrap_err(), OpenError::NeedsPassphrase);
        let wrong = vec![passphrase_identity(SecretString::from("wrong".to_string()))];
        assert_eq!(unseal(&out, &wrong).unwrap_err(), OpenError::WrongPassphrase);
        let right = vec![passphrase_identity(SecretString::from("right".to_string()))];
        assert_eq!(&unseal(&out, &right).unwrap()[..], b"x");
    }

    #[test]
    fn keygen_writes_what_age_reads() {
        let (file, recipient) = keygen(chrono::Utc::now());
        assert!(file.contains(&format!("# public key: {recipient}")));
        let ids = identities_from(&file).unwrap();
        let sealed =
            seal(b"ok", &Seal::Recipients(vec![super::recipient(&recipient).unwrap()]), false, Vec::new())
                .unwrap();
        assert_eq!(&unseal(&sealed, &ids).unwrap()[..], b"ok");
        assert!(super::recipient("age1nope").unwrap_err().to_string().contains("too short"));
        // change the last character to another valid one: the checksum fails
        let last = if recipient.ends_with('x') { 'y' } else { 'x' };
        let typo = format!("{}{last}", &recipient[..61]);
        let e = super::recipient(&typo).unwrap_err().to_string();
        assert!(e.contains("typo") && e.contains("age1ql3z7"), "{e}");
        assert!(super::recipient("bge1xyz").unwrap_err().to_string().contains("does not start with age1"));
        let list = recipients_file(&format!("# therapist\n\n{recipient}\n")).unwrap();
        assert_eq!(list.len(), 1);
    }
}
