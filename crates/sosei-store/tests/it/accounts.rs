use sosei_core::{EmailAddress, Locale, UserId};
use sosei_store::{NewSession, StoreError};

use crate::{TestStore, moment, new_user};

pub async fn users(test_store: &TestStore) {
    let store = &test_store.store;
    assert_eq!(store.count_users().await.expect("count"), 0);

    let hanako = store
        .create_user(
            &new_user("hanako@example.jp", "佐藤 花子"),
            moment(1_700_000_000),
        )
        .await
        .expect("create hanako");
    assert_eq!(hanako.email.as_str(), "hanako@example.jp");
    assert_eq!(hanako.display_name.as_str(), "佐藤 花子");
    assert!(!hanako.is_site_admin);
    assert_eq!(hanako.preferred_locale, None);
    assert_eq!(hanako.created_at, moment(1_700_000_000));

    // The same address, however it was typed, is one account.
    let duplicate = store
        .create_user(
            &new_user("ＨＡＮＡＫＯ@Example.jp", "別人"),
            moment(1_700_000_100),
        )
        .await;
    assert!(
        matches!(duplicate, Err(StoreError::Conflict(_))),
        "{duplicate:?}"
    );

    let mut taro_input = new_user("taro@example.jp", "Taro");
    taro_input.is_site_admin = true;
    taro_input.preferred_locale = Some(Locale::En);
    let taro = store
        .create_user(&taro_input, moment(1_700_000_200))
        .await
        .expect("create taro");
    assert_ne!(taro.id, hanako.id);
    assert!(taro.is_site_admin);
    assert_eq!(taro.preferred_locale, Some(Locale::En));

    assert_eq!(store.user(hanako.id).await.expect("get hanako"), hanako);
    assert!(matches!(
        store.user(UserId(hanako.id.0 + taro.id.0 + 100)).await,
        Err(StoreError::NotFound)
    ));

    let with_password = store
        .user_with_password_by_email(&EmailAddress::parse("Hanako@Example.JP").expect("email"))
        .await
        .expect("by email");
    assert_eq!(with_password.user, hanako);
    assert_eq!(
        with_password.password_hash,
        new_user("x@example.jp", "佐藤 花子").password_hash
    );
    assert!(matches!(
        store
            .user_with_password_by_email(&EmailAddress::parse("nobody@example.jp").expect("email"))
            .await,
        Err(StoreError::NotFound)
    ));

    store
        .set_password_hash(hanako.id, "$argon2id$new")
        .await
        .expect("new password hash");
    assert_eq!(
        store.password_hash(hanako.id).await.expect("hash"),
        "$argon2id$new"
    );
    assert_ne!(
        store.password_hash(taro.id).await.expect("hash"),
        "$argon2id$new"
    );
    assert!(matches!(
        store.set_password_hash(UserId(-1), "x").await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.password_hash(UserId(-1)).await,
        Err(StoreError::NotFound)
    ));

    store
        .set_preferred_locale(hanako.id, Some(Locale::Ja))
        .await
        .expect("locale");
    assert_eq!(
        store.user(hanako.id).await.expect("get").preferred_locale,
        Some(Locale::Ja)
    );
    store
        .set_preferred_locale(taro.id, None)
        .await
        .expect("no locale");
    assert_eq!(
        store.user(taro.id).await.expect("get").preferred_locale,
        None
    );

    store
        .set_site_admin(hanako.id, true)
        .await
        .expect("promote");
    store.set_site_admin(taro.id, false).await.expect("demote");
    assert!(store.user(hanako.id).await.expect("get").is_site_admin);
    assert!(!store.user(taro.id).await.expect("get").is_site_admin);
    assert!(matches!(
        store.set_site_admin(UserId(-1), true).await,
        Err(StoreError::NotFound)
    ));

    let jiro = store
        .create_user(&new_user("jiro@example.jp", "次郎"), moment(1_700_000_300))
        .await
        .expect("create jiro");
    assert_eq!(store.count_users().await.expect("count"), 3);
    let newest_first: Vec<UserId> = store
        .list_users(10, 0)
        .await
        .expect("list")
        .iter()
        .map(|user| user.id)
        .collect();
    assert_eq!(newest_first, vec![jiro.id, taro.id, hanako.id]);
    let second_page: Vec<UserId> = store
        .list_users(2, 2)
        .await
        .expect("page")
        .iter()
        .map(|user| user.id)
        .collect();
    assert_eq!(second_page, vec![hanako.id]);
}

