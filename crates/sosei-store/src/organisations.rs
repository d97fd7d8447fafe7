//! Organisations and the roles people hold in them.

use sosei_core::{
    Membership, NewOrganisation, Organisation, OrganisationId, OrganisationKind, OrganisationSlug,
    Role, User, UserId,
};
use time::OffsetDateTime;

use crate::convert::{localized, timestamp_from_unix, unix_seconds};
use crate::users::{USER_COLUMNS_QUALIFIED, UserRow, user_from_row};
use crate::{Store, StoreError};

const ORGANISATION_COLUMNS: &str =
    "id, slug, kind, name_ja, name_en, description_ja, description_en, website, created_at";
const SLUG_TAKEN: &str = "this short name is already taken by another organisation";

#[derive(sqlx::FromRow)]
struct OrganisationRow {
    id: i64,
    slug: String,
    kind: String,
    name_ja: Option<String>,
    name_en: Option<String>,
    description_ja: Option<String>,
    description_en: Option<String>,
    website: Option<String>,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    #[sqlx(flatten)]
    user: UserRow,
    role: String,
}

#[derive(sqlx::FromRow)]
struct MembershipRow {
    organisation_id: i64,
    user_id: i64,
    role: String,
}

fn organisation_from_row(row: OrganisationRow) -> Result<Organisation, StoreError> {
    let slug = OrganisationSlug::parse(&row.slug)
        .map_err(|_| StoreError::Corrupt(format!("organisation slug {:?}", row.slug)))?;
    let kind = OrganisationKind::parse(&row.kind)
        .ok_or_else(|| StoreError::Corrupt(format!("organisation kind {:?}", row.kind)))?;
    Ok(Organisation {
        id: OrganisationId(row.id),
        slug,
        kind,
        name: localized(row.name_ja, row.name_en),
        description: localized(row.description_ja, row.description_en),
        website: row.website,
        created_at: timestamp_from_unix(row.created_at)?,
    })
}

fn role_from_text(text: &str) -> Result<Role, StoreError> {
    Role::parse(text).ok_or_else(|| StoreError::Corrupt(format!("role {text:?}")))
}

impl Store {
    // --- organisations --------------------------------------------------------------------------

