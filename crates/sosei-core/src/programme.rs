//! Programmes that bring a team of outsiders to a region. The Social Contract capability extends
//! this record (applications, teams, hosts); the platform shows it on region pages.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::{LocalizedText, MunicipalityCode, OrganisationId, ProgrammeId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub id: ProgrammeId,
    pub organisation: OrganisationId,
    pub region: MunicipalityCode,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub starts_on: Date,
    pub ends_on: Date,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProgramme {
    pub organisation: OrganisationId,
    pub region: MunicipalityCode,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub starts_on: Date,
    pub ends_on: Date,
}
