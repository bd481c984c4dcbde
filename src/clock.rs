//! Where "now" comes from. Every timestamp the program writes is taken from
//! a [`Clock`] the front end passes in (the system clock, or a fixed one in
//! tests); nothing below the front ends reads the wall clock itself.

use chrono::{DateTime, FixedOffset};

/// A source of the current moment, with the local offset.
pub type Clock = fn() -> DateTime<FixedOffset>;

/// The system clock in the local time zone.
pub fn system() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}
