//! Whether a database hangs together: the checks before a write, and
//! SQLite's integrity report in one short line.

use super::{Result, StoreError};
use rusqlite::Connection;

/// `PRAGMA integrity_check`'s rows in one short line: `None` for `ok`, else
/// the first problem and how many more. SQLite gives one row per problem,
/// and may put many in one row, a line each, under a `*** in database
/// main ***` heading; a damaged file can have hundreds, too many for one
/// line on a terminal.
pub fn integrity_problems(rows: &[String]) -> Option<String> {
    if let [only] = rows
        && only.trim() == "ok"
    {
        return None;
    }
    let heading = |l: &str| l.starts_with("*** in database ") && l.ends_with("***");
    let mut problems =
        rows.iter().flat_map(|r| r.lines()).map(str::trim).filter(|l| !l.is_empty() && !heading(l));
    let Some(first) = problems.next() else { return Some("it gave no answer".into()) };
    Some(match problems.count() {
        0 => first.to_string(),
        n => format!("{first} (and {})", crate::text::count(n, "more problem", "more problems")),
    })
}

/// How a file is checked before a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Check {
    /// Every page's authentication code (SQLCipher's
    /// `cipher_integrity_check`): any changed byte on disk shows, at about
    /// half the cost of reading the whole structure.
    Pages,
    /// The pages and the b-trees (`quick_check`), after a read found damage.
    Whole,
}

/// Every page's authentication code checked: SQLCipher names each page that
/// fails, and says nothing when all pass.
pub(super) fn pages_check(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
    let problems: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    match problems.first() {
        None => Ok(()),
        Some(first) => Err(StoreError::Damaged(format!("integrity check: {first}"))),
    }
}

/// SQLite's quick integrity check: the file's pages and b-trees hang
/// together (not the indexes against their tables).
pub(super) fn quick_check(conn: &Connection) -> Result<()> {
    let first: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
    if first == "ok" { Ok(()) } else { Err(StoreError::Damaged(format!("integrity check: {first}"))) }
}

#[cfg(test)]
mod tests {
    use super::integrity_problems;

    fn rows(r: &[&str]) -> Vec<String> {
        r.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn integrity_problems_are_one_short_line() {
        assert_eq!(integrity_problems(&rows(&["ok"])), None);
        assert!(integrity_problems(&rows(&[])).is_some(), "no answer is no proof");
        assert_eq!(
            integrity_problems(&rows(&["row 3 missing from index entries_day"])).as_deref(),
            Some("row 3 missing from index entries_day")
        );
        // SQLite puts the b-tree problems in one row, a line each, and the
        // index problems in rows of their own
        let mut tree = String::from("*** in database main ***\n");
        for page in 0..250 {
            tree.push_str(&format!("Tree 5 page {page} cell 0: invalid page number 4096\n"));
        }
        let said = integrity_problems(&rows(&[&tree, "row 3 missing from index entries_day"])).unwrap();
        assert_eq!(said, "Tree 5 page 0 cell 0: invalid page number 4096 (and 250 more problems)");
        assert!(!said.contains('\n'));
        let said = integrity_problems(&rows(&["Tree 5 page 9: free space corrupted", "wrong # of entries"]));
        assert_eq!(said.as_deref(), Some("Tree 5 page 9: free space corrupted (and 1 more problem)"));
    }
}
