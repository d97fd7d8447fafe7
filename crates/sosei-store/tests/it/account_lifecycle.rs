//! Stories of an account's life: e-mailed links (password reset, address verification), the
//! versioned terms and privacy policy with each person's acceptance, the download of a person's
//! conversation data, and deleting an account.

use std::collections::BTreeMap;

use sosei_core::deliberation::{
    ConversationState, ModerationMode, ModerationStatus, NewConversation, ParticipantIdentity,
    ParticipationMode, StatementText, VoteChoice,
};
use sosei_core::legal::{LegalDocumentKind, LegalText};
use sosei_core::outbox::ComposedMessage;
use sosei_core::{Locale, LocalizedText, Role, UserId};
use sosei_store::{
    AccountDeletionRefusal, AccountTokenPurpose, NewAccountToken, NewSession, StoreError,
};
use time::Duration;

use crate::{TestStore, moment, new_organisation, new_user};

fn token(user: UserId, hash: &str, purpose: AccountTokenPurpose, at: i64) -> NewAccountToken {
    NewAccountToken {
        token_hash: hash.to_owned(),
        user_id: user,
        purpose,
        email: sosei_core::EmailAddress::parse("hanako@example.jp").expect("address"),
        created_at: moment(at),
        expires_at: moment(at) + Duration::hours(1),
    }
}

fn message(subject: &str) -> ComposedMessage {
    ComposedMessage {
        subject: subject.to_owned(),
        body: format!("{subject}: https://sosei.example/link"),
    }
}

pub async fn account_links(test_store: &TestStore) {
    let store = &test_store.store;
    let hanako = store
        .create_user(&new_user("hanako@example.jp", "花子"), moment(1_000))
        .await
        .expect("hanako");
    assert_eq!(
        store.email_verified_at(hanako.id).await.expect("state"),
        None
    );

    let reset = AccountTokenPurpose::PasswordReset;
    store
        .issue_account_token(
            &token(hanako.id, "first", reset, 10_000),
            &message("reset 1"),
            Locale::Ja,
        )
        .await
        .expect("first link");
    store
        .issue_account_token(
            &token(hanako.id, "second", reset, 10_060),
            &message("reset 2"),
            Locale::Ja,
        )
        .await
        .expect("second link");
    // Each link went to the outbox with its message, addressed to the account.
    let messages = store
        .outbox_messages_for(hanako.id)
        .await
        .expect("messages");
    let subjects: Vec<_> = messages.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(subjects, ["reset 1", "reset 2"]);
    assert_eq!(messages[0].email.as_str(), "hanako@example.jp");
    assert_eq!(
        store
            .count_account_tokens_since(hanako.id, reset, moment(10_000))
            .await
            .expect("count"),
        2
    );
    assert_eq!(
        store
            .count_account_tokens_since(hanako.id, reset, moment(10_001))
            .await
            .expect("count"),
        1
    );

    // Only the newest link works; an unknown one never does.
    assert!(
        !store
            .account_token_is_usable("first", reset, moment(10_100))
            .await
            .expect("check")
    );
    assert!(
        store
            .account_token_is_usable("second", reset, moment(10_100))
            .await
            .expect("check")
    );
    assert!(matches!(
        store
            .reset_password_with_token("first", "$argon2id$new", moment(10_100))
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .reset_password_with_token("unknown", "$argon2id$new", moment(10_100))
            .await,
        Err(StoreError::NotFound)
    ));
    // A link of one purpose opens nothing of the other.
    assert!(matches!(
        store
            .verify_email_with_token("second", moment(10_100))
            .await,
        Err(StoreError::NotFound)
    ));

    store
        .create_session(&NewSession {
            token_hash: "session".into(),
            user_id: hanako.id,
            created_at: moment(10_000),
            expires_at: moment(100_000),
        })
        .await
        .expect("session");
    let reset_user = store
        .reset_password_with_token("second", "$argon2id$new", moment(10_200))
        .await
        .expect("reset");
    assert_eq!(reset_user, hanako.id);
    assert_eq!(
        store.password_hash(hanako.id).await.expect("hash"),
        "$argon2id$new"
    );
    assert!(matches!(
        store.session("session", moment(10_300)).await,
        Err(StoreError::NotFound)
    ));
    // The reset link reached the address, so the address is verified.
    assert_eq!(
        store.email_verified_at(hanako.id).await.expect("state"),
        Some(moment(10_200))
    );
    // Used once, never again.
    assert!(matches!(
        store
            .reset_password_with_token("second", "$argon2id$other", moment(10_300))
            .await,
        Err(StoreError::NotFound)
    ));

    // An expired link does not work.
    store
        .issue_account_token(
            &token(hanako.id, "late", reset, 20_000),
            &message("reset 3"),
            Locale::Ja,
        )
        .await
        .expect("third link");
    let after_expiry = moment(20_000) + Duration::hours(1) + Duration::seconds(1);
    assert!(
        !store
            .account_token_is_usable("late", reset, after_expiry)
            .await
            .expect("check")
    );
    assert!(matches!(
        store
            .reset_password_with_token("late", "$argon2id$late", after_expiry)
            .await,
        Err(StoreError::NotFound)
    ));

    // Verification.
    let taro = store
        .create_user(&new_user("taro@example.jp", "太郎"), moment(1_000))
        .await
        .expect("taro");
    let mut verification = token(
        taro.id,
        "verify",
        AccountTokenPurpose::EmailVerification,
        30_000,
    );
    verification.email = taro.email.clone();
    store
        .issue_account_token(&verification, &message("verify"), Locale::En)
        .await
        .expect("verification link");
    assert_eq!(
        store
            .verify_email_with_token("verify", moment(30_010))
            .await
            .expect("verify"),
        taro.id
    );
    assert_eq!(
        store.email_verified_at(taro.id).await.expect("state"),
        Some(moment(30_010))
    );
    assert!(matches!(
        store
            .verify_email_with_token("verify", moment(30_020))
            .await,
        Err(StoreError::NotFound)
    ));
}

