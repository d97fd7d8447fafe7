use sosei_core::{LocalizedText, NewProgramme, NewStakeholder, StakeholderId, StakeholderRole};
use sosei_store::StoreError;
use time::macros::date;

use crate::{TestStore, code, moment, new_organisation};

pub async fn region_profiles(test_store: &TestStore) {
    let store = &test_store.store;
    let tono_code = code("032085");
    let steward = store
        .create_organisation(&new_organisation("tono-city", "遠野市役所"), moment(1_000))
        .await
        .expect("steward");
    assert!(matches!(
        store.region_profile(tono_code).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.list_region_profiles().await.expect("none").is_empty());
    assert!(matches!(
        store
            .set_region_goals(tono_code, &[LocalizedText::new("a", "a")])
            .await,
        Err(StoreError::NotFound)
    ));

    let vision = LocalizedText::new("民話のふるさと", "Home of folk tales");
    let plan = LocalizedText::from_options(Some("移住者を迎える".into()), None);
    let profile = store
        .upsert_region_profile(tono_code, Some(steward.id), &vision, &plan, moment(2_000))
        .await
        .expect("create profile");
    assert_eq!(profile.code, tono_code);
    assert_eq!(profile.steward, Some(steward.id));
    assert_eq!(profile.vision, vision);
    assert_eq!(profile.plan, plan);
    assert!(profile.goals.is_empty());
    assert_eq!(profile.updated_at, moment(2_000));

    let goals = vec![
        LocalizedText::new("関係人口を増やす", "Grow the related population"),
        LocalizedText::from_options(None, Some("Keep the school open".into())),
    ];
    let stored_goals = store
        .set_region_goals(tono_code, &goals)
        .await
        .expect("goals");
    assert_eq!(stored_goals.len(), 2);
    assert_eq!(stored_goals[0].text, goals[0]);
    assert_eq!(stored_goals[1].text, goals[1]);
    assert!(stored_goals[0].position < stored_goals[1].position);

    // Upserting again replaces vision, plan and steward, and keeps the goals.
    let new_vision = LocalizedText::new("遠野の未来", "Tono's future");
    let replaced = store
        .upsert_region_profile(
            tono_code,
            None,
            &new_vision,
            &LocalizedText::default(),
            moment(3_000),
        )
        .await
        .expect("replace profile");
    assert_eq!(replaced.steward, None);
    assert_eq!(replaced.vision, new_vision);
    assert!(replaced.plan.is_empty());
    assert_eq!(replaced.updated_at, moment(3_000));
    assert_eq!(replaced.goals, stored_goals);
    assert_eq!(
        store.region_profile(tono_code).await.expect("reread"),
        replaced
    );

    // Replacing the goals drops the old ones.
    let fewer = vec![LocalizedText::new("一つだけ", "Just one")];
    let stored_fewer = store
        .set_region_goals(tono_code, &fewer)
        .await
        .expect("fewer");
    assert_eq!(stored_fewer.len(), 1);
    assert_eq!(stored_fewer[0].text, fewer[0]);

    let sapporo = code("011002");
    store
        .upsert_region_profile(sapporo, Some(steward.id), &vision, &plan, moment(4_000))
        .await
        .expect("second region");
    store
        .set_region_goals(sapporo, &goals)
        .await
        .expect("goals of the second region");
    let all = store.list_region_profiles().await.expect("list");
    assert_eq!(
        all.iter().map(|p| p.code).collect::<Vec<_>>(),
        vec![sapporo, tono_code]
    );
    assert_eq!(all[0].goals.len(), 2);
    assert_eq!(all[1].goals, stored_fewer);

    assert!(matches!(
        store
            .upsert_region_profile(code("99999"), None, &vision, &plan, moment(5_000))
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .set_region_goals(tono_code, &[])
            .await
            .map(|goals| goals.len()),
        Ok(0)
    ));
}

pub async fn stakeholders(test_store: &TestStore) {
    let store = &test_store.store;
    let tono_code = code("032085");
    let kamaishi_code = code("032115");
    let npo = store
        .create_organisation(&new_organisation("tono-npo", "遠野NPO"), moment(1_000))
        .await
        .expect("npo");

    let as_organisation = store
        .add_stakeholder(&NewStakeholder {
            region: tono_code,
            role: StakeholderRole::Npo,
            organisation: Some(npo.id),
            name: LocalizedText::default(),
            description: LocalizedText::new("観光を担当", "Runs tourism"),
        })
        .await
        .expect("organisation stakeholder");
    assert_eq!(as_organisation.region, tono_code);
    assert_eq!(as_organisation.organisation, Some(npo.id));
    assert!(as_organisation.name.is_empty());

    let host_family = store
        .add_stakeholder(&NewStakeholder {
            region: tono_code,
            role: StakeholderRole::HostFamily,
            organisation: None,
            name: LocalizedText::new("菊池家", "The Kikuchi family"),
            description: LocalizedText::default(),
        })
        .await
        .expect("named stakeholder");
    assert_eq!(host_family.role, StakeholderRole::HostFamily);
    assert_eq!(host_family.organisation, None);

    store
        .add_stakeholder(&NewStakeholder {
            region: kamaishi_code,
            role: StakeholderRole::Npo,
            organisation: Some(npo.id),
            name: LocalizedText::default(),
            description: LocalizedText::default(),
        })
        .await
        .expect("stakeholder elsewhere");
    assert!(matches!(
        store
            .add_stakeholder(&NewStakeholder {
                region: code("99999"),
                role: StakeholderRole::Npo,
                organisation: None,
                name: LocalizedText::new("x", "x"),
                description: LocalizedText::default(),
            })
            .await,
        Err(StoreError::NotFound)
    ));

    assert_eq!(
        store.stakeholders_of_region(tono_code).await.expect("list"),
        vec![as_organisation.clone(), host_family.clone()]
    );
    assert_eq!(
        store
            .regions_of_organisation(npo.id)
            .await
            .expect("regions"),
        vec![tono_code, kamaishi_code]
    );

    store
        .remove_stakeholder(host_family.id)
        .await
        .expect("remove");
    assert!(matches!(
        store.remove_stakeholder(host_family.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.remove_stakeholder(StakeholderId(-1)).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.stakeholders_of_region(tono_code).await.expect("list"),
        vec![as_organisation.clone()]
    );
    store
        .remove_stakeholder(as_organisation.id)
        .await
        .expect("remove");
    assert_eq!(
        store
            .regions_of_organisation(npo.id)
            .await
            .expect("regions"),
        vec![kamaishi_code]
    );
}

pub async fn programmes(test_store: &TestStore) {
    let store = &test_store.store;
    let tono_code = code("032085");
    let npo = store
        .create_organisation(&new_organisation("tono-npo", "遠野NPO"), moment(1_000))
        .await
        .expect("npo");
    let university = store
        .create_organisation(&new_organisation("alpha", "アルファ大学"), moment(1_000))
        .await
        .expect("university");

    let summer = NewProgramme {
        organisation: npo.id,
        region: tono_code,
        title: LocalizedText::new("夏の滞在プログラム", "Summer stay"),
        summary: LocalizedText::from_options(Some("三週間".into()), None),
        starts_on: date!(2025 - 07 - 01),
        ends_on: date!(2025 - 07 - 21),
    };
    let spring = NewProgramme {
        organisation: university.id,
        title: LocalizedText::new("春の調査", "Spring survey"),
        starts_on: date!(2025 - 04 - 01),
        ends_on: date!(2025 - 04 - 10),
        ..summer.clone()
    };
    let created_summer = store.create_programme(&summer).await.expect("summer");
    assert_eq!(created_summer.organisation, npo.id);
    assert_eq!(created_summer.region, tono_code);
    assert_eq!(created_summer.title, summer.title);
    assert_eq!(created_summer.summary, summer.summary);
    assert_eq!(created_summer.starts_on, summer.starts_on);
    assert_eq!(created_summer.ends_on, summer.ends_on);
    let created_spring = store.create_programme(&spring).await.expect("spring");

    assert_eq!(
        store
            .programmes_of_region(tono_code)
            .await
            .expect("by region"),
        vec![created_spring.clone(), created_summer.clone()]
    );
    assert!(
        store
            .programmes_of_region(code("011002"))
            .await
            .expect("none")
            .is_empty()
    );
    assert_eq!(
        store
            .programmes_of_organisation(npo.id)
            .await
            .expect("by organisation"),
        vec![created_summer]
    );
    assert_eq!(
        store
            .programmes_of_organisation(university.id)
            .await
            .expect("by organisation"),
        vec![created_spring]
    );
    assert!(matches!(
        store
            .create_programme(&NewProgramme {
                organisation: sosei_core::OrganisationId(-1),
                ..summer.clone()
            })
            .await,
        Err(StoreError::NotFound)
    ));
}
