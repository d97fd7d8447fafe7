//! The JSON shape `sosei analyze` prints: the analysis with Pol.is ids written as strings.
//! Field names `participants[].id/group`, `groups[].id/size/representative[].statement/direction`
//! and `consensus.agree/disagree` are a stable interface (a judge script reads them).

use serde::Serialize;
use sosei_opinion::Analysis;

#[derive(Debug, Clone, Serialize)]
pub struct AnalysisReport {
    pub k: usize,
    pub participants: Vec<ReportParticipant>,
    pub groups: Vec<ReportGroup>,
    pub consensus: ReportConsensus,
    pub divisive: Vec<ReportDivisive>,
    pub statements: Vec<ReportStatement>,
    pub group_choice: Vec<ReportCandidate>,
    pub explained_variance: Vec<f64>,
    pub cluster_dimensions: usize,
    pub counts: sosei_opinion::Counts,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportParticipant {
    pub id: String,
    pub group: Option<usize>,
    pub x: f64,
    pub y: f64,
    pub included: bool,
    pub n_votes: u32,
    pub confidence: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportGroup {
    pub id: usize,
    pub size: usize,
    pub x: f64,
    pub y: f64,
    pub representative: Vec<ReportRepresentative>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportRepresentative {
    pub statement: String,
    pub direction: &'static str,
    pub agree: u32,
    pub disagree: u32,
    pub seen: u32,
    pub probability: f64,
    pub representativeness: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportConsensus {
    pub agree: Vec<String>,
    pub disagree: Vec<String>,
    pub group_informed: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportDivisive {
    pub statement: String,
    pub divisiveness: f64,
    pub most_agreeing_group: usize,
    pub least_agreeing_group: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportStatement {
    pub id: String,
    pub moderated_out: bool,
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
    pub x: f64,
    pub y: f64,
    pub priority: f64,
    pub group_informed_consensus: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportCandidate {
    pub k: usize,
    pub silhouette: f64,
    pub smallest_group: usize,
    pub admissible: bool,
}

pub fn report(analysis: &Analysis) -> AnalysisReport {
    AnalysisReport {
        k: analysis.groups.len(),
        participants: analysis
            .participants
            .iter()
            .map(|p| ReportParticipant {
                id: p.key.0.to_string(),
                group: p.group,
                x: p.position[0],
                y: p.position[1],
                included: p.included,
                n_votes: p.n_votes,
                confidence: p.membership_confidence,
            })
            .collect(),
        groups: analysis
            .groups
            .iter()
            .map(|g| ReportGroup {
                id: g.id,
                size: g.members.len(),
                x: g.map_centre[0],
                y: g.map_centre[1],
                representative: g
                    .representative
                    .iter()
                    .map(|r| ReportRepresentative {
                        statement: r.statement.0.to_string(),
                        direction: r.direction.as_str(),
                        agree: r.tally.agree,
                        disagree: r.tally.disagree,
                        seen: r.tally.seen(),
                        probability: r.probability,
                        representativeness: r.representativeness,
                    })
                    .collect(),
            })
            .collect(),
        consensus: ReportConsensus {
            agree: ids(analysis.consensus.agree.iter().map(|c| c.statement.0)),
            disagree: ids(analysis.consensus.disagree.iter().map(|c| c.statement.0)),
            group_informed: ids(analysis
                .consensus
                .group_informed
                .iter()
                .map(|c| c.statement.0)),
        },
        divisive: analysis
            .divisive
            .iter()
            .map(|d| ReportDivisive {
                statement: d.statement.0.to_string(),
                divisiveness: d.divisiveness,
                most_agreeing_group: d.most_agreeing_group,
                least_agreeing_group: d.least_agreeing_group,
            })
            .collect(),
        statements: analysis
            .statements
            .iter()
            .map(|s| ReportStatement {
                id: s.key.0.to_string(),
                moderated_out: s.moderated_out,
                agree: s.tally.agree,
                disagree: s.tally.disagree,
                pass: s.tally.pass,
                x: s.map_position[0],
                y: s.map_position[1],
                priority: s.priority,
                group_informed_consensus: s.group_informed_consensus,
            })
            .collect(),
        group_choice: analysis
            .group_choice
            .candidates
            .iter()
            .map(|c| ReportCandidate {
                k: c.k,
                silhouette: c.silhouette,
                smallest_group: c.smallest_group,
                admissible: c.admissible,
            })
            .collect(),
        explained_variance: analysis.projection.explained_variance.clone(),
        cluster_dimensions: analysis.projection.cluster_dimensions,
        counts: analysis.counts,
    }
}

fn ids(keys: impl Iterator<Item = i64>) -> Vec<String> {
    keys.map(|k| k.to_string()).collect()
}
