//! Translations of statements: at most one per statement and language, each saying who made it
//! (see `sosei_core::statement_translation`). Votes never touch this table: a translation is read,
//! the statement is what people vote on.

use sosei_core::statement_translation::{
    MachineProviderName, NewStatementTranslation, StatementTranslation, TranslationText,
    Translator, TranslatorKind,
};
use sosei_core::{ConversationId, Locale, StatementId, UserId};
use time::OffsetDateTime;

use crate::convert::{timestamp_from_unix, unix_seconds};
use crate::{Store, StoreError};

const TRANSLATION_COLUMNS: &str = "statement_id, language, text, translator_kind, \
     translator_user_id, machine_provider, created_at, updated_at";

#[derive(sqlx::FromRow)]
struct TranslationRow {
    statement_id: i64,
    language: String,
    text: String,
    translator_kind: String,
    translator_user_id: Option<i64>,
    machine_provider: Option<String>,
    created_at: i64,
    updated_at: i64,
}

fn translator_from_row(row: &TranslationRow) -> Result<Translator, StoreError> {
    let user = row.translator_user_id.map(UserId);
    let kind = TranslatorKind::parse(&row.translator_kind)
        .ok_or_else(|| StoreError::Corrupt(format!("translator kind {:?}", row.translator_kind)))?;
    Ok(match kind {
        TranslatorKind::Author => Translator::Author { user },
        TranslatorKind::Facilitator => Translator::Facilitator { user },
        TranslatorKind::Volunteer => Translator::Volunteer { entered_by: user },
        TranslatorKind::Machine => {
            let raw = row.machine_provider.as_deref().unwrap_or_default();
            let provider = MachineProviderName::parse(raw)
                .map_err(|_| StoreError::Corrupt(format!("machine provider {raw:?}")))?;
            Translator::Machine { provider }
        }
    })
}

fn translation_from_row(row: TranslationRow) -> Result<StatementTranslation, StoreError> {
    let translator = translator_from_row(&row)?;
    Ok(StatementTranslation {
        statement: StatementId(row.statement_id),
        language: Locale::parse(&row.language).ok_or_else(|| {
            StoreError::Corrupt(format!("translation language {:?}", row.language))
        })?,
        text: TranslationText::parse(&row.text).map_err(|_| {
            StoreError::Corrupt(format!("translation text of {}", row.statement_id))
        })?,
        translator,
        created_at: timestamp_from_unix(row.created_at)?,
        updated_at: timestamp_from_unix(row.updated_at)?,
    })
}

impl Store {
    /// Save a statement's translation into a language, replacing the one already there (its
    /// creation time is kept). `NotFound` when the statement does not exist or is itself written
    /// in that language (a statement is not translated into its own language).
    pub async fn save_statement_translation(
        &self,
        translation: &NewStatementTranslation,
        now: OffsetDateTime,
    ) -> Result<StatementTranslation, StoreError> {
        // SQLite needs the WHERE before ON CONFLICT to tell the upsert from a join's ON.
        let sql = format!(
            "INSERT INTO statement_translations (statement_id, conversation_id, language, text, \
             translator_kind, translator_user_id, machine_provider, created_at, updated_at) \
             SELECT id, conversation_id, $2, $3, $4, $5, $6, $7, $7 FROM statements \
             WHERE id = $1 AND language <> $2 \
             ON CONFLICT (statement_id, language) DO UPDATE SET text = excluded.text, \
             translator_kind = excluded.translator_kind, \
             translator_user_id = excluded.translator_user_id, \
             machine_provider = excluded.machine_provider, updated_at = excluded.updated_at \
             RETURNING {TRANSLATION_COLUMNS}"
        );
        let translator = &translation.translator;
        let _turn = self.sqlite_write_turn().await;
        let row: Option<TranslationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(translation.statement.0)
                .bind(translation.language.as_str())
                .bind(translation.text.as_str())
                .bind(translator.kind().as_str())
                .bind(translator.user().map(|user| user.0))
                .bind(translator.machine_provider().map(|provider| provider.as_str()))
                .bind(unix_seconds(now))
                .fetch_optional(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "statement translation"))?
        });
        translation_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// Every translation of the conversation's statements, by statement then language.
    pub async fn statement_translations(
        &self,
        conversation: ConversationId,
    ) -> Result<Vec<StatementTranslation>, StoreError> {
        let sql = format!(
            "SELECT {TRANSLATION_COLUMNS} FROM statement_translations WHERE conversation_id = $1 \
             ORDER BY statement_id, language"
        );
        let rows: Vec<TranslationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(conversation.0).fetch_all(pool).await?
        });
        rows.into_iter().map(translation_from_row).collect()
    }

    /// `NotFound` when the statement has no translation into that language.
    pub async fn remove_statement_translation(
        &self,
        statement: StatementId,
        language: Locale,
    ) -> Result<(), StoreError> {
        let _turn = self.sqlite_write_turn().await;
        let removed = with_pool!(self, pool => {
            sqlx::query("DELETE FROM statement_translations WHERE statement_id = $1 AND language = $2")
                .bind(statement.0)
                .bind(language.as_str())
                .execute(pool)
                .await?
                .rows_affected()
        });
        if removed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
