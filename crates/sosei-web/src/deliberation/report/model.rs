//! The report's content, built once and rendered four ways (HTML, Markdown, CSV, JSON).
//!
//! [`Report`] is also the JSON download, so its shape is a published format: fields are only
//! ever added, and `format` names the version (`sosei-report/1`). Rates are fractions in [0, 1];
//! times are RFC 3339 in UTC; dates are `YYYY-MM-DD`. Texts (titles, labels, the methodology) are
//! in the report's `language`; statements are in the language they were written in.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use sosei_core::Locale;
use sosei_core::deliberation::{
    AgeBand, AttributeQuestion, Conversation, FactCard, Participant, RelationshipToTown, Statement,
    VoteChoice, VoteRecord,
};
use sosei_opinion::{
    Agreement, AgreementLevel, Analysis, AnalysisConfig, Direction, GroupStatementVotes,
    StatementKey,
};
use time::OffsetDateTime;

use crate::deliberation::analysis::is_moderated_out;
use crate::i18n::{t, t_args};
use sosei_core::statement_translation::{StatementReading, StatementTranslation, reading_for};

/// The version of the JSON structure.
pub const REPORT_FORMAT: &str = "sosei-report/1";

/// A breakdown by participant attribute is published only when every cell (people of one
/// attribute value who voted on one statement) holds at least this many people, so that no
/// answer can be traced to a handful of neighbours.
pub const MINIMUM_CELL_SIZE: usize = 5;

