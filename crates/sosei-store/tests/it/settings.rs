use crate::TestStore;

pub async fn connection_and_signing_secret(test_store: &TestStore) {
    let store = &test_store.store;
    store.ping().await.expect("ping");

    let secret = store.signing_secret().await.expect("a signing secret");
    assert_eq!(secret.len(), 32);
    assert!(secret.iter().any(|byte| *byte != 0), "the secret is random");
    assert_eq!(store.signing_secret().await.expect("again"), secret);

    // A second app server on the same database agrees on the secret, and migrating again from
    // it changes nothing.
    let second = test_store.open_another().await;
    second.migrate().await.expect("migrating twice");
    assert_eq!(
        second.signing_secret().await.expect("from a second handle"),
        secret
    );
    assert_eq!(second.backend(), store.backend());
    second.close().await;
    assert!(
        second.ping().await.is_err(),
        "a closed store refuses queries"
    );
    store.ping().await.expect("the first handle still works");
}
