//! Command-line spellings of the library's plain enums: clap's derives live
//! here, in the front end, and nowhere below it.

use crate::record::EventKind;
use crate::report::ReportFormat;
use crate::share::ExportFormat;
use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Lossless JSON with every version (what `followup review` reads)
    Native,
    /// FHIR R4 Bundle (collection)
    Fhir,
    /// CSV, one row per current entry
    Csv,
}

impl From<FormatArg> for ExportFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Native => ExportFormat::Native,
            FormatArg::Fhir => ExportFormat::Fhir,
            FormatArg::Csv => ExportFormat::Csv,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    /// Markdown
    Md,
    /// Self-contained HTML with inline SVG charts, printable
    Html,
    /// Plain text
    Txt,
    /// Machine-readable JSON (`followup-brief`, or `followup-caseload-brief` for several)
    Json,
    /// One row per participant per week, long format (for R or pandas)
    Csv,
}

impl From<ReportFormatArg> for ReportFormat {
    fn from(f: ReportFormatArg) -> Self {
        match f {
            ReportFormatArg::Md => ReportFormat::Md,
            ReportFormatArg::Html => ReportFormat::Html,
            ReportFormatArg::Txt => ReportFormat::Txt,
            ReportFormatArg::Json => ReportFormat::Json,
            ReportFormatArg::Csv => ReportFormat::Csv,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Dosing,
    Integration,
    Medication,
    Other,
}

impl From<KindArg> for EventKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Dosing => EventKind::Dosing,
            KindArg::Integration => EventKind::Integration,
            KindArg::Medication => EventKind::Medication,
            KindArg::Other => EventKind::Other,
        }
    }
}

/// Fields an amendment can clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Clearable {
    Anxiety,
    Energy,
    Sleep,
    Note,
    Tags,
    Difficulty,
}
