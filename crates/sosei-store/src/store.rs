//! The store's public API. (Skeleton: bodies are filled in by the storage work.)
#![allow(unused_variables, clippy::unused_async)]

use sosei_core::{
    EmailAddress, Locale, LocalizedText, Membership, Municipality, MunicipalityCode,
    NewOrganisation, NewProgramme, NewStakeholder, NewUser, Organisation, OrganisationId,
    OrganisationSlug, Programme, RegionGoal, RegionProfile, Role, Stakeholder, User, UserId,
    municipality::MunicipalityQuery,
};
use time::OffsetDateTime;

use crate::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A handle to the database; cheap to clone (it holds a pool).
#[derive(Debug, Clone)]
pub struct Store {
    _private: (),
}

/// A user together with their argon2id PHC hash, for signing in.
#[derive(Debug, Clone)]
pub struct UserWithPassword {
    pub user: User,
    pub password_hash: String,
}

/// A server-side session to store. Only the SHA-256 of the cookie token is kept.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token_hash: String,
    pub user_id: UserId,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub token_hash: String,
    pub user: User,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// Consecutive failed sign-ins for one key (an e-mail address or a client address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottle {
    pub consecutive_failures: i64,
    pub last_failure_at: Option<OffsetDateTime>,
}

impl Store {
    // --- connection -------------------------------------------------------------------------

