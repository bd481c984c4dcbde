//! `followup`: an encrypted terminal tracker of patient-reported outcomes
//! (a daily mood entry and the PHQ-9) for the six months after a
//! psychedelic-assisted therapy session.
//!
//! The library holds everything but the terminal front end's `main`:
//! the domain ([`instrument`], [`window`], [`outcome`], [`record`],
//! [`journal`], [`overview`]), the encrypted [`store`], and the [`cli`].

#![forbid(unsafe_code)]

pub mod cli;
pub mod demo;
pub mod instrument;
pub mod journal;
pub mod outcome;
pub mod overview;
pub mod paths;
pub mod record;
pub mod report;
pub mod review;
pub mod series;
pub mod share;
pub mod store;
pub mod tui;
pub mod window;
