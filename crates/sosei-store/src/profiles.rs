//! Participant profiles (one per account) with their lists in tables of their own, the skills
//! taxonomy, and the profile privacy rule.

use sosei_core::participant_profile::{
    Affiliation, Bio, DietaryRequirement, NeedsText, NewParticipantProfile, ParticipantProfile,
};
use sosei_core::{DisplayName, LanguageSkill, Skill, SkillSlug, UserId};
use time::OffsetDateTime;

use crate::convert::{localized, timestamp_from_unix, unix_seconds};
use crate::programme_values::{
    corrupt, country_from_text, date_range_from_texts, date_range_texts, language_from_text,
    level_from_text, skill_from_text,
};
use crate::programmes::coordinator_roles_sql;
use crate::{Store, StoreError};

#[derive(sqlx::FromRow)]
pub(crate) struct ProfileRow {
    pub(crate) display_name: String,
    pub(crate) affiliation: Option<String>,
    pub(crate) dietary_notes: Option<String>,
    pub(crate) accessibility_needs: Option<String>,
    pub(crate) bio: Option<String>,
    pub(crate) updated_at: i64,
}

/// The lists of one profile, as read.
#[derive(Default)]
pub(crate) struct ProfileLists {
    pub(crate) nationalities: Vec<String>,
    pub(crate) languages: Vec<(String, String)>,
    pub(crate) skills: Vec<String>,
    pub(crate) availability: Vec<(String, String)>,
    pub(crate) dietary: Vec<String>,
}

fn optional_text<T>(
    what: &str,
    text: Option<String>,
    parse: impl Fn(&str) -> Result<T, sosei_core::TextError>,
) -> Result<Option<T>, StoreError> {
    text.map(|text| parse(&text).map_err(|_| corrupt(what, &text)))
        .transpose()
}

