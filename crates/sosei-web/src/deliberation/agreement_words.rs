//! How widely each statement is agreed, in the reader's words: 「総意（賛成）」 only for the
//! top level of `sosei_opinion::agreement`, 「幅広い賛同」 and 「多数の賛成」 below it. The
//! results page, the report (every format) and anything else that names a level ask here.

use std::collections::BTreeMap;

use sosei_core::Locale;
use sosei_opinion::{Agreement, AgreementLevel, Analysis, AnalysisConfig, Direction, StatementKey};

/// Every statement's level, from the analysis as the site runs it (the default configuration).
pub fn levels(analysis: &Analysis) -> BTreeMap<StatementKey, Agreement> {
    sosei_opinion::agreement_levels(analysis, &AnalysisConfig::default())
}

/// The Fluent id naming `agreement` (`wording-agreement-broad-agree`).
pub fn label_id(agreement: Agreement) -> &'static str {
    use AgreementLevel::*;
    use Direction::*;
    match (agreement.level, agreement.direction) {
        (Consensus, Agree) => "wording-agreement-consensus-agree",
        (Consensus, Disagree) => "wording-agreement-consensus-disagree",
        (Broad, Agree) => "wording-agreement-broad-agree",
        (Broad, Disagree) => "wording-agreement-broad-disagree",
        (Majority, Agree) => "wording-agreement-majority-agree",
        (Majority, Disagree) => "wording-agreement-majority-disagree",
    }
}

/// 「総意（賛成）」, "Broad agreement"…
pub fn label(locale: Locale, agreement: Agreement) -> String {
    crate::i18n::t(locale, label_id(agreement))
}

/// The thresholds as the methodology states them (whole percentages and a head count).
pub fn threshold_args() -> [(
    &'static str,
    fluent_templates::fluent_bundle::FluentValue<'static>,
); 3] {
    let percent = |rate: f64| (rate * 100.0).round() as u32;
    [
        (
            "consensus_rate",
            percent(sosei_opinion::CONSENSUS_MIN_GROUP_RATE).into(),
        ),
        (
            "consensus_voters",
            sosei_opinion::CONSENSUS_MIN_VOTERS_PER_GROUP.into(),
        ),
        (
            "broad_rate",
            percent(sosei_opinion::BROAD_MIN_GROUP_RATE).into(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_top_level_is_called_consensus() {
        for level in [
            AgreementLevel::Consensus,
            AgreementLevel::Broad,
            AgreementLevel::Majority,
        ] {
            for direction in [Direction::Agree, Direction::Disagree] {
                let agreement = Agreement { level, direction };
                let ja = label(Locale::Ja, agreement);
                let en = label(Locale::En, agreement);
                assert_eq!(
                    ja.contains("総意"),
                    level == AgreementLevel::Consensus,
                    "{ja}"
                );
                assert_eq!(
                    en.contains("Consensus"),
                    level == AgreementLevel::Consensus,
                    "{en}"
                );
            }
        }
    }
}
