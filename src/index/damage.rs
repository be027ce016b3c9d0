//! Damage becomes [`Error::Damaged`], never a panic or a bare tantivy
//! error.
//!
//! tantivy trusts the lengths and offsets it reads from a segment's files:
//! one flipped bit in a `.term` or `.fast` file makes it slice out of
//! bounds and panic (`file_slice.rs: assertion failed: end >= start`,
//! `ownedbytes: mid > len`), or return whichever error the bytes happen to
//! make (a schema error, an LZ4 or UTF-8 error, "Unknown column code").
//! Checksums find such damage before it is read
//! ([`verified`](super::verified)); [`guarded`] is the boundary that turns
//! what slips past them into the documented error.

use crate::error::{Error, Result};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use tantivy::TantivyError;

/// Run `read`, a read of the index at `dir`: a panic inside it, or a tantivy
/// error that only damaged files cause, becomes [`Error::Damaged`].
///
/// Unwind safety: what `read` borrows is an opened index, which a panic
/// leaves as it was (tantivy's readers keep no state a panic could tear);
/// the caller's mutexes are poisoned and say so.
pub(crate) fn guarded<T>(dir: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(read)) {
        Ok(Err(Error::Tantivy(e))) if is_damage(&e) => Err(damaged(dir, e)),
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string());
            Err(damaged(dir, format!("reading it failed: {what}")))
        }
    }
}

/// Is `e` what reading damaged files gives (rather than a misuse of
/// tantivy, a bug of ours)? The schema is checked when a generation opens,
/// so a field missing afterwards means a damaged segment; a document id
/// the store does not have comes from damaged postings (tantivy reports it
/// as an invalid argument, which is otherwise a misuse).
fn is_damage(e: &TantivyError) -> bool {
    if let TantivyError::InvalidArgument(message) = e {
        return message.starts_with("Failed to lookup Doc");
    }
    matches!(
        e,
        TantivyError::DataCorruption(_)
            | TantivyError::IoError(_)
            | TantivyError::OpenReadError(_)
            | TantivyError::OpenDirectoryError(_)
            | TantivyError::DeserializeError(_)
            | TantivyError::SchemaError(_)
            | TantivyError::FieldNotFound(_)
            | TantivyError::IncompatibleIndex(_)
            | TantivyError::InternalError(_)
    )
}

pub(crate) fn damaged(dir: &Path, message: impl std::fmt::Display) -> Error {
    Error::Damaged { path: dir.to_path_buf(), message: message.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_and_data_errors_are_damage_other_errors_are_not() {
        let dir = Path::new("index");
        let is_damaged = |r: Result<()>| matches!(r, Err(Error::Damaged { .. }));
        assert!(is_damaged(guarded(dir, || -> Result<()> { panic!("mid > len") })));
        let corrupt = || -> Result<()> { Err(TantivyError::SchemaError("Field `kind` is missing".into()).into()) };
        assert!(is_damaged(guarded(dir, corrupt)));
        let misuse = || -> Result<()> { Err(TantivyError::InvalidArgument("a bug of ours".into()).into()) };
        assert!(matches!(guarded(dir, misuse), Err(Error::Tantivy(_))));
        let lost = || -> Result<()> { Err(TantivyError::InvalidArgument("Failed to lookup Doc #105.".into()).into()) };
        assert!(is_damaged(guarded(dir, lost)));
        assert!(matches!(guarded(dir, || -> Result<()> { Err(Error::Query("q".into())) }), Err(Error::Query(_))));
        assert_eq!(guarded(dir, || Ok(7)).unwrap(), 7);
        let message = guarded(dir, || -> Result<()> { panic!("mid > len") }).unwrap_err().to_string();
        assert!(message.contains("mid > len") && message.contains("yuanwen index --full"), "{message}");
    }
}
