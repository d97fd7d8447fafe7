//! Demo data drawn from the founding documents. (Placeholder: written by the demo-data work.)

use sosei_store::Store;

/// What loading the demo data created (zero when it was already there: loading is idempotent).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub organisations_created: usize,
    pub regions_created: usize,
    pub programmes_created: usize,
}

/// Load the demo organisations, regions, stakeholders and programmes. Safe to run repeatedly.
pub async fn load_demo_data(_store: &Store) -> anyhow::Result<DemoSummary> {
    Ok(DemoSummary::default())
}