pub async fn sessions(test_store: &TestStore) {
    let store = &test_store.store;
    let hanako = store
        .create_user(&new_user("hanako@example.jp", "花子"), moment(1_000))
        .await
        .expect("hanako");
    let taro = store
        .create_user(&new_user("taro@example.jp", "太郎"), moment(1_000))
        .await
        .expect("taro");
    let session = |token: &str, user_id: UserId, expires_at: i64| NewSession {
        token_hash: token.to_owned(),
        user_id,
        created_at: moment(2_000),
        expires_at: moment(expires_at),
    };

    store
        .create_session(&session("laptop", hanako.id, 10_000))
        .await
        .expect("laptop");
    store
        .create_session(&session("phone", hanako.id, 10_000))
        .await
        .expect("phone");
    store
        .create_session(&session("tablet", hanako.id, 5_000))
        .await
        .expect("tablet");
    store
        .create_session(&session("taro", taro.id, 10_000))
        .await
        .expect("taro");
    assert!(matches!(
        store
            .create_session(&session("laptop", taro.id, 10_000))
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .create_session(&session("ghost", UserId(-1), 10_000))
            .await,
        Err(StoreError::NotFound)
    ));

    let found = store
        .session("laptop", moment(3_000))
        .await
        .expect("live session");
    assert_eq!(found.token_hash, "laptop");
    assert_eq!(found.user, hanako);
    assert_eq!(found.created_at, moment(2_000));
    assert_eq!(found.expires_at, moment(10_000));
    assert!(matches!(
        store.session("nonexistent", moment(3_000)).await,
        Err(StoreError::NotFound)
    ));

    // Expiry: a session is dead from its expiry moment on.
    assert!(store.session("tablet", moment(4_999)).await.is_ok());
    assert!(matches!(
        store.session("tablet", moment(5_000)).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .delete_expired_sessions(moment(6_000))
            .await
            .expect("purge"),
        1
    );
    assert!(matches!(
        store.session("tablet", moment(1_000)).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .delete_expired_sessions(moment(6_000))
            .await
            .expect("purge"),
        0
    );

    store.delete_session("phone").await.expect("sign out");
    store
        .delete_session("phone")
        .await
        .expect("signing out twice is fine");
    assert!(store.session("phone", moment(3_000)).await.is_err());
    assert!(store.session("laptop", moment(3_000)).await.is_ok());

    // After a password change: every other session of the user goes, others' stay.
    store
        .create_session(&session("desktop", hanako.id, 10_000))
        .await
        .expect("desktop");
    store
        .delete_sessions_of_user(hanako.id, Some("laptop"))
        .await
        .expect("sign out elsewhere");
    assert!(store.session("laptop", moment(3_000)).await.is_ok());
    assert!(store.session("desktop", moment(3_000)).await.is_err());
    assert!(store.session("taro", moment(3_000)).await.is_ok());
    store
        .delete_sessions_of_user(hanako.id, None)
        .await
        .expect("sign out everywhere");
    assert!(store.session("laptop", moment(3_000)).await.is_err());
    assert!(store.session("taro", moment(3_000)).await.is_ok());
}

pub async fn login_throttle(test_store: &TestStore) {
    let store = &test_store.store;
    let key = "email:hanako@example.jp";
    let other = "ip:192.0.2.1";
    let fresh = store.login_throttle(key).await.expect("fresh");
    assert_eq!(fresh.consecutive_failures, 0);
    assert_eq!(fresh.last_failure_at, None);

    for attempt in 1..=3 {
        let state = store
            .record_login_failure(key, moment(1_000 + attempt))
            .await
            .expect("failure");
        assert_eq!(state.consecutive_failures, attempt);
        assert_eq!(state.last_failure_at, Some(moment(1_000 + attempt)));
    }
    store
        .record_login_failure(other, moment(5_000))
        .await
        .expect("other key");
    let state = store.login_throttle(key).await.expect("state");
    assert_eq!(state.consecutive_failures, 3);
    assert_eq!(state.last_failure_at, Some(moment(1_003)));

    store.clear_login_failures(key).await.expect("clear");
    assert_eq!(
        store
            .login_throttle(key)
            .await
            .expect("cleared")
            .consecutive_failures,
        0
    );
    assert_eq!(
        store
            .login_throttle(other)
            .await
            .expect("untouched")
            .consecutive_failures,
        1
    );
    let again = store
        .record_login_failure(key, moment(9_000))
        .await
        .expect("again");
    assert_eq!(again.consecutive_failures, 1);
}
