use sosei_core::{
    LocalizedText, Membership, OrganisationId, OrganisationKind, OrganisationSlug, Role, UserId,
};
use sosei_store::StoreError;

use crate::{TestStore, moment, new_organisation, new_user};

pub async fn organisations(test_store: &TestStore) {
    let store = &test_store.store;
    assert!(
        store
            .list_organisations()
            .await
            .expect("none yet")
            .is_empty()
    );

    let mut tono_input = new_organisation("tono-npo", "遠野まちづくりNPO");
    tono_input.website = Some("https://tono.example.jp".to_owned());
    tono_input.description = LocalizedText::from_options(Some("遠野の活性化".into()), None);
    let tono = store
        .create_organisation(&tono_input, moment(1_000))
        .await
        .expect("create");
    assert_eq!(tono.slug.as_str(), "tono-npo");
    assert_eq!(tono.kind, OrganisationKind::Npo);
    assert_eq!(tono.name, tono_input.name);
    assert_eq!(tono.description.ja.as_deref(), Some("遠野の活性化"));
    assert_eq!(tono.description.en, None);
    assert_eq!(tono.website.as_deref(), Some("https://tono.example.jp"));
    assert_eq!(tono.created_at, moment(1_000));

    let duplicate = store
        .create_organisation(&new_organisation("tono-npo", "別の団体"), moment(2_000))
        .await;
    assert!(
        matches!(duplicate, Err(StoreError::Conflict(_))),
        "{duplicate:?}"
    );

    let alpha = store
        .create_organisation(
            &new_organisation("alpha-university", "アルファ大学"),
            moment(3_000),
        )
        .await
        .expect("second organisation");

    assert_eq!(store.organisation(tono.id).await.expect("by id"), tono);
    assert_eq!(
        store
            .organisation_by_slug(&OrganisationSlug::parse("tono-npo").expect("slug"))
            .await
            .expect("by slug"),
        tono
    );
    assert!(matches!(
        store
            .organisation_by_slug(&OrganisationSlug::parse("nobody").expect("slug"))
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.organisation(OrganisationId(-1)).await,
        Err(StoreError::NotFound)
    ));

    let slugs: Vec<String> = store
        .list_organisations()
        .await
        .expect("list")
        .iter()
        .map(|organisation| organisation.slug.to_string())
        .collect();
    assert_eq!(slugs, ["alpha-university", "tono-npo"]);

    let mut renamed = new_organisation("tono-partners", "遠野パートナーズ");
    renamed.kind = OrganisationKind::Cooperative;
    let updated = store
        .update_organisation(tono.id, &renamed)
        .await
        .expect("update");
    assert_eq!(updated.id, tono.id);
    assert_eq!(updated.slug.as_str(), "tono-partners");
    assert_eq!(updated.kind, OrganisationKind::Cooperative);
    assert_eq!(updated.name, renamed.name);
    assert_eq!(updated.website, None);
    assert_eq!(updated.created_at, tono.created_at, "creation time is kept");
    assert_eq!(store.organisation(tono.id).await.expect("reread"), updated);

    let taken = store
        .update_organisation(tono.id, &new_organisation("alpha-university", "x"))
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
    assert!(matches!(
        store
            .update_organisation(OrganisationId(-1), &new_organisation("ghost", "x"))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.organisation(alpha.id).await.expect("untouched"),
        alpha
    );
}

pub async fn roles(test_store: &TestStore) {
    let store = &test_store.store;
    let tono = store
        .create_organisation(&new_organisation("tono-npo", "遠野NPO"), moment(1_000))
        .await
        .expect("tono");
    let alpha = store
        .create_organisation(&new_organisation("alpha", "アルファ"), moment(1_000))
        .await
        .expect("alpha");
    let hanako = store
        .create_user(&new_user("hanako@example.jp", "Hanako"), moment(1_000))
        .await
        .expect("hanako");
    let akira = store
        .create_user(&new_user("akira@example.jp", "Akira"), moment(1_000))
        .await
        .expect("akira");

    assert!(
        store
            .roles_of(tono.id, hanako.id)
            .await
            .expect("none")
            .is_empty()
    );
    store
        .grant_role(tono.id, hanako.id, Role::Member)
        .await
        .expect("member");
    store
        .grant_role(tono.id, hanako.id, Role::Admin)
        .await
        .expect("admin");
    store
        .grant_role(tono.id, hanako.id, Role::Admin)
        .await
        .expect("granting twice is fine");
    store
        .grant_role(tono.id, akira.id, Role::Facilitator)
        .await
        .expect("facilitator");
    store
        .grant_role(alpha.id, hanako.id, Role::Expert)
        .await
        .expect("expert");
    assert!(matches!(
        store
            .grant_role(OrganisationId(-1), hanako.id, Role::Member)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.grant_role(tono.id, UserId(-1), Role::Member).await,
        Err(StoreError::NotFound)
    ));

    assert_eq!(
        store.roles_of(tono.id, hanako.id).await.expect("roles"),
        vec![Role::Admin, Role::Member]
    );
    assert_eq!(
        store.roles_of(alpha.id, akira.id).await.expect("roles"),
        Vec::<Role>::new()
    );

    // By display name: Akira before Hanako; each person's roles admin first.
    let members: Vec<(UserId, Role)> = store
        .members_of(tono.id)
        .await
        .expect("members")
        .into_iter()
        .map(|(user, role)| (user.id, role))
        .collect();
    assert_eq!(
        members,
        vec![
            (akira.id, Role::Facilitator),
            (hanako.id, Role::Admin),
            (hanako.id, Role::Member),
        ]
    );
    let (first_member, _) = &store.members_of(tono.id).await.expect("members")[0];
    assert_eq!(first_member, &akira);

    let expected = vec![
        Membership {
            organisation_id: tono.id,
            user_id: hanako.id,
            role: Role::Admin,
        },
        Membership {
            organisation_id: tono.id,
            user_id: hanako.id,
            role: Role::Member,
        },
        Membership {
            organisation_id: alpha.id,
            user_id: hanako.id,
            role: Role::Expert,
        },
    ];
    let mut expected_sorted = expected.clone();
    expected_sorted.sort_by_key(|membership| (membership.organisation_id, membership.role));
    assert_eq!(
        store
            .memberships_of_user(hanako.id)
            .await
            .expect("memberships"),
        expected_sorted
    );

    store
        .revoke_role(tono.id, hanako.id, Role::Admin)
        .await
        .expect("revoke");
    store
        .revoke_role(tono.id, hanako.id, Role::Admin)
        .await
        .expect("revoking twice is fine");
    assert_eq!(
        store.roles_of(tono.id, hanako.id).await.expect("roles"),
        vec![Role::Member]
    );
    assert_eq!(
        store
            .memberships_of_user(hanako.id)
            .await
            .expect("memberships")
            .len(),
        2
    );
    assert_eq!(store.members_of(tono.id).await.expect("members").len(), 2);
    assert!(
        store
            .memberships_of_user(UserId(-1))
            .await
            .expect("nobody")
            .is_empty()
    );
}