fn legal(text: &str) -> LegalText {
    LegalText::parse(text).expect("legal text")
}

pub async fn legal_documents_and_consent(test_store: &TestStore) {
    let store = &test_store.store;
    // A new site has version 1 of each, in both languages.
    for kind in LegalDocumentKind::ALL {
        let current = store.current_legal_document(kind).await.expect("seeded");
        assert_eq!(current.version, 1);
        assert!(!current.body_ja.as_str().is_empty() && !current.body_en.as_str().is_empty());
        assert_eq!(current.published_by, None);
    }
    let privacy_v1 = store
        .current_legal_document(LegalDocumentKind::Privacy)
        .await
        .expect("privacy");
    assert!(
        privacy_v1.body_ja.as_str().contains("匿名"),
        "the default policy says what stays"
    );
    // Migrating again (another app server starting) keeps what is there.
    store.migrate().await.expect("migrate again");
    assert_eq!(
        store
            .legal_document_versions(LegalDocumentKind::Terms)
            .await
            .expect("versions")
            .len(),
        1
    );

    let far_future = privacy_v1.published_at + Duration::days(10);
    // An account made (by the operator) after version 1 holds it; one made before is asked.
    let newcomer = store
        .create_user(&new_user("new@example.jp", "新人"), far_future)
        .await
        .expect("newcomer");
    let old_timer = store
        .create_user(&new_user("old@example.jp", "古株"), moment(1_000))
        .await
        .expect("old timer");
    assert_eq!(
        store
            .legal_documents_awaiting_acceptance(newcomer.id)
            .await
            .expect("awaiting"),
        []
    );
    assert_eq!(
        store
            .legal_documents_awaiting_acceptance(old_timer.id)
            .await
            .expect("awaiting"),
        [
            (LegalDocumentKind::Privacy, 1),
            (LegalDocumentKind::Terms, 1)
        ]
    );
    store
        .accept_legal_documents(
            old_timer.id,
            &[
                (LegalDocumentKind::Terms, 1),
                (LegalDocumentKind::Privacy, 1),
            ],
            far_future,
        )
        .await
        .expect("accept");
    assert_eq!(
        store
            .legal_documents_awaiting_acceptance(old_timer.id)
            .await
            .expect("awaiting"),
        []
    );
    // Accepting a version that does not exist is refused.
    assert!(matches!(
        store
            .accept_legal_documents(old_timer.id, &[(LegalDocumentKind::Terms, 9)], far_future)
            .await,
        Err(StoreError::NotFound)
    ));

    // Publishing an edit makes version 2; version 1 stays readable; everyone is asked again.
    let admin = store
        .create_user(&new_user("admin@example.jp", "管理者"), moment(1_000))
        .await
        .expect("admin");
    let v2 = store
        .publish_legal_document(
            LegalDocumentKind::Terms,
            &legal("## 利用規約\n\n第2版（改訂）"),
            &legal("## Terms\n\nVersion 2"),
            admin.id,
            far_future + Duration::days(1),
        )
        .await
        .expect("publish");
    assert_eq!(v2.version, 2);
    assert_eq!(v2.published_by, Some(admin.id));
    assert_eq!(
        v2.body_ja.as_str(),
        "## 利用規約\n\n第2版（改訂）",
        "kept as typed"
    );
    let versions = store
        .legal_document_versions(LegalDocumentKind::Terms)
        .await
        .expect("versions");
    assert_eq!(
        versions.iter().map(|d| d.version).collect::<Vec<_>>(),
        [2, 1]
    );
    assert_eq!(
        store
            .legal_document(LegalDocumentKind::Terms, 1)
            .await
            .expect("v1")
            .body_en,
        versions[1].body_en
    );
    for user in [newcomer.id, old_timer.id] {
        assert_eq!(
            store
                .legal_documents_awaiting_acceptance(user)
                .await
                .expect("awaiting"),
            [(LegalDocumentKind::Terms, 2)]
        );
    }
    store
        .accept_legal_documents(
            newcomer.id,
            &[(LegalDocumentKind::Terms, 2)],
            far_future + Duration::days(2),
        )
        .await
        .expect("accept v2");
    assert_eq!(
        store
            .legal_documents_awaiting_acceptance(newcomer.id)
            .await
            .expect("awaiting"),
        []
    );
    let acceptances = store
        .legal_acceptances_of(old_timer.id)
        .await
        .expect("acceptances");
    assert_eq!(acceptances.len(), 2);
    assert!(
        acceptances
            .iter()
            .all(|a| a.version == 1 && a.accepted_at == far_future)
    );
}

