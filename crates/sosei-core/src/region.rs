//! A region's profile (the "System" step): its vision and plan, goals and stakeholders.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::organisation::string_enum;
use crate::{LocalizedText, MunicipalityCode, OrganisationId, StakeholderId};

/// What a town wants to become and how it plans to get there. Every municipality can have one;
/// the steward organisation's admins and coordinators edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionProfile {
    pub code: MunicipalityCode,
    pub steward: Option<OrganisationId>,
    pub vision: LocalizedText,
    pub plan: LocalizedText,
    pub goals: Vec<RegionGoal>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// One goal of a region's plan, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionGoal {
    pub position: i64,
    pub text: LocalizedText,
}

string_enum!(
    /// The part a stakeholder plays in a region.
    StakeholderRole {
        LocalGovernment = "local_government",
        Npo = "npo",
        Company = "company",
        School = "school",
        Cooperative = "cooperative",
        ResidentGroup = "resident_group",
        HostFamily = "host_family",
    }
);

/// An organisation, or a named person or group, with a role in a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stakeholder {
    pub id: StakeholderId,
    pub region: MunicipalityCode,
    pub role: StakeholderRole,
    /// Set when the stakeholder is an organisation registered in Sosei.
    pub organisation: Option<OrganisationId>,
    /// The stakeholder's name (for an organisation, a copy is not kept: use the organisation's).
    pub name: LocalizedText,
    pub description: LocalizedText,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStakeholder {
    pub region: MunicipalityCode,
    pub role: StakeholderRole,
    pub organisation: Option<OrganisationId>,
    pub name: LocalizedText,
    pub description: LocalizedText,
}
