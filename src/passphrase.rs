//! The rules every passphrase meets, and how strong a new one is. Where a
//! passphrase comes from (a prompt, a file, a command, a variable) is the
//! front ends' business; the store takes a `SecretString` that passed
//! [`check`].

/// The longest passphrase, in bytes.
pub const MAX_BYTES: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PassphraseError {
    #[error("the passphrase is empty: choose one with at least one character that is not a space")]
    Empty,
    #[error("the passphrase contains a NUL byte, which SQLCipher cannot take")]
    Nul,
    #[error("the passphrase is longer than 4096 bytes")]
    TooLong,
    #[error(
        "the passphrase has a line break in it: followup takes the first line of a passphrase from every source, so choose one on a single line"
    )]
    LineBreak,
    #[error(
        "that passphrase is too easy to guess: use at least 12 characters, not digits alone or a pattern of a few; four words of your own are easy to remember (e.g. amber kettle drifts north)"
    )]
    TooWeak,
}

/// The shortest new passphrase, in characters (four short words such as
/// `a b c d` are guessed at once; four words of your own pass easily).
pub const MIN_CHARS: usize = 12;

fn words(passphrase: &str) -> usize {
    passphrase.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).count()
}

/// Fewer different characters than this is a pattern (`aaaaaaaaaaaa`,
/// `abababababab`), guessed at once whatever its length.
pub const MIN_DIFFERENT: usize = 5;

/// The rules a new passphrase meets, as restic and age's passphrase mode
/// ask: [`check`], at least 12 characters, not digits alone (a date or a
/// phone number) and not a pattern of a few characters. (A database made
/// before these rules keeps opening with its passphrase.)
pub fn check_new(passphrase: &str) -> Result<(), PassphraseError> {
    check(passphrase)?;
    if passphrase.contains(['\n', '\r']) {
        return Err(PassphraseError::LineBreak);
    }
    let different: std::collections::HashSet<char> =
        passphrase.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    let digits_only = passphrase.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || c == '-');
    if passphrase.chars().count() < MIN_CHARS || different.len() < MIN_DIFFERENT || digits_only {
        return Err(PassphraseError::TooWeak);
    }
    Ok(())
}

/// The rules every passphrase meets (SQLCipher's and ours).
pub fn check(passphrase: &str) -> Result<(), PassphraseError> {
    if passphrase.trim().is_empty() {
        Err(PassphraseError::Empty)
    } else if passphrase.contains('\0') {
        Err(PassphraseError::Nul)
    } else if passphrase.len() > MAX_BYTES {
        Err(PassphraseError::TooLong)
    } else {
        Ok(())
    }
}

/// A rough strength hint for a new passphrase, shown while it is typed.
pub fn strength_hint(passphrase: &str) -> &'static str {
    let chars = passphrase.chars().count();
    let words = words(passphrase);
    let classes = [
        passphrase.chars().any(|c| c.is_lowercase()),
        passphrase.chars().any(|c| c.is_uppercase()),
        passphrase.chars().any(|c| c.is_ascii_digit()),
        passphrase.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    if chars >= MIN_CHARS && check_new(passphrase) == Err(PassphraseError::TooWeak) {
        return "too easy: a pattern, or digits only";
    }
    match (chars, words, classes) {
        (0, ..) => "",
        (_, 4.., _) if chars >= 20 => "strong",
        (16.., _, 3..) | (24.., ..) => "strong",
        (12.., ..) => "fair: longer is better",
        _ => "too short: at least 12 characters",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert_eq!(check(""), Err(PassphraseError::Empty));
        assert_eq!(check("   "), Err(PassphraseError::Empty));
        assert_eq!(check("a\0b"), Err(PassphraseError::Nul));
        assert_eq!(check(&"a".repeat(5000)), Err(PassphraseError::TooLong));
        assert_eq!(check("it's \"quoted\""), Ok(()));
    }

    #[test]
    fn new_passphrases_need_twelve_characters() {
        assert_eq!(check_new("sunny"), Err(PassphraseError::TooWeak));
        assert_eq!(check_new("tangerine-l"), Err(PassphraseError::TooWeak));
        assert_eq!(check_new("tangerine-la"), Ok(()));
        // four words are not enough when they are this short
        assert_eq!(check_new("a b c d"), Err(PassphraseError::TooWeak));
        assert_eq!(check_new("ab cd ef gh"), Err(PassphraseError::TooWeak));
        assert_eq!(check_new("ab cd ef ghi"), Ok(()), "twelve characters, whatever the words");
        // length alone is not enough: a pattern, or digits only
        assert_eq!(check_new("aaaaaaaaaaaa"), Err(PassphraseError::TooWeak));
        assert_eq!(check_new("abababababababab"), Err(PassphraseError::TooWeak));
        assert_eq!(check_new("123456789012"), Err(PassphraseError::TooWeak));
        assert_eq!(check_new("2026-11-23 0800"), Err(PassphraseError::TooWeak));
        assert!(strength_hint("aaaaaaaaaaaa").starts_with("too easy"));
        assert!(strength_hint("a b c d").starts_with("too short"));
        assert_eq!(check_new("amber kettle drifts north"), Ok(()));
        assert_eq!(check_new("amber kettle\ndrifts north"), Err(PassphraseError::LineBreak));
        assert_eq!(check_new("amber kettle drifts north\r"), Err(PassphraseError::LineBreak));
        assert!(strength_hint("amber kettle drifts north").starts_with("strong"));
        assert!(strength_hint("sunny").starts_with("too short"));
        // the example given is not a phrase every cracking wordlist holds
        let message = PassphraseError::TooWeak.to_string();
        assert!(!message.contains("correct horse"), "{message}");
        assert!(message.contains("amber kettle drifts north"), "{message}");
    }

    #[test]
    fn hints() {
        assert!(strength_hint("abc").starts_with("too short"));
        assert!(strength_hint("tangerine-lamp").starts_with("fair"));
        assert!(strength_hint("olive tractor morning quietly").starts_with("strong"));
    }
}
