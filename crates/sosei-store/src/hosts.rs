//! Host families and the placements of participants with them. A placement is written by one
//! checked `INSERT … SELECT` (like `cast_vote_if_allowed`) that refuses when a bed would be
//! exceeded on any day of the stay, after locking the family's row so that two placements at
//! once cannot both see the last free bed.

use std::collections::BTreeMap;

use sosei_core::host::{
    Beds, HostContact, HostFamily, HostName, NewHostFamily, NewPlacement, Placement,
    PlacementOutcome,
};
use sosei_core::participant_profile::DietaryRequirement;
use sosei_core::{ApplicationId, HostFamilyId, OrganisationId, PlacementId, ProgrammeId};
use time::OffsetDateTime;

use crate::convert::{code_from_text, timestamp_from_unix, unix_seconds};
use crate::programme_values::{
    corrupt, date_range_from_texts, date_range_texts, language_from_text, small_number,
};
use crate::{Store, StoreError};

#[derive(sqlx::FromRow)]
struct HostRow {
    id: i64,
    organisation_id: i64,
    region_code: String,
    name: String,
    contact: Option<String>,
    beds: i64,
}

/// The child rows of a set of host families, by family id.
#[derive(Default)]
struct HostLists {
    available: BTreeMap<i64, Vec<(String, String)>>,
    languages: BTreeMap<i64, Vec<String>>,
    dietary: BTreeMap<i64, Vec<String>>,
}

fn host_from_row(row: HostRow, lists: &mut HostLists) -> Result<HostFamily, StoreError> {
    let available = lists
        .available
        .remove(&row.id)
        .unwrap_or_default()
        .iter()
        .map(|(starts_on, ends_on)| date_range_from_texts(starts_on, ends_on))
        .collect::<Result<Vec<_>, _>>()?;
    let languages = lists
        .languages
        .remove(&row.id)
        .unwrap_or_default()
        .iter()
        .map(|code| language_from_text(code))
        .collect::<Result<Vec<_>, _>>()?;
    let mut dietary_capabilities = lists
        .dietary
        .remove(&row.id)
        .unwrap_or_default()
        .iter()
        .map(|text| DietaryRequirement::parse(text).ok_or_else(|| corrupt("diet", text)))
        .collect::<Result<Vec<_>, _>>()?;
    // A set: in the enum's order, as `NewHostFamily::normalized` has it.
    dietary_capabilities.sort_unstable();
    Ok(HostFamily {
        id: HostFamilyId(row.id),
        details: NewHostFamily {
            organisation: OrganisationId(row.organisation_id),
            region: code_from_text(&row.region_code)?,
            name: HostName::parse(&row.name).map_err(|_| corrupt("host name", &row.name))?,
            contact: row
                .contact
                .map(|text| HostContact::parse(&text).map_err(|_| corrupt("host contact", &text)))
                .transpose()?,
            beds: small_number::<Beds>("beds", row.beds)?,
            available,
            languages,
            dietary_capabilities,
        },
    })
}

const PLACEMENT_COLUMNS: &str =
    "id, programme_id, application_id, host_family_id, starts_on, ends_on, created_at";

type PlacementRow = (i64, i64, i64, i64, String, String, i64);

fn placement_from_row(
    (id, programme, application, host, starts_on, ends_on, created_at): PlacementRow,
) -> Result<Placement, StoreError> {
    Ok(Placement {
        id: PlacementId(id),
        details: NewPlacement {
            programme: ProgrammeId(programme),
            application: ApplicationId(application),
            host: HostFamilyId(host),
            stay: date_range_from_texts(&starts_on, &ends_on)?,
        },
        created_at: timestamp_from_unix(created_at)?,
    })
}

