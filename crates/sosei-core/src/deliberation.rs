//! The deliberation space (知恵ラボ, Chie Lab): conversations, statements, votes, participants,
//! fact cards and moderation. Pure types and rules; storage and pages live elsewhere.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use unicode_normalization::UnicodeNormalization;

use crate::kana::hiragana_from_katakana;
use crate::organisation::string_enum;
use crate::{
    ConversationId, FactCardId, Locale, LocalizedText, MunicipalityCode, OrganisationId,
    ParticipantId, StatementId, UserId,
};

string_enum!(
    /// The life of a conversation: prepared, open for votes and statements, closed (results
    /// final, still visible), archived (hidden from lists).
    ConversationState {
        Draft = "draft",
        Open = "open",
        Closed = "closed",
        Archived = "archived",
    }
);

impl ConversationState {
    /// Whether a facilitator may move a conversation from `self` to `next`.
    /// Reopening a closed conversation is allowed (a town may extend a consultation).
    pub fn can_become(self, next: ConversationState) -> bool {
        use ConversationState::*;
        matches!(
            (self, next),
            (Draft, Open)
                | (Open, Closed)
                | (Closed, Open)
                | (Closed, Archived)
                | (Draft, Archived)
        )
    }

    /// Participants may vote and write only while open.
    pub fn accepts_participation(self) -> bool {
        self == ConversationState::Open
    }
}

string_enum!(
    /// Pre-moderation: statements appear only once accepted. Post-moderation: they appear at
    /// once and can be rejected later.
    ModerationMode {
        Pre = "pre",
        Post = "post",
    }
);

string_enum!(
    /// Who may take part.
    ParticipationMode {
        Anonymous = "anonymous",
        SignedIn = "signed_in",
        InvitationCode = "invitation_code",
    }
);

string_enum!(
    /// A question a facilitator may ask participants on entry.
    AttributeQuestion {
        AgeBand = "age_band",
        District = "district",
        Relationship = "relationship",
    }
);

string_enum!(
    /// Answers to the age question.
    AgeBand {
        Under20 = "under_20",
        Twenties = "20s",
        Thirties = "30s",
        Forties = "40s",
        Fifties = "50s",
        Sixties = "60s",
        SeventiesAndOver = "70_plus",
        NoAnswer = "no_answer",
    }
);

string_enum!(
    /// A participant's relationship to the town. 関係人口 (kankei jinkō) are people tied to a
    /// town who do not live there: regular visitors, former residents, supporters.
    RelationshipToTown {
        Resident = "resident",
        Commuter = "commuter",
        RegularVisitor = "regular_visitor",
        InternationalParticipant = "international",
        Other = "other",
        NoAnswer = "no_answer",
    }
);

/// A conversation's settings, as a facilitator creates or edits them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConversation {
    pub organisation: OrganisationId,
    pub region: Option<MunicipalityCode>,
    pub title: LocalizedText,
    pub question: LocalizedText,
    pub description: LocalizedText,
    pub moderation_mode: ModerationMode,
    pub participation_mode: ParticipationMode,
    /// Required when the participation mode is `InvitationCode`.
    pub invitation_code: Option<InvitationCode>,
    pub attribute_questions: Vec<AttributeQuestion>,
    /// The districts offered when `AttributeQuestion::District` is asked.
    pub district_options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    pub id: ConversationId,
    pub organisation: OrganisationId,
    pub region: Option<MunicipalityCode>,
    pub title: LocalizedText,
    pub question: LocalizedText,
    pub description: LocalizedText,
    pub state: ConversationState,
    pub moderation_mode: ModerationMode,
    pub participation_mode: ParticipationMode,
    #[serde(skip_serializing)]
    pub invitation_code: Option<InvitationCode>,
    pub attribute_questions: Vec<AttributeQuestion>,
    pub district_options: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub opened_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub closed_at: Option<OffsetDateTime>,
}

/// A code residents type to join an invitation-only conversation: 4–32 letters or digits,
/// compared case-insensitively after NFKC (so full-width input works).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InvitationCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an invitation code has 4 to 32 letters, digits or hyphens")]
pub struct InvitationCodeError;