    /// Connect to `sqlite://PATH` (created if missing) or `postgres://…`.
    pub async fn connect(database_url: &str) -> Result<Store, StoreError> {
        todo!()
    }
    /// Open (creating if needed) the SQLite file `DATA_DIR/sosei.db`.
    pub async fn open_data_dir(data_dir: &std::path::Path) -> Result<Store, StoreError> {
        todo!()
    }
    pub fn backend(&self) -> Backend {
        todo!()
    }
    /// Apply pending migrations, then load the bundled municipality directory if it is missing.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        todo!()
    }
    /// A trivial query, for `/healthz`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        todo!()
    }
    pub async fn close(&self) {
        todo!()
    }

    // --- site settings ------------------------------------------------------------------------

    /// The site's 32-byte signing secret, created on first call and shared by every app server.
    pub async fn signing_secret(&self) -> Result<Vec<u8>, StoreError> {
        todo!()
    }

    // --- users ----------------------------------------------------------------------------------

    /// `Conflict` when the e-mail address is taken.
    pub async fn create_user(
        &self,
        new_user: &NewUser,
        now: OffsetDateTime,
    ) -> Result<User, StoreError> {
        todo!()
    }
    pub async fn user(&self, id: UserId) -> Result<User, StoreError> {
        todo!()
    }
    pub async fn user_with_password_by_email(
        &self,
        email: &EmailAddress,
    ) -> Result<UserWithPassword, StoreError> {
        todo!()
    }
    pub async fn password_hash(&self, id: UserId) -> Result<String, StoreError> {
        todo!()
    }
    pub async fn set_password_hash(
        &self,
        id: UserId,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        todo!()
    }
    pub async fn set_preferred_locale(
        &self,
        id: UserId,
        locale: Option<Locale>,
    ) -> Result<(), StoreError> {
        todo!()
    }
    pub async fn set_site_admin(&self, id: UserId, is_site_admin: bool) -> Result<(), StoreError> {
        todo!()
    }
    /// Newest first.
    pub async fn list_users(&self, limit: i64, offset: i64) -> Result<Vec<User>, StoreError> {
        todo!()
    }
    pub async fn count_users(&self) -> Result<i64, StoreError> {
        todo!()
    }

    // --- sessions -------------------------------------------------------------------------------

    pub async fn create_session(&self, session: &NewSession) -> Result<(), StoreError> {
        todo!()
    }
    /// The live session with this token hash (`NotFound` when missing or expired at `now`).
    pub async fn session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<SessionRecord, StoreError> {
        todo!()
    }
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        todo!()
    }
    /// Sign a user out everywhere but `keep` (after a password change).
    pub async fn delete_sessions_of_user(
        &self,
        id: UserId,
        keep: Option<&str>,
    ) -> Result<(), StoreError> {
        todo!()
    }
    pub async fn delete_expired_sessions(&self, now: OffsetDateTime) -> Result<u64, StoreError> {
        todo!()
    }

    // --- sign-in throttling ---------------------------------------------------------------------

    pub async fn login_throttle(&self, key: &str) -> Result<LoginThrottle, StoreError> {
        todo!()
    }
    /// Count one more consecutive failure; returns the new state.
    pub async fn record_login_failure(
        &self,
        key: &str,
        now: OffsetDateTime,
    ) -> Result<LoginThrottle, StoreError> {
        todo!()
    }
    pub async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError> {
        todo!()
    }

    // --- municipality directory -----------------------------------------------------------------

    /// Insert or update every entry (idempotent).
    pub async fn load_municipalities(&self, entries: &[Municipality]) -> Result<(), StoreError> {
        todo!()
    }
    pub async fn count_municipalities(&self) -> Result<i64, StoreError> {
        todo!()
    }
    pub async fn municipality(&self, code: MunicipalityCode) -> Result<Municipality, StoreError> {
        todo!()
    }
    /// Matches on code prefix, kana, romaji or kanji name; prefectures last, then by code.
    pub async fn search_municipalities(
        &self,
        query: &MunicipalityQuery,
        limit: i64,
    ) -> Result<Vec<Municipality>, StoreError> {
        todo!()
    }
    /// The 47 prefectures in code order.
    pub async fn prefectures(&self) -> Result<Vec<Municipality>, StoreError> {
        todo!()
    }
    /// Municipalities (not wards) of one prefecture, in code order.
    pub async fn municipalities_of_prefecture(
        &self,
        prefecture: MunicipalityCode,
    ) -> Result<Vec<Municipality>, StoreError> {
        todo!()
    }

    // --- region profiles ------------------------------------------------------------------------

    /// Create or replace the vision, plan and steward of a region's profile (goals untouched).
    pub async fn upsert_region_profile(
        &self,
        code: MunicipalityCode,
        steward: Option<OrganisationId>,
        vision: &LocalizedText,
        plan: &LocalizedText,
        now: OffsetDateTime,
    ) -> Result<RegionProfile, StoreError> {
        todo!()
    }
    pub async fn region_profile(
        &self,
        code: MunicipalityCode,
    ) -> Result<RegionProfile, StoreError> {
        todo!()
    }
    /// Every region that has a profile, in code order.
    pub async fn list_region_profiles(&self) -> Result<Vec<RegionProfile>, StoreError> {
        todo!()
    }
    /// Replace the goals of a region's profile, in the given order.
    pub async fn set_region_goals(
        &self,
        code: MunicipalityCode,
        goals: &[LocalizedText],
    ) -> Result<Vec<RegionGoal>, StoreError> {
        todo!()
    }

    // --- stakeholders ---------------------------------------------------------------------------

    pub async fn add_stakeholder(
        &self,
        stakeholder: &NewStakeholder,
    ) -> Result<Stakeholder, StoreError> {
        todo!()
    }
    pub async fn stakeholders_of_region(
        &self,
        code: MunicipalityCode,
    ) -> Result<Vec<Stakeholder>, StoreError> {
        todo!()
    }
    pub async fn remove_stakeholder(
        &self,
        id: sosei_core::StakeholderId,
    ) -> Result<(), StoreError> {
        todo!()
    }
    /// The regions where an organisation is a stakeholder.
    pub async fn regions_of_organisation(
        &self,
        id: OrganisationId,
    ) -> Result<Vec<MunicipalityCode>, StoreError> {
        todo!()
    }

    // --- organisations --------------------------------------------------------------------------

    /// `Conflict` when the slug is taken.
    pub async fn create_organisation(
        &self,
        organisation: &NewOrganisation,
        now: OffsetDateTime,
    ) -> Result<Organisation, StoreError> {
        todo!()
    }
    pub async fn update_organisation(
        &self,
        id: OrganisationId,
        organisation: &NewOrganisation,
    ) -> Result<Organisation, StoreError> {
        todo!()
    }
    pub async fn organisation(&self, id: OrganisationId) -> Result<Organisation, StoreError> {
        todo!()
    }
    pub async fn organisation_by_slug(
        &self,
        slug: &OrganisationSlug,
    ) -> Result<Organisation, StoreError> {
        todo!()
    }
    /// In slug order.
    pub async fn list_organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        todo!()
    }

    // --- memberships and roles ------------------------------------------------------------------

    /// Idempotent.
    pub async fn grant_role(
        &self,
        organisation: OrganisationId,
        user: UserId,
        role: Role,
    ) -> Result<(), StoreError> {
        todo!()
    }
    pub async fn revoke_role(
        &self,
        organisation: OrganisationId,
        user: UserId,
        role: Role,
    ) -> Result<(), StoreError> {
        todo!()
    }
    pub async fn roles_of(
        &self,
        organisation: OrganisationId,
        user: UserId,
    ) -> Result<Vec<Role>, StoreError> {
        todo!()
    }
    /// Every membership of an organisation with the member, by display name.
    pub async fn members_of(
        &self,
        organisation: OrganisationId,
    ) -> Result<Vec<(User, Role)>, StoreError> {
        todo!()
    }
    pub async fn memberships_of_user(&self, user: UserId) -> Result<Vec<Membership>, StoreError> {
        todo!()
    }

    // --- programmes -----------------------------------------------------------------------------

    pub async fn create_programme(
        &self,
        programme: &NewProgramme,
    ) -> Result<Programme, StoreError> {
        todo!()
    }
    /// By start date.
    pub async fn programmes_of_region(
        &self,
        code: MunicipalityCode,
    ) -> Result<Vec<Programme>, StoreError> {
        todo!()
    }
    pub async fn programmes_of_organisation(
        &self,
        id: OrganisationId,
    ) -> Result<Vec<Programme>, StoreError> {
        todo!()
    }
}
