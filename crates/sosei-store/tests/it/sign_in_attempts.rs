//! Sign-in attempts counted before the check: concurrent claims never exceed the policy.

use sosei_store::{AttemptClaim, LoginThrottle};

use crate::TestStore;

fn moment(unix: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(unix).expect("a valid moment")
}

/// At most `allowed` attempts per key, each one counted.
fn at_most(allowed: i64) -> impl Fn(&LoginThrottle) -> Option<LoginThrottle> {
    move |seen| {
        (seen.consecutive_failures < allowed).then(|| LoginThrottle {
            consecutive_failures: seen.consecutive_failures + 1,
            last_failure_at: Some(moment(1_000 + seen.consecutive_failures)),
        })
    }
}

pub async fn concurrent_claims_never_exceed_the_policy(test_store: &TestStore) {
    // Two handles, as two app servers would have: the count holds across both.
    let first = test_store.store.clone();
    let second = test_store.open_another().await;
    let key = "account-address:hanako@example.jp|192.0.2.1";
    let mut tasks = Vec::new();
    for index in 0..40 {
        let store = if index % 2 == 0 {
            first.clone()
        } else {
            second.clone()
        };
        tasks.push(tokio::spawn(async move {
            store.claim_sign_in_attempt_if(key, at_most(5)).await
        }));
    }
    let mut claimed = 0;
    for task in tasks {
        match task.await.expect("the task ran").expect("the claim ran") {
            AttemptClaim::Claimed(_) => claimed += 1,
            AttemptClaim::Refused(state) => assert_eq!(state.consecutive_failures, 5),
        }
    }
    assert_eq!(claimed, 5, "40 concurrent attempts, 5 allowed");
    let state = first.login_throttle(key).await.expect("state");
    assert_eq!(state.consecutive_failures, 5);

    // Giving an attempt back makes room for exactly one more; never below zero.
    first
        .give_back_sign_in_attempt(key)
        .await
        .expect("give back");
    assert!(matches!(
        first.claim_sign_in_attempt_if(key, at_most(5)).await,
        Ok(AttemptClaim::Claimed(_))
    ));
    assert!(matches!(
        first.claim_sign_in_attempt_if(key, at_most(5)).await,
        Ok(AttemptClaim::Refused(_))
    ));
    let other = "address:192.0.2.9";
    first
        .give_back_sign_in_attempt(other)
        .await
        .expect("no row");
    assert_eq!(
        first
            .login_throttle(other)
            .await
            .expect("other")
            .consecutive_failures,
        0
    );
    // A cleared key starts again from nothing.
    first.clear_login_failures(key).await.expect("clear");
    assert!(matches!(
        second.claim_sign_in_attempt_if(key, at_most(5)).await,
        Ok(AttemptClaim::Claimed(LoginThrottle {
            consecutive_failures: 1,
            ..
        }))
    ));
}