impl crate::UserFacingError for InvitationCodeError {
    fn message_id(&self) -> &'static str {
        "error-invitation-code"
    }
}

impl InvitationCode {
    pub fn parse(raw: &str) -> Result<Self, InvitationCodeError> {
        let text: String = raw.nfkc().collect::<String>().trim().to_uppercase();
        let valid = (4..=32).contains(&text.chars().count())
            && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if valid {
            Ok(InvitationCode(text))
        } else {
            Err(InvitationCodeError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for InvitationCode {
    type Error = InvitationCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<InvitationCode> for String {
    fn from(code: InvitationCode) -> String {
        code.0
    }
}

/// Who a participant is: an account, or an anonymous pseudonym derived from a signed cookie.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantIdentity {
    User(UserId),
    Pseudonym(String),
    /// Imported from another system (e.g. a Pol.is export's voter id).
    External(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: ParticipantId,
    pub conversation: ConversationId,
    pub identity: ParticipantIdentity,
    /// Answers to the conversation's attribute questions, by question name.
    pub attributes: BTreeMap<String, String>,
    /// A banned participant's votes leave the analysis; their statements are hidden.
    pub banned: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub joined_at: OffsetDateTime,
}

string_enum!(
    /// A vote on a statement.
    VoteChoice {
        Agree = "agree",
        Disagree = "disagree",
        Pass = "pass",
    }
);

/// The text of a statement. Its length is weighted so one limit suits both languages: a CJK
/// character (kanji, kana, full-width forms) weighs 2, anything else 1, and the total weight may
/// be at most [`StatementText::MAX_WEIGHT`] — 140 Japanese characters or 280 English ones, about
/// the same amount of meaning.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StatementText(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementTextError {
    #[error("the statement is empty")]
    Empty,
    #[error("the statement is too long (weight {weight}, at most {max})")]
    TooLong { weight: usize, max: usize },
}

impl crate::UserFacingError for StatementTextError {
    fn message_id(&self) -> &'static str {
        match self {
            StatementTextError::Empty => "error-statement-empty",
            StatementTextError::TooLong { .. } => "error-statement-too-long",
        }
    }
}

/// Whether `c` is written at double width in Japanese text (kanji, kana, full-width punctuation).
pub fn is_wide_character(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// The weighted length of a text (see [`StatementText`]).
pub fn text_weight(text: &str) -> usize {
    text.chars()
        .map(|c| if is_wide_character(c) { 2 } else { 1 })
        .sum()
}

impl StatementText {
    pub const MAX_WEIGHT: usize = 280;

    /// Keep what the person typed (see [`crate::text::clean_text`]): a full-width `（？）` stays
    /// full-width. Duplicates are found through [`duplicate_key`], computed when comparing.
    pub fn parse(raw: &str) -> Result<Self, StatementTextError> {
        let text = crate::text::clean_text(raw, false);
        if text.is_empty() {
            return Err(StatementTextError::Empty);
        }
        let weight = text_weight(&text);
        if weight > Self::MAX_WEIGHT {
            return Err(StatementTextError::TooLong {
                weight,
                max: Self::MAX_WEIGHT,
            });
        }
        Ok(StatementText(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Japanese when the text has any kana or kanji, English otherwise.
    pub fn language(&self) -> Locale {
        written_language(&self.0)
    }
}

/// The language a text is written in: Japanese when it has any kana or kanji, English otherwise.
pub fn written_language(text: &str) -> Locale {
    if text
        .chars()
        .any(|c| matches!(c as u32, 0x3041..=0x30FF | 0x4E00..=0x9FFF))
    {
        Locale::Ja
    } else {
        Locale::En
    }
}

impl TryFrom<String> for StatementText {
    type Error = StatementTextError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<StatementText> for String {
    fn from(text: StatementText) -> String {
        text.0
    }
}

impl std::fmt::Display for StatementText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

string_enum!(
    /// Where a statement stands in moderation.
    ModerationStatus {
        Pending = "pending",
        Accepted = "accepted",
        Rejected = "rejected",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub id: StatementId,
    pub conversation: ConversationId,
    /// `None` for statements imported without an author.
    pub author: Option<ParticipantId>,
    pub text: StatementText,
    pub language: Locale,
    pub moderation: ModerationStatus,
    pub rejection_reason: Option<String>,
    /// About the conversation itself ("this question is unclear"): shown, but left out of the
    /// opinion analysis.
    pub is_meta: bool,
    /// Written by a facilitator to start the conversation.
    pub is_seed: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl Statement {
    /// Whether participants may be shown this statement under the conversation's moderation mode.
    pub fn is_visible(&self, mode: ModerationMode) -> bool {
        matches!(
            (self.moderation, mode),
            (ModerationStatus::Accepted, _) | (ModerationStatus::Pending, ModerationMode::Post)
        )
    }
}

/// A sourced fact (事実・データ) attached by an expert or facilitator to a conversation or one of
/// its statements, shown beside the statement while voting and cited in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactCard {
    pub id: FactCardId,
    pub conversation: ConversationId,
    pub statement: Option<StatementId>,
    pub text: LocalizedText,
    /// How to cite the source, e.g. "遠野市 観光統計 2023".
    pub source_citation: String,
    pub source_url: Option<String>,
    /// When the fact was true (the data's date, not when it was posted).
    pub as_of: Option<Date>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub author: UserId,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A fact card to attach.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFactCard {
    pub conversation: ConversationId,
    pub statement: Option<StatementId>,
    pub text: LocalizedText,
    pub source_citation: String,
    pub source_url: Option<String>,
    pub as_of: Option<Date>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub author: UserId,
}

/// A participant's current vote on one statement (the last one they cast).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteRecord {
    pub participant: ParticipantId,
    pub statement: StatementId,
    pub choice: VoteChoice,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// Text folded for duplicate detection: NFKC (full-width → half-width), lower case, katakana →
/// hiragana, long-vowel marks and punctuation and spaces dropped.
pub fn duplicate_key(text: &str) -> String {
    let folded: String = text.nfkc().collect::<String>().to_lowercase();
    hiragana_from_katakana(&folded)
        .chars()
        .filter(|c| c.is_alphanumeric() && *c != 'ー')
        .collect()
}

/// Similarity of two statements in [0, 1]: the Dice coefficient of the character bigrams of
/// their duplicate keys (a single-character key is its own bigram).
pub fn statement_similarity(a: &str, b: &str) -> f64 {
    let bigrams = |text: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = duplicate_key(text).chars().collect();
        let mut grams: Vec<(char, char)> = match chars.len() {
            0 => Vec::new(),
            1 => vec![(chars[0], chars[0])],
            _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
        };
        grams.sort_unstable();
        grams
    };
    let (left, right) = (bigrams(a), bigrams(b));
    if left.is_empty() || right.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < left.len() && j < right.len() {
        match left[i].cmp(&right[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * shared as f64 / (left.len() + right.len()) as f64
}

/// Statements at least this similar are shown to the writer as possible duplicates.
pub const NEAR_DUPLICATE_THRESHOLD: f64 = 0.8;

/// The existing statements that `candidate` nearly duplicates, most similar first.
pub fn near_duplicates<'a>(
    candidate: &str,
    existing: &'a [Statement],
) -> Vec<(&'a Statement, f64)> {
    let mut found: Vec<(&Statement, f64)> = existing
        .iter()
        .map(|statement| {
            (
                statement,
                statement_similarity(candidate, statement.text.as_str()),
            )
        })
        .filter(|(_, similarity)| *similarity >= NEAR_DUPLICATE_THRESHOLD)
        .collect();
    found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.id.cmp(&b.0.id)));
    found
}

string_enum!(
    /// What a facilitator did, for the audit log.
    FacilitatorAction {
        CreateConversation = "create_conversation",
        EditConversation = "edit_conversation",
        ChangeState = "change_state",
        AcceptStatement = "accept_statement",
        RejectStatement = "reject_statement",
        MarkMeta = "mark_meta",
        UnmarkMeta = "unmark_meta",
        BanParticipant = "ban_participant",
        UnbanParticipant = "unban_participant",
        AddSeedStatement = "add_seed_statement",
        AddFactCard = "add_fact_card",
        RemoveFactCard = "remove_fact_card",
        AddFacilitator = "add_facilitator",
        RemoveFacilitator = "remove_facilitator",
        ImportPolis = "import_polis",
        SaveTranslation = "save_translation",
        RemoveTranslation = "remove_translation",
    }
);

/// One line of a conversation's audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub conversation: ConversationId,
    /// `None` for actions by the system (e.g. the CLI import).
    pub actor: Option<UserId>,
    pub action: FacilitatorAction,
    /// What was acted on, e.g. `statement:12` or `participant:5`.
    pub target: Option<String>,
    pub reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_length_is_weighted_for_japanese() {
        assert!(StatementText::parse(&"あ".repeat(140)).is_ok());
        assert!(matches!(
            StatementText::parse(&"あ".repeat(141)),
            Err(StatementTextError::TooLong {
                weight: 282,
                max: 280
            })
        ));
        assert!(StatementText::parse(&"a".repeat(280)).is_ok());
        assert!(StatementText::parse(&"a".repeat(281)).is_err());
        assert_eq!(StatementText::parse("   "), Err(StatementTextError::Empty));
        assert_eq!(
            StatementText::parse(" 駅前に  ベンチを ")
                .expect("a valid test value")
                .as_str(),
            "駅前に  ベンチを"
        );
    }

    #[test]
    fn statements_keep_full_width_forms_and_lose_controls() {
        assert_eq!(
            StatementText::parse("（火曜と金曜だけでも）？")
                .expect("a valid test value")
                .as_str(),
            "（火曜と金曜だけでも）？"
        );
        assert_eq!(
            StatementText::parse("駅前に\u{0007}ベンチを\u{202E}")
                .expect("a valid test value")
                .as_str(),
            "駅前にベンチを"
        );
        // The full-width brackets weigh what they look like: 2 each.
        assert_eq!(text_weight("（ａ）"), 6);
    }

    #[test]
    fn full_and_half_width_statements_share_a_duplicate_key() {
        assert_eq!(
            duplicate_key("（火曜と金曜だけでも）？"),
            duplicate_key("(火曜と金曜だけでも)?")
        );
        assert_eq!(
            statement_similarity("（火曜と金曜だけでも）？", "(火曜と金曜だけでも)?"),
            1.0
        );
    }

    #[test]
    fn statement_language_is_detected() {
        assert_eq!(
            StatementText::parse("駅前にベンチを").unwrap().language(),
            Locale::Ja
        );
        assert_eq!(
            StatementText::parse("More benches").unwrap().language(),
            Locale::En
        );
    }

    #[test]
    fn near_duplicates_fold_width_and_kana() {
        assert_eq!(
            statement_similarity("バスの本数を増やすべきだ", "ばすの本数を増やすべきだ。"),
            1.0
        );
        assert_eq!(statement_similarity("ＷｉＦｉを駅に", "wifiを駅に"), 1.0);
        assert!(statement_similarity("バスの本数を増やすべきだ", "バスの本数を増やすべき") > 0.8);
        assert!(
            statement_similarity("バスの本数を増やすべきだ", "図書館を夜まで開けてほしい") < 0.3
        );
        assert!(statement_similarity("We need more buses", "we need more buses!") > 0.99);
    }

    #[test]
    fn state_transitions() {
        use ConversationState::*;
        assert!(Draft.can_become(Open));
        assert!(Open.can_become(Closed));
        assert!(!Archived.can_become(Open));
        assert!(!Draft.can_become(Closed));
        assert!(Open.accepts_participation());
        assert!(!Closed.accepts_participation());
    }

    #[test]
    fn invitation_codes_fold_width_and_case() {
        assert_eq!(
            InvitationCode::parse(" ｔｏｎｏ-2026 ").unwrap().as_str(),
            "TONO-2026"
        );
        assert!(InvitationCode::parse("abc").is_err());
        assert!(InvitationCode::parse("遠野遠野").is_err());
    }
}
