//! Opinion groups and consensus from agree / disagree / pass votes (documentation below is
//! completed once the method is measured).

mod analysis;
mod cluster;
mod input;
mod matrix;
mod output;
mod pca;
mod repness;
mod standing;
mod stats;

pub use analysis::analyze;
pub use input::{
    AnalysisConfig, AnalysisInput, ParticipantKey, PreviousGroup, StatementInfo, StatementKey,
    Vote, VoteRecord,
};
pub use output::*;
pub use standing::{Standing, StatementComparison, project_votes, where_you_stand};
pub use stats::{Interval, Tally, proportion_test, two_proportion_test, wilson_interval};

#[cfg(test)]
mod tests;