pub(crate) fn profile_from_rows(
    user: UserId,
    row: ProfileRow,
    lists: ProfileLists,
) -> Result<ParticipantProfile, StoreError> {
    let languages = lists
        .languages
        .iter()
        .map(|(code, level)| {
            LanguageSkill::new(language_from_text(code)?, level_from_text(level)?)
                .map_err(|_| corrupt("language skill", (code, level)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut dietary_requirements = lists
        .dietary
        .iter()
        .map(|text| {
            DietaryRequirement::parse(text).ok_or_else(|| corrupt("dietary requirement", text))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // A set: in the enum's order, as `NewParticipantProfile::normalized` has it.
    dietary_requirements.sort_unstable();
    Ok(ParticipantProfile {
        user,
        details: NewParticipantProfile {
            display_name: DisplayName::parse(&row.display_name)
                .map_err(|_| corrupt("display name", &row.display_name))?,
            nationalities: lists
                .nationalities
                .iter()
                .map(|code| country_from_text(code))
                .collect::<Result<Vec<_>, _>>()?,
            languages,
            skills: lists
                .skills
                .iter()
                .map(|slug| skill_from_text(slug))
                .collect::<Result<Vec<_>, _>>()?,
            affiliation: optional_text("affiliation", row.affiliation, Affiliation::parse)?,
            availability: lists
                .availability
                .iter()
                .map(|(starts_on, ends_on)| date_range_from_texts(starts_on, ends_on))
                .collect::<Result<Vec<_>, _>>()?,
            dietary_requirements,
            dietary_notes: optional_text("dietary notes", row.dietary_notes, NeedsText::parse)?,
            accessibility_needs: optional_text(
                "accessibility needs",
                row.accessibility_needs,
                NeedsText::parse,
            )?,
            bio: optional_text("bio", row.bio, Bio::parse)?,
        },
        updated_at: timestamp_from_unix(row.updated_at)?,
    })
}

impl Store {
    // --- skills ---------------------------------------------------------------------------------

    /// The whole taxonomy, by slug.
    pub async fn skills(&self) -> Result<Vec<Skill>, StoreError> {
        let rows: Vec<(String, Option<String>, Option<String>, bool)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT slug, label_ja, label_en, built_in FROM skills ORDER BY slug")
                .fetch_all(pool)
                .await?
        });
        rows.into_iter()
            .map(|(slug, ja, en, built_in)| {
                Ok(Skill {
                    slug: skill_from_text(&slug)?,
                    label: localized(ja, en),
                    built_in,
                })
            })
            .collect()
    }

    /// Add a skill to the taxonomy (by a site admin). `Conflict` when the slug exists.
    pub async fn add_skill(
        &self,
        slug: &SkillSlug,
        label: &sosei_core::LocalizedText,
    ) -> Result<Skill, StoreError> {
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO skills (slug, label_ja, label_en, built_in) VALUES ($1, $2, $3, FALSE)",
            )
            .bind(slug.as_str())
            .bind(label.ja.as_deref())
            .bind(label.en.as_deref())
            .execute(pool)
            .await
            .map_err(|error| StoreError::from_write(error, "skill already exists"))?;
        });
        Ok(Skill {
            slug: slug.clone(),
            label: label.clone(),
            built_in: false,
        })
    }

    // --- profiles -------------------------------------------------------------------------------

    /// Create or replace `user`'s profile (lists are normalised first: repeats dropped).
    /// `NotFound` when the user or a skill does not exist.
    pub async fn save_participant_profile(
        &self,
        user: UserId,
        profile: &NewParticipantProfile,
        now: OffsetDateTime,
    ) -> Result<ParticipantProfile, StoreError> {
        let profile = profile.clone().normalized();
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            sqlx::query(
                "INSERT INTO participant_profiles (user_id, display_name, affiliation, \
                 dietary_notes, accessibility_needs, bio, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, \
                 affiliation = excluded.affiliation, dietary_notes = excluded.dietary_notes, \
                 accessibility_needs = excluded.accessibility_needs, bio = excluded.bio, \
                 updated_at = excluded.updated_at",
            )
            .bind(user.0)
            .bind(profile.display_name.as_str())
            .bind(profile.affiliation.as_ref().map(Affiliation::as_str))
            .bind(profile.dietary_notes.as_ref().map(NeedsText::as_str))
            .bind(profile.accessibility_needs.as_ref().map(NeedsText::as_str))
            .bind(profile.bio.as_ref().map(Bio::as_str))
            .bind(unix_seconds(now))
            .execute(&mut *transaction)
            .await
            .map_err(|error| StoreError::from_write(error, "profile"))?;
            for table in [
                "profile_nationalities",
                "profile_languages",
                "profile_skills",
                "profile_availability",
                "profile_dietary_requirements",
            ] {
                sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
                    .bind(user.0)
                    .execute(&mut *transaction)
                    .await?;
            }
            for (position, code) in (1_i64..).zip(&profile.nationalities) {
                sqlx::query(
                    "INSERT INTO profile_nationalities (user_id, position, country_code) \
                     VALUES ($1, $2, $3)",
                )
                .bind(user.0)
                .bind(position)
                .bind(code.as_str())
                .execute(&mut *transaction)
                .await?;
            }
            for (position, language) in (1_i64..).zip(&profile.languages) {
                sqlx::query(
                    "INSERT INTO profile_languages (user_id, position, language_code, level, \
                     level_rank) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(user.0)
                .bind(position)
                .bind(language.language().as_str())
                .bind(language.level().as_str())
                .bind(i64::from(language.level().rank()))
                .execute(&mut *transaction)
                .await?;
            }
            for (position, skill) in (1_i64..).zip(&profile.skills) {
                sqlx::query(
                    "INSERT INTO profile_skills (user_id, position, skill_slug) VALUES ($1, $2, $3)",
                )
                .bind(user.0)
                .bind(position)
                .bind(skill.as_str())
                .execute(&mut *transaction)
                .await
                .map_err(|error| StoreError::from_write(error, "profile skill"))?;
            }
            for window in &profile.availability {
                let (starts_on, ends_on) = date_range_texts(window);
                sqlx::query(
                    "INSERT INTO profile_availability (user_id, starts_on, ends_on) \
                     VALUES ($1, $2, $3)",
                )
                .bind(user.0)
                .bind(starts_on)
                .bind(ends_on)
                .execute(&mut *transaction)
                .await?;
            }
            for requirement in &profile.dietary_requirements {
                sqlx::query(
                    "INSERT INTO profile_dietary_requirements (user_id, requirement) \
                     VALUES ($1, $2)",
                )
                .bind(user.0)
                .bind(requirement.as_str())
                .execute(&mut *transaction)
                .await?;
            }
            transaction.commit().await?;
        });
        self.participant_profile(user).await
    }

    /// `NotFound` when the user has no profile. Check `profile_visible_to` first.
    pub async fn participant_profile(
        &self,
        user: UserId,
    ) -> Result<ParticipantProfile, StoreError> {
        let (row, lists): (Option<ProfileRow>, ProfileLists) = with_pool!(self, pool => {
            let row = sqlx::query_as(
                "SELECT display_name, affiliation, dietary_notes, accessibility_needs, bio, \
                 updated_at FROM participant_profiles WHERE user_id = $1",
            )
            .bind(user.0)
            .fetch_optional(pool)
            .await?;
            let lists = ProfileLists {
                nationalities: sqlx::query_scalar(
                    "SELECT country_code FROM profile_nationalities WHERE user_id = $1 \
                     ORDER BY position",
                )
                .bind(user.0)
                .fetch_all(pool)
                .await?,
                languages: sqlx::query_as(
                    "SELECT language_code, level FROM profile_languages WHERE user_id = $1 \
                     ORDER BY position",
                )
                .bind(user.0)
                .fetch_all(pool)
                .await?,
                skills: sqlx::query_scalar(
                    "SELECT skill_slug FROM profile_skills WHERE user_id = $1 ORDER BY position",
                )
                .bind(user.0)
                .fetch_all(pool)
                .await?,
                availability: sqlx::query_as(
                    "SELECT starts_on, ends_on FROM profile_availability WHERE user_id = $1 \
                     ORDER BY starts_on, ends_on",
                )
                .bind(user.0)
                .fetch_all(pool)
                .await?,
                dietary: sqlx::query_scalar(
                    "SELECT requirement FROM profile_dietary_requirements WHERE user_id = $1 \
                     ORDER BY requirement",
                )
                .bind(user.0)
                .fetch_all(pool)
                .await?,
            };
            (row, lists)
        });
        profile_from_rows(user, row.ok_or(StoreError::NotFound)?, lists)
    }

    /// The privacy rule of `ParticipantProfile`, in one query: `viewer` may see `owner`'s
    /// profile when they are the same person, or when `owner` applied (in any status) to a
    /// programme whose organisation gives `viewer` a coordinator role. Site admins are the web
    /// layer's business.
    pub async fn profile_visible_to(
        &self,
        viewer: UserId,
        owner: UserId,
    ) -> Result<bool, StoreError> {
        if viewer == owner {
            return Ok(true);
        }
        let sql = format!(
            "SELECT COUNT(*) FROM applications a \
             JOIN programmes p ON p.id = a.programme_id \
             JOIN memberships m ON m.organisation_id = p.organisation_id \
             WHERE a.user_id = $1 AND m.user_id = $2 AND m.role IN ({})",
            coordinator_roles_sql()
        );
        let count: i64 = with_pool!(self, pool => {
            sqlx::query_scalar(&sql).bind(owner.0).bind(viewer.0).fetch_one(pool).await?
        });
        Ok(count > 0)
    }
}
