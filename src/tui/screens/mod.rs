//! One file per screen: its state, its key table, its update and its
//! drawing. A screen names the message types (`tui::msg`), the drawing
//! context (`tui::context`), the key tables' types (`tui::keys`) and shared
//! formatting (`tui::format`), never the app or another screen.

pub mod baseline;
pub mod caseload;
pub mod checkin;
pub mod course;
pub mod dashboard;
pub mod day;
pub mod event;
pub mod export;
pub mod help;
pub mod history;
pub mod info;
pub mod mood;
pub mod onboarding;
pub mod reason;
pub mod safety;
pub mod trends;
pub mod unlock;