    /// `Conflict` when the slug is taken.
    pub async fn create_organisation(
        &self,
        organisation: &NewOrganisation,
        now: OffsetDateTime,
    ) -> Result<Organisation, StoreError> {
        let sql = format!(
            "INSERT INTO organisations \
             (slug, kind, name_ja, name_en, description_ja, description_en, website, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {ORGANISATION_COLUMNS}"
        );
        let row: OrganisationRow = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(organisation.slug.as_str())
                .bind(organisation.kind.as_str())
                .bind(organisation.name.ja.as_deref())
                .bind(organisation.name.en.as_deref())
                .bind(organisation.description.ja.as_deref())
                .bind(organisation.description.en.as_deref())
                .bind(organisation.website.as_deref())
                .bind(unix_seconds(now))
                .fetch_one(pool)
                .await
                .map_err(|error| StoreError::from_write(error, SLUG_TAKEN))?
        });
        organisation_from_row(row)
    }

    /// `NotFound` when there is no such organisation, `Conflict` when the new slug is taken.
    pub async fn update_organisation(
        &self,
        id: OrganisationId,
        organisation: &NewOrganisation,
    ) -> Result<Organisation, StoreError> {
        let sql = format!(
            "UPDATE organisations SET slug = $1, kind = $2, name_ja = $3, name_en = $4, \
             description_ja = $5, description_en = $6, website = $7 \
             WHERE id = $8 RETURNING {ORGANISATION_COLUMNS}"
        );
        let row: Option<OrganisationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(organisation.slug.as_str())
                .bind(organisation.kind.as_str())
                .bind(organisation.name.ja.as_deref())
                .bind(organisation.name.en.as_deref())
                .bind(organisation.description.ja.as_deref())
                .bind(organisation.description.en.as_deref())
                .bind(organisation.website.as_deref())
                .bind(id.0)
                .fetch_optional(pool)
                .await
                .map_err(|error| StoreError::from_write(error, SLUG_TAKEN))?
        });
        organisation_from_row(row.ok_or(StoreError::NotFound)?)
    }

    pub async fn organisation(&self, id: OrganisationId) -> Result<Organisation, StoreError> {
        let sql = format!("SELECT {ORGANISATION_COLUMNS} FROM organisations WHERE id = $1");
        let row: Option<OrganisationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        });
        organisation_from_row(row.ok_or(StoreError::NotFound)?)
    }

    pub async fn organisation_by_slug(
        &self,
        slug: &OrganisationSlug,
    ) -> Result<Organisation, StoreError> {
        let sql = format!("SELECT {ORGANISATION_COLUMNS} FROM organisations WHERE slug = $1");
        let row: Option<OrganisationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(slug.as_str()).fetch_optional(pool).await?
        });
        organisation_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// In slug order.
    pub async fn list_organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        let sql = format!("SELECT {ORGANISATION_COLUMNS} FROM organisations ORDER BY slug");
        let rows: Vec<OrganisationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).fetch_all(pool).await?
        });
        rows.into_iter().map(organisation_from_row).collect()
    }

    // --- memberships and roles ------------------------------------------------------------------

    /// Idempotent. `NotFound` when the organisation or the user does not exist.
    pub async fn grant_role(
        &self,
        organisation: OrganisationId,
        user: UserId,
        role: Role,
    ) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO memberships (organisation_id, user_id, role) VALUES ($1, $2, $3) \
                 ON CONFLICT (organisation_id, user_id, role) DO NOTHING",
            )
            .bind(organisation.0)
            .bind(user.0)
            .bind(role.as_str())
            .execute(pool)
            .await
            .map_err(|error| StoreError::from_write(error, "membership"))?;
        });
        Ok(())
    }

    /// Revoking a role the person does not hold is not an error.
    pub async fn revoke_role(
        &self,
        organisation: OrganisationId,
        user: UserId,
        role: Role,
    ) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query(
                "DELETE FROM memberships WHERE organisation_id = $1 AND user_id = $2 AND role = $3",
            )
            .bind(organisation.0)
            .bind(user.0)
            .bind(role.as_str())
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The roles a person holds in one organisation, in `Role` order (admin first).
    pub async fn roles_of(
        &self,
        organisation: OrganisationId,
        user: UserId,
    ) -> Result<Vec<Role>, StoreError> {
        let texts: Vec<String> = with_pool!(self, pool => {
            sqlx::query_scalar(
                "SELECT role FROM memberships WHERE organisation_id = $1 AND user_id = $2",
            )
            .bind(organisation.0)
            .bind(user.0)
            .fetch_all(pool)
            .await?
        });
        let mut roles = texts
            .iter()
            .map(|text| role_from_text(text))
            .collect::<Result<Vec<Role>, StoreError>>()?;
        roles.sort();
        Ok(roles)
    }

    /// Every membership of an organisation with the member, by display name (then user id), and
    /// each member's roles in `Role` order.
    pub async fn members_of(
        &self,
        organisation: OrganisationId,
    ) -> Result<Vec<(User, Role)>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS_QUALIFIED}, memberships.role FROM memberships \
             JOIN users ON users.id = memberships.user_id \
             WHERE memberships.organisation_id = $1 \
             ORDER BY users.display_name, users.id"
        );
        let rows: Vec<MemberRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(organisation.0).fetch_all(pool).await?
        });
        let mut members = rows
            .into_iter()
            .map(|row| Ok((user_from_row(row.user)?, role_from_text(&row.role)?)))
            .collect::<Result<Vec<(User, Role)>, StoreError>>()?;
        // The database orders by person only; order each person's roles here, where `Role`'s
        // order (admin first) is known.
        for person in members.chunk_by_mut(|a, b| a.0.id == b.0.id) {
            person.sort_by_key(|(_, role)| *role);
        }
        Ok(members)
    }

    /// Every role a person holds, by organisation id, then in `Role` order.
    pub async fn memberships_of_user(&self, user: UserId) -> Result<Vec<Membership>, StoreError> {
        let rows: Vec<MembershipRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT organisation_id, user_id, role FROM memberships WHERE user_id = $1",
            )
            .bind(user.0)
            .fetch_all(pool)
            .await?
        });
        let mut memberships = rows
            .into_iter()
            .map(|row| {
                Ok(Membership {
                    organisation_id: OrganisationId(row.organisation_id),
                    user_id: UserId(row.user_id),
                    role: role_from_text(&row.role)?,
                })
            })
            .collect::<Result<Vec<Membership>, StoreError>>()?;
        memberships.sort_by_key(|membership| (membership.organisation_id, membership.role));
        Ok(memberships)
    }
}