/// At most this many divisive statements are listed.
const MAX_DIVISIVE: usize = 10;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Always [`REPORT_FORMAT`].
    pub format: &'static str,
    /// `ja` or `en`: the language of titles, labels and the methodology.
    pub language: &'static str,
    /// When this report (and its analysis) was produced.
    #[serde(with = "time::serde::rfc3339")]
    pub generated_at: OffsetDateTime,
    pub conversation: ReportConversation,
    pub participation: Participation,
    /// Opinion groups, largest first, labelled A, B, C…
    pub groups: Vec<ReportGroup>,
    /// Statements a majority of every group agreed (or disagreed) with: the common ground. Each
    /// says how strongly in `agreement`; only `level: consensus` is a consensus (総意).
    pub consensus: Vec<ConsensusEntry>,
    /// Statements on which the groups clearly differ, most divisive first.
    pub divisive: Vec<DivisiveEntry>,
    /// Every statement in the analysis (rejected and unreviewed ones are left out), by id.
    pub statements: Vec<StatementEntry>,
    pub fact_cards: Vec<FactEntry>,
    /// One per attribute question the conversation asked.
    pub breakdowns: Vec<Breakdown>,
    pub methodology: Methodology,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportConversation {
    pub id: i64,
    pub title: String,
    pub question: String,
    pub description: String,
    /// `draft`, `open`, `closed` or `archived`.
    pub state: &'static str,
    #[serde(with = "time::serde::rfc3339::option")]
    pub opened_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub closed_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Participation {
    /// People who joined (banned participants left out).
    pub participants: usize,
    /// Participants with at least one vote on a statement in the report.
    pub voters: usize,
    /// Statements in the report.
    pub statements: usize,
    /// Votes (agree, disagree and pass) on those statements.
    pub votes: usize,
    /// Participants placed in an opinion group.
    pub grouped_participants: usize,
}

/// One group's votes on one statement.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRate {
    /// The group's label (A, B, C…).
    pub group: String,
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
    /// agree / (agree + disagree + pass).
    pub agree_rate: f64,
    /// 95 % Wilson interval of the agree rate.
    pub agree_low: f64,
    pub agree_high: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportGroup {
    pub label: String,
    pub size: usize,
    pub representative: Vec<RepresentativeEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RepresentativeEntry {
    pub statement: i64,
    pub text: String,
    /// Whether the group sets itself apart by agreeing or by disagreeing.
    pub direction: &'static str,
    /// This group's votes.
    pub votes: GroupRate,
    /// Everyone else's agree rate, for comparison.
    pub others_agree_rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsensusEntry {
    pub statement: i64,
    pub text: String,
    /// `agree`: common agreement; `disagree`: common disagreement.
    pub direction: &'static str,
    pub overall_agree_rate: Option<f64>,
    pub overall_disagree_rate: Option<f64>,
    /// Pol.is's group-informed consensus Π_g (agree_g + 1) / (seen_g + 2).
    pub group_informed_consensus: f64,
    pub groups: Vec<GroupRate>,
    /// How widely: `consensus` (every group at the methodology's threshold) or `broad`.
    pub agreement: Agreement,
}

#[derive(Debug, Clone, Serialize)]
pub struct DivisiveEntry {
    pub statement: i64,
    pub text: String,
    /// Gap between the groups' agree-rate intervals; positive means they surely differ.
    pub divisiveness: f64,
    pub most_agreeing_group: String,
    pub least_agreeing_group: String,
    pub groups: Vec<GroupRate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementEntry {
    pub id: i64,
    pub text: String,
    /// Language the statement is written in.
    pub language: &'static str,
    /// Written by the facilitator to start the conversation.
    pub is_seed: bool,
    /// About the conversation itself: tallied, but left out of groups and consensus.
    pub is_meta: bool,
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
    /// `None` without votes.
    pub agree_rate: Option<f64>,
    /// One per group, in the order of `groups`; `None` where the group did not vote on it.
    pub group_agree_rates: Vec<Option<f64>>,
    /// `agree` or `disagree` when a majority of every group is on that side (the statement is
    /// in `consensus`, whatever its `agreement` level).
    pub consensus: Option<&'static str>,
    /// How widely it is agreed or disagreed (`consensus`, `broad` or `majority`), if at all.
    pub agreement: Option<Agreement>,
    pub divisive: bool,
    /// The statement in the report's language when it is written in the other one and has a
    /// translation; `text` stays the original.
    pub translation: Option<TranslationEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TranslationEntry {
    pub text: String,
    pub language: &'static str,
    /// `author`, `facilitator`, `volunteer` or `machine`.
    pub translator: &'static str,
    /// Who translated it, in the report's language ("Machine translation (…)").
    pub translator_label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FactEntry {
    pub id: i64,
    /// The statement the card is attached to; `None` for the whole conversation.
    pub statement: Option<i64>,
    pub text: String,
    pub source_citation: String,
    pub source_url: Option<String>,
    /// The date the fact refers to, `YYYY-MM-DD`.
    pub as_of: Option<String>,
    pub value: Option<f64>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Breakdown {
    /// `age_band`, `district` or `relationship`.
    pub attribute: &'static str,
    pub label: String,
    /// True when a cell had fewer than `minimum_cell_size` people: nothing else is published.
    pub suppressed: bool,
    pub minimum_cell_size: usize,
    /// The answers (people who did not answer are left out), empty when suppressed.
    pub values: Vec<BreakdownValue>,
    /// The consensus and divisive statements, empty when suppressed.
    pub rows: Vec<BreakdownRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BreakdownValue {
    pub value: String,
    pub label: String,
    /// Participants who gave this answer and voted on a statement in the breakdown.
    pub participants: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct BreakdownRow {
    pub statement: i64,
    pub text: String,
    /// One per value, in the order of `values`.
    pub cells: Vec<BreakdownCell>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct BreakdownCell {
    /// People with this answer who voted on the statement.
    pub voters: usize,
    pub agree_rate: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Methodology {
    /// A participant is placed in a group after this many votes (or every statement, if fewer).
    pub min_votes_to_cluster: usize,
    /// If fewer qualify, the most active are added up to this many.
    pub top_up_to: usize,
    pub max_groups: usize,
    pub min_group_size: usize,
    pub chosen_groups: usize,
    /// Confidence level of the agree-rate intervals, in percent.
    pub interval_confidence_percent: u32,
    /// `pre` or `post`.
    pub moderation_mode: &'static str,
    /// Statements left out of the report: rejected, or not yet reviewed under pre-moderation.
    pub statements_left_out: usize,
    /// Statements marked as meta (about the conversation itself).
    pub meta_statements: usize,
    /// Participants whose votes were removed by a moderator.
    pub banned_participants: usize,
    /// The method and its limits in plain words, in the report's language.
    pub sections: Vec<MethodSection>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MethodSection {
    pub heading: String,
    pub text: String,
}

/// Everything stored about a conversation that the report reads.
pub struct ReportSources<'a> {
    pub conversation: &'a Conversation,
    pub statements: &'a [Statement],
    pub participants: &'a [Participant],
    pub votes: &'a [VoteRecord],
    pub fact_cards: &'a [FactCard],
    pub analysis: &'a Analysis,
    pub translations: &'a [StatementTranslation],
}

/// The statement's translation into the report's language, when the report shows one.
fn translation_entry(
    statement: &Statement,
    translations: &[StatementTranslation],
    locale: Locale,
) -> Option<TranslationEntry> {
    match reading_for(statement, translations, locale) {
        StatementReading::Translated { translation, .. } => Some(TranslationEntry {
            text: translation.text.as_str().to_owned(),
            language: translation.language.as_str(),
            translator: translation.translator.kind().as_str(),
            translator_label: crate::deliberation::translations::translator_label_in(
                locale,
                &translation.translator,
            ),
        }),
        StatementReading::Original { .. } => None,
    }
}

/// Group labels as in Pol.is: A, B, C…
pub fn group_label(index: usize) -> String {
    let letter = u8::try_from(index % 26).map_or('?', |offset| char::from(b'A' + offset));
    if index < 26 {
        letter.to_string()
    } else {
        format!("{letter}{}", index / 26)
    }
}

fn rate(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

fn group_rate(label: String, votes: &GroupStatementVotes) -> GroupRate {
    GroupRate {
        group: label,
        agree: votes.tally.agree,
        disagree: votes.tally.disagree,
        pass: votes.tally.pass,
        agree_rate: votes.agree_rate,
        agree_low: votes.agree_interval.low,
        agree_high: votes.agree_interval.high,
    }
}

/// Votes on one statement: agree, disagree, pass.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    agree: u32,
    disagree: u32,
    pass: u32,
}

impl Counts {
    fn add(&mut self, choice: VoteChoice) {
        match choice {
            VoteChoice::Agree => self.agree += 1,
            VoteChoice::Disagree => self.disagree += 1,
            VoteChoice::Pass => self.pass += 1,
        }
    }

    fn seen(&self) -> u32 {
        self.agree + self.disagree + self.pass
    }
}

/// The label of a participant's answer to an attribute question.
pub fn attribute_value_label(locale: Locale, question: AttributeQuestion, value: &str) -> String {
    match question {
        AttributeQuestion::AgeBand if AgeBand::parse(value).is_some() => t(
            locale,
            &format!("participate-age-{}", value.replace('_', "-")),
        ),
        AttributeQuestion::Relationship if RelationshipToTown::parse(value).is_some() => t(
            locale,
            &format!("participate-relationship-{}", value.replace('_', "-")),
        ),
        _ => value.to_owned(),
    }
}

/// Answers that say nothing (left out of breakdowns).
fn is_no_answer(value: &str) -> bool {
    let value = value.trim();
    value.is_empty() || value == AgeBand::NoAnswer.as_str()
}

/// Where an answer sorts: in the order the question offers them, unknown answers last.
fn value_rank(conversation: &Conversation, question: AttributeQuestion, value: &str) -> usize {
    let position = match question {
        AttributeQuestion::AgeBand => AgeBand::ALL.iter().position(|band| band.as_str() == value),
        AttributeQuestion::Relationship => RelationshipToTown::ALL
            .iter()
            .position(|relation| relation.as_str() == value),
        AttributeQuestion::District => conversation
            .district_options
            .iter()
            .position(|district| district == value),
    };
    position.unwrap_or(usize::MAX)
}

pub fn build_report(sources: &ReportSources<'_>, locale: Locale, now: OffsetDateTime) -> Report {
    let conversation = sources.conversation;
    let analysis = sources.analysis;
    let config = AnalysisConfig::default();

    // The statements the report speaks about: what participants could see and vote on.
    let reported: Vec<&Statement> = sources
        .statements
        .iter()
        .filter(|statement| !is_moderated_out(conversation, statement))
        .collect();
    let reported_ids: BTreeSet<i64> = reported.iter().map(|statement| statement.id.0).collect();
    let text_of: HashMap<i64, String> = reported
        .iter()
        .map(|statement| (statement.id.0, statement.text.as_str().to_owned()))
        .collect();
    let banned: BTreeSet<i64> = sources
        .participants
        .iter()
        .filter(|participant| participant.banned)
        .map(|participant| participant.id.0)
        .collect();
    let counted_votes: Vec<&VoteRecord> = sources
        .votes
        .iter()
        .filter(|vote| {
            !banned.contains(&vote.participant.0) && reported_ids.contains(&vote.statement.0)
        })
        .collect();
    let mut tallies: HashMap<i64, Counts> = HashMap::new();
    for vote in &counted_votes {
        tallies
            .entry(vote.statement.0)
            .or_default()
            .add(vote.choice);
    }
    let voters: BTreeSet<i64> = counted_votes
        .iter()
        .map(|vote| vote.participant.0)
        .collect();

    let labels: Vec<String> = (0..analysis.groups.len()).map(group_label).collect();
    let group_votes: HashMap<(usize, StatementKey), &GroupStatementVotes> = analysis
        .groups
        .iter()
        .flat_map(|group| {
            group
                .votes
                .iter()
                .map(move |votes| ((group.id, votes.statement), votes))
        })
        .collect();
    let rates_for = |key: StatementKey| -> Vec<GroupRate> {
        analysis
            .groups
            .iter()
            .filter_map(|group| {
                group_votes
                    .get(&(group.id, key))
                    .map(|votes| group_rate(group_label(group.id), votes))
            })
            .collect()
    };
    // The analysis may predate a moderation decision (it is recomputed when votes change), so
    // every list is filtered by what is reported now.
    let is_reported = |key: StatementKey| reported_ids.contains(&key.0);
    let text = |key: StatementKey| text_of.get(&key.0).cloned().unwrap_or_default();

    let groups: Vec<ReportGroup> = analysis
        .groups
        .iter()
        .map(|group| ReportGroup {
            label: group_label(group.id),
            size: group.members.len(),
            representative: group
                .representative
                .iter()
                .filter(|entry| is_reported(entry.statement))
                .filter_map(|entry| {
                    let own = group_votes.get(&(group.id, entry.statement))?;
                    let mut others = Counts::default();
                    for other in analysis.groups.iter().filter(|other| other.id != group.id) {
                        if let Some(votes) = group_votes.get(&(other.id, entry.statement)) {
                            others.agree += votes.tally.agree;
                            others.disagree += votes.tally.disagree;
                            others.pass += votes.tally.pass;
                        }
                    }
                    Some(RepresentativeEntry {
                        statement: entry.statement.0,
                        text: text(entry.statement),
                        direction: entry.direction.as_str(),
                        votes: group_rate(group_label(group.id), own),
                        others_agree_rate: rate(others.agree, others.seen()),
                    })
                })
                .collect(),
        })
        .collect();

    let overall = |key: StatementKey| tallies.get(&key.0).copied().unwrap_or_default();
    let levels = crate::deliberation::agreement_words::levels(analysis);
    let consensus: Vec<ConsensusEntry> = analysis
        .consensus
        .agree
        .iter()
        .map(|entry| (entry, Direction::Agree))
        .chain(
            analysis
                .consensus
                .disagree
                .iter()
                .map(|entry| (entry, Direction::Disagree)),
        )
        .filter(|(entry, _)| is_reported(entry.statement))
        .map(|(entry, direction)| {
            let counts = overall(entry.statement);
            ConsensusEntry {
                statement: entry.statement.0,
                text: text(entry.statement),
                direction: direction.as_str(),
                overall_agree_rate: rate(counts.agree, counts.seen()),
                overall_disagree_rate: rate(counts.disagree, counts.seen()),
                group_informed_consensus: entry.group_informed,
                groups: rates_for(entry.statement),
                // The engine's lists are the broad level's condition; the level says more.
                agreement: levels.get(&entry.statement).copied().unwrap_or(Agreement {
                    level: AgreementLevel::Broad,
                    direction,
                }),
            }
        })
        .collect();
    let divisive: Vec<DivisiveEntry> = analysis
        .divisive
        .iter()
        .filter(|entry| entry.divisiveness > 0.0 && is_reported(entry.statement))
        .take(MAX_DIVISIVE)
        .map(|entry| DivisiveEntry {
            statement: entry.statement.0,
            text: text(entry.statement),
            divisiveness: entry.divisiveness,
            most_agreeing_group: labels
                .get(entry.most_agreeing_group)
                .cloned()
                .unwrap_or_default(),
            least_agreeing_group: labels
                .get(entry.least_agreeing_group)
                .cloned()
                .unwrap_or_default(),
            groups: rates_for(entry.statement),
        })
        .collect();

    let consensus_direction: HashMap<i64, &'static str> = consensus
        .iter()
        .map(|entry| (entry.statement, entry.direction))
        .collect();
    let divisive_ids: BTreeSet<i64> = divisive.iter().map(|entry| entry.statement).collect();
    let statements: Vec<StatementEntry> = reported
        .iter()
        .map(|statement| {
            let key = StatementKey(statement.id.0);
            let counts = overall(key);
            StatementEntry {
                id: statement.id.0,
                text: statement.text.as_str().to_owned(),
                language: statement.language.as_str(),
                is_seed: statement.is_seed,
                is_meta: statement.is_meta,
                agree: counts.agree,
                disagree: counts.disagree,
                pass: counts.pass,
                agree_rate: rate(counts.agree, counts.seen()),
                group_agree_rates: analysis
                    .groups
                    .iter()
                    .map(|group| {
                        group_votes
                            .get(&(group.id, key))
                            .filter(|votes| votes.tally.seen() > 0)
                            .map(|votes| votes.agree_rate)
                    })
                    .collect(),
                consensus: consensus_direction.get(&statement.id.0).copied(),
                agreement: levels.get(&key).copied(),
                divisive: divisive_ids.contains(&statement.id.0),
                translation: translation_entry(statement, sources.translations, locale),
            }
        })
        .collect();

    let fact_cards: Vec<FactEntry> = sources
        .fact_cards
        .iter()
        .filter(|card| card.statement.is_none_or(|id| reported_ids.contains(&id.0)))
        .map(|card| FactEntry {
            id: card.id.0,
            statement: card.statement.map(|id| id.0),
            text: card.text.text(locale).to_owned(),
            source_citation: card.source_citation.clone(),
            source_url: card.source_url.clone(),
            as_of: card.as_of.map(|date| date.to_string()),
            value: card.value,
            unit: card.unit.clone(),
        })
        .collect();

    // Breakdowns cover the common ground and the dividing lines, the statements a draft quotes.
    let breakdown_statements: Vec<i64> = consensus
        .iter()
        .map(|entry| entry.statement)
        .chain(divisive.iter().map(|entry| entry.statement))
        .fold(Vec::new(), |mut unique, id| {
            if !unique.contains(&id) {
                unique.push(id);
            }
            unique
        });
    let breakdowns = conversation
        .attribute_questions
        .iter()
        .map(|question| {
            breakdown(
                sources,
                locale,
                *question,
                &breakdown_statements,
                &counted_votes,
                &text_of,
            )
        })
        .collect();

    let statements_left_out = sources.statements.len() - reported.len();
    let meta_statements = reported
        .iter()
        .filter(|statement| statement.is_meta)
        .count();
    let banned_participants = banned.len();
    let participation = Participation {
        participants: sources.participants.len() - banned_participants,
        voters: voters.len(),
        statements: reported.len(),
        votes: counted_votes.len(),
        grouped_participants: analysis
            .groups
            .iter()
            .map(|group| group.members.len())
            .sum(),
    };
    let methodology = methodology(
        locale,
        &config,
        analysis.groups.len(),
        conversation,
        statements_left_out,
        meta_statements,
        banned_participants,
        now,
    );

    Report {
        format: REPORT_FORMAT,
        language: locale.as_str(),
        generated_at: now,
        conversation: ReportConversation {
            id: conversation.id.0,
            title: conversation.title.text(locale).to_owned(),
            question: conversation.question.text(locale).to_owned(),
            description: conversation.description.text(locale).to_owned(),
            state: conversation.state.as_str(),
            opened_at: conversation.opened_at,
            closed_at: conversation.closed_at,
        },
        participation,
        groups,
        consensus,
        divisive,
        statements,
        fact_cards,
        breakdowns,
        methodology,
    }
}

/// Agree rates by one attribute on `statement_ids`, or a suppressed breakdown when any cell
/// would describe fewer than [`MINIMUM_CELL_SIZE`] people.
fn breakdown(
    sources: &ReportSources<'_>,
    locale: Locale,
    question: AttributeQuestion,
    statement_ids: &[i64],
    counted_votes: &[&VoteRecord],
    text_of: &HashMap<i64, String>,
) -> Breakdown {
    let conversation = sources.conversation;
    let answer_of: HashMap<i64, &str> = sources
        .participants
        .iter()
        .filter_map(|participant| {
            participant
                .attributes
                .get(question.as_str())
                .map(|value| (participant.id.0, value.as_str()))
        })
        .filter(|(_, value)| !is_no_answer(value))
        .collect();
    // (value, statement) -> votes, and value -> people, over the breakdown's statements only.
    let mut cells: BTreeMap<(&str, i64), Counts> = BTreeMap::new();
    let mut people: BTreeMap<&str, BTreeSet<i64>> = BTreeMap::new();
    for vote in counted_votes {
        if !statement_ids.contains(&vote.statement.0) {
            continue;
        }
        if let Some(value) = answer_of.get(&vote.participant.0) {
            cells
                .entry((value, vote.statement.0))
                .or_default()
                .add(vote.choice);
            people.entry(value).or_default().insert(vote.participant.0);
        }
    }
    let mut values: Vec<&str> = people.keys().copied().collect();
    values.sort_by_key(|value| (value_rank(conversation, question, value), value.to_string()));
    let cell = |value: &str, statement: i64| cells.get(&(value, statement)).copied();
    let every_cell_large_enough = !values.is_empty()
        && !statement_ids.is_empty()
        && values.iter().all(|value| {
            statement_ids.iter().all(|statement| {
                cell(value, *statement)
                    .is_some_and(|counts| counts.seen() as usize >= MINIMUM_CELL_SIZE)
            })
        });
    let label = t(
        locale,
        &format!("report-attribute-{}", question.as_str().replace('_', "-")),
    );
    if !every_cell_large_enough {
        return Breakdown {
            attribute: question.as_str(),
            label,
            suppressed: true,
            minimum_cell_size: MINIMUM_CELL_SIZE,
            values: Vec::new(),
            rows: Vec::new(),
        };
    }
    Breakdown {
        attribute: question.as_str(),
        label,
        suppressed: false,
        minimum_cell_size: MINIMUM_CELL_SIZE,
        values: values
            .iter()
            .map(|value| BreakdownValue {
                value: (*value).to_owned(),
                label: attribute_value_label(locale, question, value),
                participants: people.get(value).map_or(0, BTreeSet::len),
            })
            .collect(),
        rows: statement_ids
            .iter()
            .map(|statement| BreakdownRow {
                statement: *statement,
                text: text_of.get(statement).cloned().unwrap_or_default(),
                cells: values
                    .iter()
                    .map(|value| {
                        let counts = cell(value, *statement).unwrap_or_default();
                        BreakdownCell {
                            voters: counts.seen() as usize,
                            agree_rate: rate(counts.agree, counts.seen()).unwrap_or(0.0),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[allow(clippy::too_many_arguments)]
fn methodology(
    locale: Locale,
    config: &AnalysisConfig,
    chosen_groups: usize,
    conversation: &Conversation,
    statements_left_out: usize,
    meta_statements: usize,
    banned_participants: usize,
    now: OffsetDateTime,
) -> Methodology {
    let interval_confidence_percent = if (config.z_interval - 1.96).abs() < 0.01 {
        95
    } else {
        // Two-sided confidence of z, to the nearest percent.
        (100.0 * (1.0 - 2.0 * normal_upper_tail(config.z_interval))).round() as u32
    };
    let moderation_id = format!("report-method-moderation-{}", conversation.moderation_mode);
    let section = |heading_id: &str, text: String| MethodSection {
        heading: t(locale, heading_id),
        text,
    };
    let analysed_at = crate::i18n::format_date(locale, japan_date(now));
    let sections = vec![
        section(
            "report-method-groups-heading",
            t_args(
                locale,
                "report-method-groups",
                &[
                    ("max_groups", config.max_groups.into()),
                    ("min_group_size", config.min_group_size.into()),
                ],
            ),
        ),
        section(
            "report-method-inclusion-heading",
            t_args(
                locale,
                "report-method-inclusion",
                &[
                    ("min_votes", config.min_votes_to_cluster.into()),
                    ("top_up", config.top_up_to.into()),
                ],
            ),
        ),
        section(
            "report-method-consensus-heading",
            t_args(
                locale,
                "report-method-consensus",
                &crate::deliberation::agreement_words::threshold_args(),
            ),
        ),
        section(
            "report-method-intervals-heading",
            t_args(
                locale,
                "report-method-intervals",
                &[("confidence", interval_confidence_percent.into())],
            ),
        ),
        section(
            "report-method-sample-heading",
            t(locale, "report-method-sample"),
        ),
        section(
            "report-method-descriptive-heading",
            t(locale, "report-method-descriptive"),
        ),
        section(
            "report-method-moderation-heading",
            super::join_sentences(
                locale,
                &[
                    t(locale, &moderation_id),
                    t_args(
                        locale,
                        "report-method-moderation-counts",
                        &[
                            ("left_out", statements_left_out.into()),
                            ("meta", meta_statements.into()),
                            ("banned", banned_participants.into()),
                        ],
                    ),
                ],
            ),
        ),
        section(
            "report-method-privacy-heading",
            t_args(
                locale,
                "report-method-privacy",
                &[("minimum", MINIMUM_CELL_SIZE.into())],
            ),
        ),
        section(
            "report-method-date-heading",
            t_args(
                locale,
                "report-method-date",
                &[("date", analysed_at.into())],
            ),
        ),
    ];
    Methodology {
        min_votes_to_cluster: config.min_votes_to_cluster,
        top_up_to: config.top_up_to,
        max_groups: config.max_groups,
        min_group_size: config.min_group_size,
        chosen_groups,
        interval_confidence_percent,
        moderation_mode: conversation.moderation_mode.as_str(),
        statements_left_out,
        meta_statements,
        banned_participants,
        sections,
    }
}

/// P(Z > z) for a standard normal, by the Abramowitz–Stegun 7.1.26 approximation (|error| <
/// 1.5e-7): enough to name a confidence level.
fn normal_upper_tail(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let erfc = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))))
        * (-x * x).exp();
    if z >= 0.0 {
        erfc / 2.0
    } else {
        1.0 - erfc / 2.0
    }
}

/// The calendar date in Japan (the report is read by a Japanese town hall).
pub fn japan_date(at: OffsetDateTime) -> time::Date {
    match time::UtcOffset::from_hms(9, 0, 0) {
        Ok(offset) => at.to_offset(offset).date(),
        Err(_) => at.date(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_lettered_like_polis() {
        assert_eq!(group_label(0), "A");
        assert_eq!(group_label(1), "B");
        assert_eq!(group_label(25), "Z");
        assert_eq!(group_label(26), "A1");
    }

    #[test]
    fn the_normal_tail_names_common_confidence_levels() {
        assert!((normal_upper_tail(1.96) - 0.025).abs() < 1e-4);
        assert!((normal_upper_tail(1.2816) - 0.1).abs() < 1e-4);
        assert!((normal_upper_tail(0.0) - 0.5).abs() < 1e-6);
    }
}
