//! `followup`: an encrypted terminal tracker of patient-reported outcomes
//! (a daily mood entry and the PHQ-9) for the six months after a
//! psychedelic-assisted therapy session.
//!
//! The layers, with every dependency pointing down (a test in
//! `tests/architecture.rs` keeps it so):
//!
//! - front ends: [`tui`] (screens, key tables) and [`cli`] (clap, where a
//!   passphrase comes from, exit codes);
//! - [`store`] (SQLCipher), [`share`] (age, export formats) with [`review`]
//!   (many exports), and [`report`] (the brief);
//! - the domain, plain values only, each module naming only the ones before
//!   it: [`window`], [`instrument`], [`record`], [`journal`], [`outcome`],
//!   [`course`], [`overview`], [`series`], [`cohort`], [`demo`];
//! - helpers below everything, naming none of the above: [`text`] (outside
//!   text made safe), [`parse`] (dates and ids people type), [`passphrase`]
//!   (its rules), [`files`] (reading and writing people's files), [`clock`],
//!   [`paths`], [`parallel`].

#![forbid(unsafe_code)]

pub mod cli;
pub mod clock;
pub mod cohort;
pub mod course;
pub mod demo;
pub mod files;
pub mod instrument;
pub mod journal;
pub mod outcome;
pub mod overview;
pub mod parallel;
pub mod parse;
pub mod passphrase;
pub mod paths;
pub mod record;
pub mod report;
pub mod review;
pub mod series;
pub mod share;
pub mod store;
pub mod text;
pub mod tui;
pub mod window;