fn open_conversation_input(organisation: sosei_core::OrganisationId) -> NewConversation {
    NewConversation {
        organisation,
        region: None,
        title: LocalizedText::new("駅前の未来", "The station square"),
        question: LocalizedText::new("どうすればよいですか", "What should we do?"),
        description: LocalizedText::default(),
        moderation_mode: ModerationMode::Post,
        participation_mode: ParticipationMode::Anonymous,
        invitation_code: None,
        attribute_questions: Vec::new(),
        district_options: Vec::new(),
    }
}

pub async fn personal_data_and_account_deletion(test_store: &TestStore) {
    let store = &test_store.store;
    let organisation = store
        .create_organisation(&new_organisation("tono-npo", "遠野NPO"), moment(1_000))
        .await
        .expect("organisation");
    let conversation = store
        .create_conversation(&open_conversation_input(organisation.id), moment(1_000))
        .await
        .expect("conversation");
    store
        .set_conversation_state(conversation.id, ConversationState::Open, moment(1_100))
        .await
        .expect("open");
    let hanako = store
        .create_user(&new_user("hanako@example.jp", "花子"), moment(1_000))
        .await
        .expect("hanako");
    let taro = store
        .create_user(&new_user("taro@example.jp", "太郎"), moment(1_000))
        .await
        .expect("taro");

    let mut answers = BTreeMap::new();
    answers.insert("地区".to_owned(), "駅前".to_owned());
    let hanako_participant = store
        .join_conversation(
            conversation.id,
            &ParticipantIdentity::User(hanako.id),
            &answers,
            moment(2_000),
        )
        .await
        .expect("hanako joins");
    let taro_participant = store
        .join_conversation(
            conversation.id,
            &ParticipantIdentity::User(taro.id),
            &BTreeMap::new(),
            moment(2_000),
        )
        .await
        .expect("taro joins");
    let hanako_statement = store
        .add_statement(
            conversation.id,
            Some(hanako_participant.id),
            &StatementText::parse("駅前にベンチを増やしたい").expect("text"),
            false,
            ModerationStatus::Accepted,
            moment(2_100),
        )
        .await
        .expect("hanako's statement");
    let taro_statement = store
        .add_statement(
            conversation.id,
            Some(taro_participant.id),
            &StatementText::parse("太郎だけの意見").expect("text"),
            false,
            ModerationStatus::Accepted,
            moment(2_100),
        )
        .await
        .expect("taro's statement");
    store
        .cast_vote(
            hanako_participant.id,
            taro_statement.id,
            VoteChoice::Agree,
            moment(2_200),
        )
        .await
        .expect("hanako votes");
    store
        .cast_vote(
            taro_participant.id,
            hanako_statement.id,
            VoteChoice::Disagree,
            moment(2_200),
        )
        .await
        .expect("taro votes");

    // The download holds Hanako's participation, statement and vote, and nothing of Taro's.
    let data = store
        .personal_deliberation_data(hanako.id)
        .await
        .expect("data");
    assert_eq!(data.participations.len(), 1);
    assert!(data.participations[0].attributes_json.contains("駅前"));
    assert_eq!(data.statements.len(), 1);
    assert_eq!(data.statements[0].text, "駅前にベンチを増やしたい");
    assert_eq!(data.votes.len(), 1);
    assert_eq!(data.votes[0].statement, taro_statement.id);
    assert_eq!(data.votes[0].choice, 1);

    // The only admin of an organisation cannot leave it without one.
    store
        .grant_role(organisation.id, hanako.id, Role::Admin)
        .await
        .expect("admin");
    assert_eq!(
        store
            .account_deletion_refusal(hanako.id)
            .await
            .expect("refusal"),
        Some(AccountDeletionRefusal::LastOrganisationAdmin(vec![
            organisation.id
        ]))
    );
    assert!(matches!(
        store.delete_account(hanako.id, moment(3_000)).await,
        Err(StoreError::Conflict(_))
    ));
    store
        .grant_role(organisation.id, taro.id, Role::Admin)
        .await
        .expect("second admin");
    assert_eq!(
        store
            .account_deletion_refusal(hanako.id)
            .await
            .expect("refusal"),
        None
    );
    // Neither can the site's only administrator.
    store
        .set_site_admin(taro.id, true)
        .await
        .expect("site admin");
    assert_eq!(
        store
            .account_deletion_refusal(taro.id)
            .await
            .expect("refusal"),
        Some(AccountDeletionRefusal::LastSiteAdmin)
    );

    store
        .create_session(&NewSession {
            token_hash: "hanako-session".into(),
            user_id: hanako.id,
            created_at: moment(2_000),
            expires_at: moment(900_000),
        })
        .await
        .expect("session");
    store
        .accept_legal_documents(hanako.id, &[(LegalDocumentKind::Terms, 1)], moment(2_000))
        .await
        .expect("consent");
    store
        .issue_account_token(
            &token(hanako.id, "link", AccountTokenPurpose::PasswordReset, 2_000),
            &message("reset"),
            Locale::Ja,
        )
        .await
        .expect("link");
    let votes_before = store.count_votes(conversation.id).await.expect("votes");

    store
        .delete_account(hanako.id, moment(3_000))
        .await
        .expect("delete");

    // Statements and votes stay, but no longer point at Hanako.
    assert_eq!(
        store.count_votes(conversation.id).await.expect("votes"),
        votes_before
    );
    let kept = store
        .participant(hanako_participant.id)
        .await
        .expect("participant stays");
    assert!(
        matches!(&kept.identity, ParticipantIdentity::Pseudonym(value) if value.starts_with("deleted-account-participant-")),
        "{:?}",
        kept.identity
    );
    assert!(matches!(
        store
            .participant_by_identity(conversation.id, &ParticipantIdentity::User(hanako.id))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .personal_deliberation_data(hanako.id)
            .await
            .expect("data"),
        Default::default()
    );
    // Everything else about her is gone.
    assert!(matches!(
        store.session("hanako-session", moment(3_100)).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        store
            .memberships_of_user(hanako.id)
            .await
            .expect("memberships")
            .is_empty()
    );
    assert!(
        store
            .legal_acceptances_of(hanako.id)
            .await
            .expect("consents")
            .is_empty()
    );
    assert!(
        store
            .outbox_messages_for(hanako.id)
            .await
            .expect("messages")
            .is_empty()
    );
    assert!(matches!(
        store
            .user_with_password_by_email(
                &sosei_core::EmailAddress::parse("hanako@example.jp").expect("address")
            )
            .await,
        Err(StoreError::NotFound)
    ));
    let emptied = store.user(hanako.id).await.expect("the row stays, emptied");
    assert!(!emptied.email.as_str().contains("hanako"));
    assert!(emptied.email.as_str().ends_with("@deleted.invalid"));
    assert_ne!(emptied.display_name.as_str(), "花子");
    assert!(store.is_account_deleted(hanako.id).await.expect("deleted"));
    // Taro's data is untouched, and the address can be registered again.
    assert_eq!(
        store
            .personal_deliberation_data(taro.id)
            .await
            .expect("taro")
            .statements
            .len(),
        1
    );
    store
        .create_user(&new_user("hanako@example.jp", "花子"), moment(4_000))
        .await
        .expect("the address is free again");
    assert!(matches!(
        store.delete_account(hanako.id, moment(5_000)).await,
        Err(StoreError::NotFound)
    ));
}
