//! Region and organisation pages: search, profiles, escaping, languages and who may edit what.

use axum::http::StatusCode;
use sosei_core::{
    DisplayName, EmailAddress, LocalizedText, MunicipalityCode, NewOrganisation, NewProgramme,
    NewStakeholder, NewUser, Organisation, OrganisationKind, OrganisationSlug, Role,
    StakeholderRole, User,
};
use sosei_store::NewSession;
use time::OffsetDateTime;
use time::macros::date;

use crate::{Browser, TestApp, spawn_app};

const TONO: &str = "032085";

fn tono() -> MunicipalityCode {
    MunicipalityCode::parse(TONO).expect("Tono's code")
}

/// A registered user signed in on `browser` through a session made directly in the store.
async fn signed_in_user(app: &TestApp, browser: &mut Browser, email: &str, name: &str) -> User {
    let user = app
        .store
        .create_user(
            &NewUser {
                email: EmailAddress::parse(email).expect("an e-mail address"),
                display_name: DisplayName::parse(name).expect("a display name"),
                // Never used: these tests sign in with a session, not a password.
                password_hash: "not-a-password-hash".to_owned(),
                is_site_admin: false,
                preferred_locale: None,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("create a user");
    let token = sosei_web::signing::random_token();
    let now = OffsetDateTime::now_utc();
    app.store
        .create_session(&NewSession {
            token_hash: sosei_web::signing::sha256_hex(&token),
            user_id: user.id,
            created_at: now,
            expires_at: now + time::Duration::hours(1),
        })
        .await
        .expect("create a session");
    browser
        .cookies
        .insert(sosei_web::context::SESSION_COOKIE.to_owned(), token);
    user
}

async fn create_organisation(app: &TestApp, slug: &str, ja: &str, en: &str) -> Organisation {
    app.store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse(slug).expect("a slug"),
                kind: OrganisationKind::Npo,
                name: LocalizedText::new(ja, en),
                description: LocalizedText::new("遠野で活動しています。", "Working in Tono."),
                website: Some("https://tono.example.jp".to_owned()),
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("create an organisation")
}

/// Tono with a profile stewarded by `steward`, a stakeholder and a programme.
async fn profile_tono(app: &TestApp, steward: &Organisation, vision: LocalizedText) {
    app.store
        .upsert_region_profile(
            tono(),
            Some(steward.id),
            &vision,
            &LocalizedText::new("第一段落。\n\n第二段落。", "First step.\n\nSecond step."),
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("profile Tono");
    app.store
        .set_region_goals(
            tono(),
            &[LocalizedText::new(
                "関係人口を100人に",
                "100 people connected to Tono",
            )],
        )
        .await
        .expect("set goals");
    app.store
        .add_stakeholder(&NewStakeholder {
            region: tono(),
            role: StakeholderRole::HostFamily,
            organisation: None,
            name: LocalizedText::new("佐藤さん一家", "The Sato family"),
            description: LocalizedText::default(),
        })
        .await
        .expect("add a stakeholder");
    app.store
        .add_stakeholder(&NewStakeholder {
            region: tono(),
            role: StakeholderRole::Npo,
            organisation: Some(steward.id),
            name: LocalizedText::default(),
            description: LocalizedText::default(),
        })
        .await
        .expect("add the steward as a stakeholder");
    app.store
        .create_programme(&NewProgramme {
            organisation: steward.id,
            region: tono(),
            title: LocalizedText::new("遠野ワーケーション", "Tono workation"),
            summary: LocalizedText::new("二週間の滞在", "A two-week stay"),
            starts_on: date!(2026 - 04 - 01),
            ends_on: date!(2026 - 04 - 14),
        })
        .await
        .expect("create a programme");
    // Region pages list public programmes only (a draft's page opens for its coordinators alone).
    let programme = app
        .store
        .programmes_of_region(tono())
        .await
        .expect("the programmes of Tono")
        .remove(0);
    app.store
        .set_programme_status(
            programme.id,
            sosei_core::ProgrammeStatus::Draft,
            sosei_core::ProgrammeStatus::Open,
        )
        .await
        .expect("open the programme");
}

fn assert_translated(body: &str) {
    assert!(
        !body.contains("Unknown localization"),
        "a message is missing: {body}"
    );
}

#[tokio::test]
async fn region_search_finds_tono_by_kanji_kana_romaji_and_code() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    for query in ["遠野", "とおの", "tono", "Tono City", "03208", "ｔｏｎｏ"] {
        let path = format!("/regions?q={}", sosei_web::layout::percent_encode(query));
        let response = browser.get(&path).await;
        assert_eq!(response.status, StatusCode::OK, "{query}");
        assert!(
            response
                .body
                .contains(&format!("href=\"/ja/regions/{TONO}\"")),
            "searching {query:?} should find Tono"
        );
        assert_translated(&response.body);
    }
    let broad = browser.get("/regions?q=01").await;
    assert!(
        broad.body.contains("最初の一部だけ"),
        "a query matching every town of Hokkaido says the list is cut"
    );
    let nothing = browser.get("/regions?q=zzzzqqq").await;
    assert_eq!(nothing.status, StatusCode::OK);
    assert!(!nothing.body.contains(&format!("/regions/{TONO}\"")));
    assert!(nothing.body.contains("見つかりませんでした"));
}

#[tokio::test]
async fn prefectures_can_be_browsed() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    let index = browser.get("/regions").await;
    assert!(index.body.contains("href=\"/ja/regions?prefecture=030007"));
    let iwate = browser.get("/regions?prefecture=030007").await;
    assert_eq!(iwate.status, StatusCode::OK);
    assert!(iwate.body.contains("岩手県の市町村"));
    assert!(iwate.body.contains(&format!("href=\"/ja/regions/{TONO}\"")));
    assert!(
        !iwate.body.contains("href=\"/ja/regions/011002\""),
        "Sapporo is not in Iwate"
    );
    assert_eq!(
        browser.get("/regions?prefecture=032085").await.status,
        StatusCode::NOT_FOUND,
        "a city is not a prefecture"
    );
}

#[tokio::test]
async fn region_page_shows_the_profile_and_escapes_user_content() {
    let app = spawn_app().await;
    let steward = create_organisation(&app, "tono-npo", "遠野まちづくりNPO", "Tono Town NPO").await;
    profile_tono(
        &app,
        &steward,
        LocalizedText::new(
            "<script>alert('x')</script>物語のまち遠野",
            "A town of stories",
        ),
    )
    .await;
    let mut browser = app.browser();
    let page = browser.get(&format!("/regions/{TONO}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("<h1>遠野市</h1>"), "{body}");
    assert!(body.contains("とおのし"));
    assert!(body.contains("岩手県"));
    assert!(
        body.contains("&lt;script&gt;alert"),
        "user content is escaped"
    );
    assert!(
        !body.contains("<script>alert"),
        "no script from user content"
    );
    assert!(body.contains("物語のまち遠野"));
    assert!(body.contains("<p>第一段落。</p>") && body.contains("<p>第二段落。</p>"));
    assert!(body.contains("関係人口を100人に"));
    assert!(body.contains("ホストファミリー") && body.contains("佐藤さん一家"));
    assert!(body.contains("href=\"/ja/organisations/tono-npo\""));
    assert!(body.contains("遠野ワーケーション"));
    assert!(body.contains("2026年4月1日 – 2026年4月14日"));
    assert!(
        !body.contains(&format!("/regions/{TONO}/edit")),
        "no edit link for a visitor"
    );
    assert_translated(body);

    // The home page and the region list feature the region and its steward.
    let home = browser.get("/").await;
    assert!(home.body.contains(&format!("href=\"/ja/regions/{TONO}\"")));
    assert!(home.body.contains("遠野まちづくりNPO"));
    assert!(
        home.body.contains("name=\"q\""),
        "the home page has the search box"
    );
    assert!(!home.body.contains("<script>alert"));
    assert_translated(&home.body);
    let list = browser.get("/regions").await;
    assert!(
        list.body.contains("物語のまち遠野"),
        "the card shows the vision"
    );
}

#[tokio::test]
async fn english_region_page_uses_the_english_name_and_marks_japanese_fallbacks() {
    let app = spawn_app().await;
    let steward = create_organisation(&app, "tono-npo", "遠野まちづくりNPO", "Tono Town NPO").await;
    profile_tono(
        &app,
        &steward,
        LocalizedText::from_options(Some("物語のまち".into()), None),
    )
    .await;
    let mut browser = app.browser();
    browser.accept_language = Some("en");
    let page = browser.get(&format!("/regions/{TONO}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"en\">"));
    assert!(page.body.contains("<h1>Tono City</h1>"), "{}", page.body);
    assert!(page.body.contains("<span lang=\"ja\">遠野市</span>"));
    assert!(
        page.body.contains("<p lang=\"ja\">物語のまち</p>"),
        "a Japanese-only vision is marked as Japanese"
    );
    assert!(page.body.contains("Host family") && page.body.contains("The Sato family"));
    assert!(page.body.contains("1 April 2026"));
    assert_translated(&page.body);

    let home = browser.get("/").await;
    assert!(home.body.contains("The five S's") && home.body.contains("Social Contract"));
    assert!(home.body.contains("Tono City"));
    assert_translated(&home.body);

    let search = browser.get("/regions?q=tono").await;
    assert!(search.body.contains("Tono City, Iwate"));
}

#[tokio::test]
async fn unknown_or_malformed_codes_are_not_found() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    for path in [
        "/regions/032084",
        "/regions/abc",
        "/regions/1",
        "/regions/032084/edit",
    ] {
        let response = browser.get(path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert!(response.body.contains("ページが見つかりません"));
    }
    let short = browser.get("/regions/03208").await;
    assert_eq!(short.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(short.location(), Some("/regions/032085"));
    // A municipality without a profile still has a page.
    let plain = browser.get("/regions/011002").await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.body.contains("プロフィールはまだありません"));
}

#[tokio::test]
async fn organisation_edit_is_forbidden_without_the_admin_role() {
    let app = spawn_app().await;
    let organisation =
        create_organisation(&app, "tono-npo", "遠野まちづくりNPO", "Tono Town NPO").await;
    let edit_path = "/organisations/tono-npo/edit";

    let mut visitor = app.browser();
    assert_eq!(
        visitor.get(edit_path).await.status,
        StatusCode::UNAUTHORIZED
    );

    let mut member_browser = app.browser();
    let member = signed_in_user(&app, &mut member_browser, "member@example.jp", "会員").await;
    app.store
        .grant_role(organisation.id, member.id, Role::Coordinator)
        .await
        .expect("grant");
    let forbidden = member_browser.get(edit_path).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert!(forbidden.body.contains("権限がありません"));
    let post = member_browser
        .submit(edit_path, &[("name_ja", "乗っ取り"), ("kind", "npo")])
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);

    let mut admin_browser = app.browser();
    let admin = signed_in_user(&app, &mut admin_browser, "admin@example.jp", "管理者").await;
    app.store
        .grant_role(organisation.id, admin.id, Role::Admin)
        .await
        .expect("grant");
    let form = admin_browser.get(edit_path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("value=\"遠野まちづくりNPO\""));
    assert!(form.body.contains("<label for=\"field-name-ja\">"));
    assert_translated(&form.body);

    let unchanged = app
        .store
        .organisation(organisation.id)
        .await
        .expect("organisation");
    assert_eq!(unchanged.name.ja.as_deref(), Some("遠野まちづくりNPO"));
}

#[tokio::test]
async fn the_admin_edits_the_organisation_and_mistakes_are_explained() {
    let app = spawn_app().await;
    let organisation =
        create_organisation(&app, "tono-npo", "遠野まちづくりNPO", "Tono Town NPO").await;
    let mut browser = app.browser();
    let admin = signed_in_user(&app, &mut browser, "admin@example.jp", "管理者").await;
    app.store
        .grant_role(organisation.id, admin.id, Role::Admin)
        .await
        .expect("grant");

    let rejected = browser
        .submit(
            "/organisations/tono-npo/edit",
            &[
                ("name_ja", "新しい名前"),
                ("name_en", ""),
                ("kind", "cooperative"),
                ("description_ja", ""),
                ("description_en", ""),
                ("website", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(rejected.body.contains("http:// または https://"));
    assert!(
        rejected.body.contains("value=\"新しい名前\""),
        "input is kept"
    );
    let still = app.store.organisation(organisation.id).await.expect("org");
    assert_eq!(still.kind, OrganisationKind::Npo);

    let saved = browser
        .submit(
            "/organisations/tono-npo/edit",
            &[
                ("name_ja", "遠野みらい協同組合"),
                ("name_en", "Tono Future Cooperative"),
                ("kind", "cooperative"),
                ("description_ja", "<b>太字</b>にはなりません。"),
                ("description_en", ""),
                ("website", "https://mirai.example.jp"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location(), Some("/organisations/tono-npo?saved=1"));
    let changed = app.store.organisation(organisation.id).await.expect("org");
    assert_eq!(changed.name.ja.as_deref(), Some("遠野みらい協同組合"));
    assert_eq!(changed.kind, OrganisationKind::Cooperative);
    assert_eq!(changed.description.en, None);
    assert_eq!(changed.website.as_deref(), Some("https://mirai.example.jp"));

    let page = browser.get("/organisations/tono-npo?saved=1").await;
    assert!(page.body.contains("保存しました"));
    assert!(page.body.contains("&lt;b&gt;太字&lt;/b&gt;"));
    assert!(page.body.contains("協同組合"));
    let list = browser.get("/organisations").await;
    assert!(list.body.contains("id=\"kind-cooperative\""));
    assert_translated(&list.body);
}

#[tokio::test]
async fn admins_grant_and_revoke_roles_by_email_and_members_are_private() {
    let app = spawn_app().await;
    let organisation =
        create_organisation(&app, "tono-npo", "遠野まちづくりNPO", "Tono Town NPO").await;
    let mut admin_browser = app.browser();
    let admin = signed_in_user(&app, &mut admin_browser, "admin@example.jp", "管理者").await;
    app.store
        .grant_role(organisation.id, admin.id, Role::Admin)
        .await
        .expect("grant");
    let mut newcomer_browser = app.browser();
    let newcomer = signed_in_user(&app, &mut newcomer_browser, "new@example.jp", "新人").await;

    // Not a member yet: no member list.
    let outside = newcomer_browser.get("/organisations/tono-npo").await;
    assert!(!outside.body.contains("管理者"), "members are hidden");
    assert!(app.browser().get("/organisations/tono-npo").await.status == StatusCode::OK);

    let unknown = admin_browser
        .submit(
            "/organisations/tono-npo/members",
            &[
                ("email", "nobody@example.jp"),
                ("role", "member"),
                ("action", "grant"),
            ],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("見つかりません"));

    let granted = admin_browser
        .submit(
            "/organisations/tono-npo/members",
            &[
                ("email", "ＮＥＷ@example.jp"),
                ("role", "facilitator"),
                ("action", "grant"),
            ],
        )
        .await;
    assert_eq!(granted.status, StatusCode::SEE_OTHER);
    let roles = app
        .store
        .roles_of(organisation.id, newcomer.id)
        .await
        .expect("roles");
    assert_eq!(roles, vec![Role::Facilitator]);

    let inside = newcomer_browser.get("/organisations/tono-npo").await;
    assert!(inside.body.contains("管理者") && inside.body.contains("ファシリテーター"));
    // A facilitator may not manage roles.
    let not_allowed = newcomer_browser
        .submit(
            "/organisations/tono-npo/members",
            &[
                ("email", "new@example.jp"),
                ("role", "admin"),
                ("action", "grant"),
            ],
        )
        .await;
    assert_eq!(not_allowed.status, StatusCode::FORBIDDEN);

    let last_admin = admin_browser
        .submit(
            "/organisations/tono-npo/members",
            &[
                ("email", "admin@example.jp"),
                ("role", "admin"),
                ("action", "revoke"),
            ],
        )
        .await;
    assert_eq!(last_admin.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(last_admin.body.contains("少なくとも1人"));

    let revoked = admin_browser
        .submit(
            "/organisations/tono-npo/members",
            &[
                ("email", "new@example.jp"),
                ("role", "facilitator"),
                ("action", "revoke"),
            ],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert!(
        app.store
            .roles_of(organisation.id, newcomer.id)
            .await
            .expect("roles")
            .is_empty()
    );
}

#[tokio::test]
async fn the_steward_edits_the_region_profile_with_checked_lengths() {
    let app = spawn_app().await;
    let steward = create_organisation(&app, "tono-npo", "遠野まちづくりNPO", "Tono Town NPO").await;
    profile_tono(
        &app,
        &steward,
        LocalizedText::new("物語のまち", "A town of stories"),
    )
    .await;
    let edit_path = format!("/regions/{TONO}/edit");

    let mut outsider = app.browser();
    signed_in_user(&app, &mut outsider, "outsider@example.jp", "外部").await;
    assert_eq!(outsider.get(&edit_path).await.status, StatusCode::FORBIDDEN);

    let mut browser = app.browser();
    let coordinator = signed_in_user(&app, &mut browser, "coord@example.jp", "調整役").await;
    app.store
        .grant_role(steward.id, coordinator.id, Role::Coordinator)
        .await
        .expect("grant");
    let page = browser.get(&format!("/regions/{TONO}")).await;
    assert!(
        page.body.contains(&format!("href=\"/ja{edit_path}\"")),
        "the edit link shows"
    );
    let form = browser.get(&edit_path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("関係人口を100人に"),
        "goals are prefilled"
    );
    assert_translated(&form.body);

    let too_long = "あ".repeat(2_001);
    let rejected = browser
        .submit(
            &edit_path,
            &[
                ("vision_ja", too_long.as_str()),
                ("vision_en", "Kept as typed"),
                ("plan_ja", ""),
                ("plan_en", ""),
                ("goals_ja", "目標一"),
                ("goals_en", ""),
            ],
        )
        .await;
    assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(rejected.body.contains("2000文字以内"), "{}", rejected.body);
    assert!(rejected.body.contains("Kept as typed"));
    assert!(rejected.body.contains("aria-invalid=\"true\""));
    let unchanged = app.store.region_profile(tono()).await.expect("profile");
    assert_eq!(unchanged.vision.ja.as_deref(), Some("物語のまち"));

    let saved = browser
        .submit(
            &edit_path,
            &[
                ("vision_ja", "新しいビジョン"),
                ("vision_en", "A new vision"),
                ("plan_ja", "計画です。"),
                ("plan_en", ""),
                ("goals_ja", "目標一\n目標二"),
                ("goals_en", "Goal one"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let profile = app.store.region_profile(tono()).await.expect("profile");
    assert_eq!(profile.vision.ja.as_deref(), Some("新しいビジョン"));
    assert_eq!(profile.steward, Some(steward.id), "the steward is kept");
    assert_eq!(profile.plan.en, None);
    let goals: Vec<_> = profile
        .goals
        .iter()
        .map(|g| (g.text.ja.as_deref(), g.text.en.as_deref()))
        .collect();
    assert_eq!(
        goals,
        vec![(Some("目標一"), Some("Goal one")), (Some("目標二"), None)]
    );

    // A region without a steward is for site admins only.
    assert_eq!(
        browser.get("/regions/011002/edit").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_site_admin_sets_up_a_region_and_chooses_its_steward() {
    let app = spawn_app().await;
    let steward = create_organisation(&app, "sapporo-net", "札幌ネット", "Sapporo Net").await;
    let sapporo = "/regions/011002/edit";

    let mut coordinator_browser = app.browser();
    let coordinator =
        signed_in_user(&app, &mut coordinator_browser, "coord@example.jp", "調整役").await;
    app.store
        .grant_role(steward.id, coordinator.id, Role::Coordinator)
        .await
        .expect("grant");
    assert_eq!(
        coordinator_browser.get(sapporo).await.status,
        StatusCode::FORBIDDEN,
        "no steward yet: site admins only"
    );

    let mut admin_browser = app.browser();
    let admin = signed_in_user(&app, &mut admin_browser, "root@example.jp", "サイト管理者").await;
    app.store
        .set_site_admin(admin.id, true)
        .await
        .expect("make a site admin");
    let form = admin_browser.get(sapporo).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("<option value=\"sapporo-net\""));

    let unknown = admin_browser
        .submit(
            sapporo,
            &[("vision_ja", "雪のまち"), ("steward", "no-such-org")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("一覧から団体を選んでください"));

    let saved = admin_browser
        .submit(
            sapporo,
            &[("vision_ja", "雪のまち"), ("steward", "sapporo-net")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let code = MunicipalityCode::parse("011002").expect("Sapporo");
    let profile = app.store.region_profile(code).await.expect("a profile now");
    assert_eq!(profile.steward, Some(steward.id));

    // The steward's coordinator may now edit, but cannot change the steward.
    let allowed = coordinator_browser.get(sapporo).await;
    assert_eq!(allowed.status, StatusCode::OK);
    assert!(!allowed.body.contains("name=\"steward\""));
    let edited = coordinator_browser
        .submit(sapporo, &[("vision_ja", "雪と光のまち"), ("steward", "")])
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER);
    let profile = app.store.region_profile(code).await.expect("profile");
    assert_eq!(profile.vision.ja.as_deref(), Some("雪と光のまち"));
    assert_eq!(
        profile.steward,
        Some(steward.id),
        "only site admins change it"
    );
}
