//! Widgets shared by the participant's screens and the therapist's review.

pub mod spark;
pub mod trend_chart;