/// Inside a transaction: insert the availability windows, languages and diets of family `$id`.
/// A macro because each backend's transaction is a different type (see `with_pool!`).
macro_rules! write_host_lists {
    ($transaction:expr, $id:expr, $host:expr) => {{
        for window in &$host.available {
            let (starts_on, ends_on) = date_range_texts(window);
            sqlx::query(
                "INSERT INTO host_availability (host_family_id, starts_on, ends_on) \
                 VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind($id)
            .bind(starts_on)
            .bind(ends_on)
            .execute(&mut *$transaction)
            .await?;
        }
        for (position, language) in (1_i64..).zip(&$host.languages) {
            sqlx::query(
                "INSERT INTO host_languages (host_family_id, position, language_code) \
                 VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind($id)
            .bind(position)
            .bind(language.as_str())
            .execute(&mut *$transaction)
            .await?;
        }
        for requirement in &$host.dietary_capabilities {
            sqlx::query(
                "INSERT INTO host_dietary_capabilities (host_family_id, requirement) \
                 VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind($id)
            .bind(requirement.as_str())
            .execute(&mut *$transaction)
            .await?;
        }
    }};
}

impl Store {
    /// `NotFound` when the organisation or the region does not exist.
    /// The lists are normalised first (`NewHostFamily::normalized`).
    pub async fn create_host_family(&self, host: &NewHostFamily) -> Result<HostFamily, StoreError> {
        let host = &host.clone().normalized();
        let id: i64 = with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO host_families (organisation_id, region_code, name, contact, beds) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(host.organisation.0)
            .bind(host.region.to_string())
            .bind(host.name.as_str())
            .bind(host.contact.as_ref().map(HostContact::as_str))
            .bind(i64::from(host.beds.get()))
            .fetch_one(&mut *transaction)
            .await
            .map_err(|error| StoreError::from_write(error, "host family"))?;
            write_host_lists!(transaction, id, host);
            transaction.commit().await?;
            id
        });
        self.host_family(HostFamilyId(id)).await
    }

    /// Replace everything about a host family (its placements stay; lists normalised). `NotFound` when there is no
    /// such family, or the organisation or region does not exist.
    pub async fn update_host_family(
        &self,
        id: HostFamilyId,
        host: &NewHostFamily,
    ) -> Result<HostFamily, StoreError> {
        let host = &host.clone().normalized();
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let updated = sqlx::query(
                "UPDATE host_families SET organisation_id = $1, region_code = $2, name = $3, \
                 contact = $4, beds = $5 WHERE id = $6",
            )
            .bind(host.organisation.0)
            .bind(host.region.to_string())
            .bind(host.name.as_str())
            .bind(host.contact.as_ref().map(HostContact::as_str))
            .bind(i64::from(host.beds.get()))
            .bind(id.0)
            .execute(&mut *transaction)
            .await
            .map_err(|error| StoreError::from_write(error, "host family"))?
            .rows_affected();
            if updated == 0 {
                return Err(StoreError::NotFound);
            }
            for table in ["host_availability", "host_languages", "host_dietary_capabilities"] {
                sqlx::query(&format!("DELETE FROM {table} WHERE host_family_id = $1"))
                    .bind(id.0)
                    .execute(&mut *transaction)
                    .await?;
            }
            write_host_lists!(transaction, id.0, host);
            transaction.commit().await?;
        });
        self.host_family(id).await
    }

    pub async fn host_family(&self, id: HostFamilyId) -> Result<HostFamily, StoreError> {
        self.load_host_families("h.id = $1", id.0)
            .await?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    /// By name (then id).
    pub async fn host_families_of_organisation(
        &self,
        organisation: OrganisationId,
    ) -> Result<Vec<HostFamily>, StoreError> {
        self.load_host_families("h.organisation_id = $1", organisation.0)
            .await
    }

    /// The families matching `condition` (on `host_families h`, with one `$1` parameter), each
    /// with its lists, in four queries.
    async fn load_host_families(
        &self,
        condition: &str,
        parameter: i64,
    ) -> Result<Vec<HostFamily>, StoreError> {
        let hosts_sql = format!(
            "SELECT h.id, h.organisation_id, h.region_code, h.name, h.contact, h.beds \
             FROM host_families h WHERE {condition} ORDER BY h.name, h.id"
        );
        let child_sql = |table: &str, columns: &str, order: &str| {
            format!(
                "SELECT c.host_family_id, {columns} FROM {table} c \
                 JOIN host_families h ON h.id = c.host_family_id WHERE {condition} \
                 ORDER BY c.host_family_id, {order}"
            )
        };
        let available_sql = child_sql("host_availability", "c.starts_on, c.ends_on", "c.starts_on");
        let languages_sql = child_sql("host_languages", "c.language_code", "c.position");
        let dietary_sql = child_sql(
            "host_dietary_capabilities",
            "c.requirement",
            "c.requirement",
        );
        let mut lists = HostLists::default();
        let rows: Vec<HostRow> = with_pool!(self, pool => {
            let rows = sqlx::query_as(&hosts_sql).bind(parameter).fetch_all(pool).await?;
            let available: Vec<(i64, String, String)> =
                sqlx::query_as(&available_sql).bind(parameter).fetch_all(pool).await?;
            let languages: Vec<(i64, String)> =
                sqlx::query_as(&languages_sql).bind(parameter).fetch_all(pool).await?;
            let dietary: Vec<(i64, String)> =
                sqlx::query_as(&dietary_sql).bind(parameter).fetch_all(pool).await?;
            for (host, starts_on, ends_on) in available {
                lists.available.entry(host).or_default().push((starts_on, ends_on));
            }
            for (host, code) in languages {
                lists.languages.entry(host).or_default().push(code);
            }
            for (host, requirement) in dietary {
                lists.dietary.entry(host).or_default().push(requirement);
            }
            rows
        });
        rows.into_iter()
            .map(|row| host_from_row(row, &mut lists))
            .collect()
    }

    // --- placements -----------------------------------------------------------------------------

    /// Place a participant with a host family if one of the family's windows covers the stay and
    /// a bed is free on every day of it. The check and the insert are one `INSERT … SELECT`; the
    /// family's row is locked first (a no-op `UPDATE`, the portable `SELECT … FOR UPDATE`) so a
    /// concurrent placement at the same family waits and then sees this one. `NotFound` when the
    /// family does not exist or the application is not one of the programme's.
    pub async fn place_participant(
        &self,
        placement: &NewPlacement,
        now: OffsetDateTime,
    ) -> Result<PlacementOutcome, StoreError> {
        let (starts_on, ends_on) = date_range_texts(&placement.stay);
        // The busiest day of the stay is its first day or a day another stay there begins.
        let sql = format!(
            "INSERT INTO host_placements \
             (programme_id, application_id, host_family_id, starts_on, ends_on, created_at) \
             SELECT a.programme_id, a.id, h.id, $4, $5, $6 \
             FROM applications a, host_families h \
             WHERE a.id = $2 AND a.programme_id = $1 AND h.id = $3 \
               AND EXISTS (SELECT 1 FROM host_availability w WHERE w.host_family_id = h.id \
                           AND w.starts_on <= $4 AND w.ends_on >= $5) \
               AND NOT EXISTS ( \
                   SELECT 1 FROM (SELECT $4 AS day UNION \
                                  SELECT q.starts_on FROM host_placements q \
                                  WHERE q.host_family_id = $3 AND q.starts_on > $4 \
                                    AND q.starts_on <= $5) busy_days \
                   WHERE (SELECT COUNT(*) FROM host_placements o \
                          WHERE o.host_family_id = $3 AND o.starts_on <= busy_days.day \
                            AND o.ends_on >= busy_days.day) >= h.beds) \
             RETURNING {PLACEMENT_COLUMNS}"
        );
        let _turn = self.sqlite_write_turn().await;
        let row: Option<PlacementRow> = with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let locked = sqlx::query("UPDATE host_families SET beds = beds WHERE id = $1")
                .bind(placement.host.0)
                .execute(&mut *transaction)
                .await?
                .rows_affected();
            if locked == 0 {
                return Err(StoreError::NotFound);
            }
            let row = sqlx::query_as(&sql)
                .bind(placement.programme.0)
                .bind(placement.application.0)
                .bind(placement.host.0)
                .bind(&starts_on)
                .bind(&ends_on)
                .bind(unix_seconds(now))
                .fetch_optional(&mut *transaction)
                .await
                .map_err(|error| StoreError::from_write(error, "placement"))?;
            transaction.commit().await?;
            row
        });
        if let Some(row) = row {
            return Ok(PlacementOutcome::Placed(placement_from_row(row)?));
        }
        // Work out why, with ordinary reads (a race cannot make these wrong in a way that
        // matters: nothing was written).
        let application = self.application(placement.application).await?;
        if application.programme != placement.programme {
            return Err(StoreError::NotFound);
        }
        let host = self.host_family(placement.host).await?;
        if !host.details.is_available_for(&placement.stay) {
            return Ok(PlacementOutcome::HostUnavailable);
        }
        Ok(PlacementOutcome::NoFreeBed)
    }

    /// A programme's placements by host, then start date.
    pub async fn placements_of_programme(
        &self,
        programme: ProgrammeId,
    ) -> Result<Vec<Placement>, StoreError> {
        let sql = format!(
            "SELECT {PLACEMENT_COLUMNS} FROM host_placements WHERE programme_id = $1 \
             ORDER BY host_family_id, starts_on, id"
        );
        let rows: Vec<PlacementRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(programme.0).fetch_all(pool).await?
        });
        rows.into_iter().map(placement_from_row).collect()
    }

    /// A family's placements (all programmes) by start date.
    pub async fn placements_of_host(
        &self,
        host: HostFamilyId,
    ) -> Result<Vec<Placement>, StoreError> {
        let sql = format!(
            "SELECT {PLACEMENT_COLUMNS} FROM host_placements WHERE host_family_id = $1 \
             ORDER BY starts_on, id"
        );
        let rows: Vec<PlacementRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(host.0).fetch_all(pool).await?
        });
        rows.into_iter().map(placement_from_row).collect()
    }

    /// Removing a missing placement is not an error.
    pub async fn remove_placement(&self, id: PlacementId) -> Result<(), StoreError> {
        let _turn = self.sqlite_write_turn().await;
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM host_placements WHERE id = $1")
                .bind(id.0)
                .execute(pool)
                .await?;
        });
        Ok(())
    }
}
