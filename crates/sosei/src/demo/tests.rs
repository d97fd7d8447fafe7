#![allow(clippy::unwrap_used)] // tests may unwrap

use super::*;
use sosei_core::deliberation::{ConversationState, ModerationMode, ParticipationMode, VoteChoice};

/// A new, empty directory under the system's temp dir (removed by the test when it passes).
fn fresh_data_dir(label: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("sosei-{label}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn code(raw: &str) -> MunicipalityCode {
    MunicipalityCode::parse(raw).unwrap()
}

#[test]
fn the_bundled_content_parses_and_covers_the_founding_documents() {
    let data = demo_data().unwrap();

    let slugs: Vec<&str> = data.organisations.iter().map(|o| o.slug.as_str()).collect();
    assert_eq!(
        slugs,
        [
            "sosei-partners",
            "boundless",
            "japa",
            "oiso-consortium",
            "ilo-japan",
            "jca"
        ]
    );
    let jca = &data.organisations[5];
    assert_eq!(jca.kind, OrganisationKind::Cooperative);

    let regions: Vec<(String, &str)> = data
        .regions
        .iter()
        .map(|r| (r.code.to_string(), r.municipality_name.as_str()))
        .collect();
    assert_eq!(
        regions,
        [
            ("032085".to_owned(), "遠野市"),
            ("016497".to_owned(), "浦幌町"),
            ("014681".to_owned(), "下川町"),
            ("402109".to_owned(), "八女市"),
            ("042021".to_owned(), "石巻市"),
            ("143413".to_owned(), "大磯町"),
        ]
    );
    for region in &data.regions {
        assert!(region.vision.ja.is_some() && region.vision.en.is_some());
        assert!(region.plan.ja.is_some() && region.plan.en.is_some());
        assert!(
            (2..=4).contains(&region.goals.len()),
            "{} has {} goals",
            region.code,
            region.goals.len()
        );
        assert!(
            region
                .stakeholders
                .iter()
                .any(|s| s.role == StakeholderRole::LocalGovernment),
            "{} lacks its town hall",
            region.code
        );
        let expected_steward = if region.code == code("143413") {
            "oiso-consortium"
        } else {
            "sosei-partners"
        };
        assert_eq!(
            region.steward.as_ref().map(|s| s.as_str()),
            Some(expected_steward)
        );
    }

    let programmes: Vec<(String, String, String)> = data
        .programmes
        .iter()
        .map(|p| {
            (
                p.region.to_string(),
                p.starts_on.to_string(),
                p.ends_on.to_string(),
            )
        })
        .collect();
    assert_eq!(
        programmes,
        [
            ("014681".into(), "2017-03-03".into(), "2017-03-13".into()),
            ("402109".into(), "2017-03-20".into(), "2017-03-23".into()),
            ("032085".into(), "2017-09-06".into(), "2017-09-09".into()),
            ("016497".into(), "2017-09-12".into(), "2017-09-17".into()),
            ("042021".into(), "2017-12-18".into(), "2018-01-28".into()),
        ]
    );
    assert!(
        data.programmes
            .iter()
            .all(|p| p.organisation.as_str() == "sosei-partners")
    );
}

#[test]
fn texts_are_trimmed_and_paragraphs_kept() {
    let data = demo_data().unwrap();
    let tono = &data.regions[0];
    let plan = tono.plan.ja.as_deref().unwrap();
    assert!(!plan.starts_with('\n') && !plan.ends_with('\n'));
    assert!(plan.contains("\n\n"), "the plan should have two paragraphs");
    assert!(tono.vision.ja.as_deref().unwrap().contains("持続可能"));
}

#[tokio::test]
async fn loading_twice_into_a_fresh_sqlite_store_creates_everything_once() {
    let dir = fresh_data_dir("demo-test");
    let store = Store::open_data_dir(&dir).await.unwrap();
    store.migrate().await.unwrap();
    let data = demo_data().unwrap();
    let total_stakeholders: usize = data.regions.iter().map(|r| r.stakeholders.len()).sum();

    let first = load_demo_data(&store).await.unwrap();
    assert_eq!(
        first,
        DemoSummary {
            organisations_created: 6,
            regions_created: 6,
            stakeholders_created: total_stakeholders,
            programmes_created: 5,
            conversations_created: 1,
            // Checked in detail by social_contract's own tests.
            social_contract: first.social_contract.clone(),
            // Site admin, organisation admin, facilitator and expert; the coordinator and the
            // participant come with the Social Contract part.
            accounts_created: 4,
        }
    );
    assert!(first.social_contract.created_anything());

    let second = load_demo_data(&store).await.unwrap();
    assert_eq!(second, DemoSummary::default());
    assert!(!second.created_anything());

    assert_eq!(store.list_organisations().await.unwrap().len(), 6);
    let profiles = store.list_region_profiles().await.unwrap();
    assert_eq!(profiles.len(), 6);

    let sosei_partners = store
        .organisation_by_slug(&OrganisationSlug::parse("sosei-partners").unwrap())
        .await
        .unwrap();
    let oiso_consortium = store
        .organisation_by_slug(&OrganisationSlug::parse("oiso-consortium").unwrap())
        .await
        .unwrap();

    let tono = store.region_profile(code("032085")).await.unwrap();
    assert_eq!(tono.steward, Some(sosei_partners.id));
    assert_eq!(tono.goals.len(), 3);
    assert!(tono.vision.ja.as_deref().unwrap().contains("持続可能"));
    let oiso = store.region_profile(code("143413")).await.unwrap();
    assert_eq!(oiso.steward, Some(oiso_consortium.id));

    for region in &data.regions {
        let stakeholders = store.stakeholders_of_region(region.code).await.unwrap();
        assert_eq!(
            stakeholders.len(),
            region.stakeholders.len(),
            "stakeholders of {}",
            region.code
        );
    }
    let oiso_stakeholders = store.stakeholders_of_region(code("143413")).await.unwrap();
    assert!(
        oiso_stakeholders
            .iter()
            .any(|s| s.organisation == Some(oiso_consortium.id))
    );

    let ishinomaki = store.programmes_of_region(code("042021")).await.unwrap();
    assert_eq!(ishinomaki.len(), 1);
    assert_eq!(ishinomaki[0].organisation, sosei_partners.id);
    assert_eq!(ishinomaki[0].starts_on.to_string(), "2017-12-18");
    assert_eq!(ishinomaki[0].ends_on.to_string(), "2018-01-28");
    let of_sosei_partners = store
        .programmes_of_organisation(sosei_partners.id)
        .await
        .unwrap();
    // The five of 2017 and the two upcoming rounds of social_contract.toml.
    assert_eq!(of_sosei_partners.len(), 7);

    let regions_of_japa = store
        .regions_of_organisation(
            store
                .organisation_by_slug(&OrganisationSlug::parse("japa").unwrap())
                .await
                .unwrap()
                .id,
        )
        .await
        .unwrap();
    assert_eq!(regions_of_japa, vec![code("143413")]);

    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_edited_profile_is_left_alone_and_missing_parts_are_filled_in() {
    let dir = fresh_data_dir("demo-edit-test");
    let store = Store::open_data_dir(&dir).await.unwrap();
    store.migrate().await.unwrap();
    load_demo_data(&store).await.unwrap();

    // Someone rewrites Tono's vision and removes one stakeholder; a later load keeps the vision
    // and puts back only what is missing.
    let tono = code("032085");
    let edited_vision = LocalizedText::new("編集したビジョン", "An edited vision");
    let profile = store.region_profile(tono).await.unwrap();
    store
        .upsert_region_profile(
            tono,
            profile.steward,
            &edited_vision,
            &profile.plan,
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    let stakeholders = store.stakeholders_of_region(tono).await.unwrap();
    let removed = stakeholders
        .iter()
        .find(|s| s.role == StakeholderRole::HostFamily)
        .unwrap();
    store.remove_stakeholder(removed.id).await.unwrap();

    let again = load_demo_data(&store).await.unwrap();
    assert_eq!(
        again,
        DemoSummary {
            stakeholders_created: 1,
            ..DemoSummary::default()
        }
    );
    assert_eq!(
        store.region_profile(tono).await.unwrap().vision,
        edited_vision
    );
    assert_eq!(
        store.stakeholders_of_region(tono).await.unwrap().len(),
        stakeholders.len()
    );

    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_sample_deliberation_is_about_oiso_and_well_formed() {
    let deliberation = deliberation::demo_deliberation().unwrap();
    assert_eq!(deliberation.organisation.as_str(), "oiso-consortium");
    assert_eq!(deliberation.region, code("143413"));
    assert_eq!(
        deliberation.question.ja.as_deref(),
        Some("大磯町で社会的孤立・孤独を防ぐために、何ができるでしょうか")
    );
    assert!((15..=25).contains(&deliberation.statements.len()));
    assert!(deliberation.statements.iter().any(|s| s.is_seed));
    assert!((50..=70).contains(&deliberation.participants));
    assert!(!deliberation.facts.is_empty());
    // Fact cards cite their source, and carry no numbers the sources do not state.
    for fact in &deliberation.facts {
        assert!(!fact.source.is_empty());
        let ja = fact.text.ja.as_deref().unwrap();
        assert!(!ja.contains('%') && !ja.contains('％'), "{ja}");
    }
}

#[test]
fn synthetic_votes_are_deterministic_and_follow_the_camps() {
    let deliberation = deliberation::demo_deliberation().unwrap();
    let votes = deliberation::synthetic_votes(&deliberation);
    assert_eq!(votes, deliberation::synthetic_votes(&deliberation));
    let camps = deliberation::camps_of(&deliberation);
    // On every statement a camp leans 2 on, most of that camp's votes agree; on -2, disagree.
    for (index, statement) in deliberation.statements.iter().enumerate() {
        for (camp, lean) in statement.leans.iter().enumerate() {
            let of_camp: Vec<_> = votes
                .iter()
                .filter(|(p, s, _)| *s == index && camps[*p] == camp)
                .map(|(_, _, choice)| *choice)
                .collect();
            let share = |wanted| {
                of_camp.iter().filter(|c| **c == wanted).count() as f64
                    / of_camp.len().max(1) as f64
            };
            match lean {
                2 => assert!(
                    share(VoteChoice::Agree) > 0.6,
                    "statement {index} camp {camp}"
                ),
                -2 => assert!(
                    share(VoteChoice::Disagree) > 0.6,
                    "statement {index} camp {camp}"
                ),
                _ => {}
            }
        }
    }
}

#[tokio::test]
async fn the_sample_deliberation_is_open_with_votes_and_fact_cards_and_loads_once() {
    let dir = fresh_data_dir("demo-deliberation");
    let store = Store::open_data_dir(&dir).await.unwrap();
    store.migrate().await.unwrap();
    load_demo_data(&store).await.unwrap();
    let again = load_demo_data(&store).await.unwrap();
    assert_eq!(again.conversations_created, 0);

    let oiso_consortium = store
        .organisation_by_slug(&OrganisationSlug::parse("oiso-consortium").unwrap())
        .await
        .unwrap();
    let conversations = store
        .list_conversations(&sosei_store::ConversationFilter {
            organisation: Some(oiso_consortium.id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(conversations.len(), 1, "created once");
    let conversation = &conversations[0];
    assert_eq!(conversation.state, ConversationState::Open);
    assert_eq!(
        conversation.participation_mode,
        ParticipationMode::Anonymous
    );
    assert_eq!(conversation.moderation_mode, ModerationMode::Post);
    assert_eq!(conversation.region, Some(code("143413")));

    let deliberation = deliberation::demo_deliberation().unwrap();
    let statements = store.statements(conversation.id).await.unwrap();
    assert_eq!(statements.len(), deliberation.statements.len());
    assert!(statements.iter().any(|s| s.author.is_some()));
    assert_eq!(
        store.participants(conversation.id).await.unwrap().len(),
        deliberation.participants
    );
    // Statements in both languages; most translated into the other, a few left for the
    // facilitator, each translation into the other language and marked with who made it.
    assert!(
        statements
            .iter()
            .any(|s| s.language == sosei_core::Locale::Ja)
    );
    assert!(
        statements
            .iter()
            .any(|s| s.language == sosei_core::Locale::En)
    );
    let translations = store.statement_translations(conversation.id).await.unwrap();
    let translated = deliberation
        .statements
        .iter()
        .filter(|s| s.translation.is_some())
        .count();
    assert_eq!(translations.len(), translated);
    assert!(translated >= statements.len() / 2 && translated < statements.len());
    for translation in &translations {
        let statement = statements
            .iter()
            .find(|s| s.id == translation.statement)
            .unwrap();
        assert_eq!(translation.language, statement.language.other());
    }
    let kinds: std::collections::BTreeSet<_> =
        translations.iter().map(|t| t.translator.kind()).collect();
    assert_eq!(
        kinds.len(),
        3,
        "author, facilitator and volunteer: {kinds:?}"
    );
    assert!(
        translations
            .iter()
            .any(|t| t.language == sosei_core::Locale::Ja)
    );
    let expected_votes = deliberation::synthetic_votes(&deliberation).len();
    assert_eq!(
        store.count_votes(conversation.id).await.unwrap(),
        expected_votes as i64
    );
    let cards = store.fact_cards(conversation.id).await.unwrap();
    assert_eq!(cards.len(), deliberation.facts.len());
    assert!(cards.iter().any(|card| card.statement.is_some()));

    // The opinion engine finds groups in the votes at once.
    let participants = store.participants(conversation.id).await.unwrap();
    let key_of: std::collections::HashMap<_, _> = participants
        .iter()
        .enumerate()
        .map(|(index, p)| (p.id, index as i64))
        .collect();
    let votes: Vec<sosei_opinion::VoteRecord> = store
        .votes(conversation.id)
        .await
        .unwrap()
        .iter()
        .map(|vote| {
            let choice = match vote.choice {
                VoteChoice::Agree => sosei_opinion::Vote::Agree,
                VoteChoice::Disagree => sosei_opinion::Vote::Disagree,
                VoteChoice::Pass => sosei_opinion::Vote::Pass,
            };
            sosei_opinion::VoteRecord::new(key_of[&vote.participant], vote.statement.0, choice)
        })
        .collect();
    let input = sosei_opinion::AnalysisInput {
        statements: statements
            .iter()
            .map(|s| sosei_opinion::StatementInfo::plain(s.id.0))
            .collect(),
        votes,
        banned: Vec::new(),
        previous_groups: Vec::new(),
    };
    let analysis = sosei_opinion::analyze(&input, &sosei_opinion::AnalysisConfig::default());
    assert!(
        (2..=4).contains(&analysis.groups.len()),
        "{} groups",
        analysis.groups.len()
    );

    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn every_demo_role_has_an_account_with_its_role_and_a_fresh_password() {
    use accounts::{DemoRole, describe_sign_ins, reset_demo_passwords};
    use sosei_core::Role;

    let dir = fresh_data_dir("demo-accounts");
    let store = Store::open_data_dir(&dir).await.unwrap();
    store.migrate().await.unwrap();
    // Before the demo data, there is nobody to sign in as.
    assert!(reset_demo_passwords(&store).await.unwrap().is_empty());
    let summary = load_demo_data(&store).await.unwrap();
    assert_eq!(summary.accounts_created, 4, "{summary:?}");
    assert_eq!(load_demo_data(&store).await.unwrap().accounts_created, 0);

    let first = reset_demo_passwords(&store).await.unwrap();
    let roles: Vec<DemoRole> = first.iter().map(|sign_in| sign_in.role).collect();
    assert_eq!(roles, DemoRole::ALL);
    let verify = sosei_web::auth::password::verify_password_blocking;
    let oiso = store
        .organisation_by_slug(&OrganisationSlug::parse("oiso-consortium").unwrap())
        .await
        .unwrap();
    let partners = store
        .organisation_by_slug(&OrganisationSlug::parse("sosei-partners").unwrap())
        .await
        .unwrap();
    for sign_in in &first {
        let address = sosei_core::EmailAddress::parse(&sign_in.email).unwrap();
        let stored = store.user_with_password_by_email(&address).await.unwrap();
        assert!(
            verify(&stored.password_hash, &sign_in.password),
            "{sign_in:?}"
        );
        assert!(sign_in.start_path.starts_with('/'), "{sign_in:?}");
        let user = &stored.user;
        assert_eq!(
            user.is_site_admin,
            sign_in.role == DemoRole::SiteAdmin,
            "{sign_in:?}"
        );
        let (organisation, role) = match sign_in.role {
            DemoRole::OrganisationAdmin => (Some(&oiso), Some(Role::Admin)),
            DemoRole::Coordinator => (Some(&partners), Some(Role::Coordinator)),
            DemoRole::Facilitator => (Some(&oiso), Some(Role::Facilitator)),
            DemoRole::Expert => (Some(&oiso), Some(Role::Expert)),
            DemoRole::SiteAdmin | DemoRole::Participant => (None, None),
        };
        if let (Some(organisation), Some(role)) = (organisation, role) {
            let held = store.roles_of(organisation.id, user.id).await.unwrap();
            assert!(held.contains(&role), "{sign_in:?} holds {held:?}");
        }
        if sign_in.role == DemoRole::Participant {
            // An English-speaking student with a profile, reading in English.
            let profile = store.participant_profile(user.id).await.unwrap();
            assert!(
                profile
                    .details
                    .languages
                    .iter()
                    .any(|skill| skill.language().as_str() == "en"),
                "{profile:?}"
            );
            assert_eq!(user.preferred_locale, Some(sosei_core::Locale::En));
        }
    }
    let facilitator = &first[3];
    assert!(
        facilitator.start_path.ends_with("/moderation"),
        "{facilitator:?}"
    );
    assert!(
        first[2].start_path.ends_with("/applications"),
        "{:?}",
        first[2]
    );

    // The printout names every role, every address and every password.
    let printed = describe_sign_ins(&first);
    for sign_in in &first {
        assert!(
            printed.contains(&format!("  {}: {}", sign_in.role.label(), sign_in.email)),
            "{printed}"
        );
        assert!(printed.contains(&sign_in.password));
    }

    // A new start, new passwords; the old ones stop working.
    let second = reset_demo_passwords(&store).await.unwrap();
    for (old, new) in first.iter().zip(&second) {
        assert_ne!(old.password, new.password);
        let address = sosei_core::EmailAddress::parse(&new.email).unwrap();
        let stored = store.user_with_password_by_email(&address).await.unwrap();
        assert!(verify(&stored.password_hash, &new.password));
        assert!(!verify(&stored.password_hash, &old.password));
    }
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
