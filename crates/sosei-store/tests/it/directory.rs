use sosei_core::municipality::bundled_directory;
use sosei_core::{MunicipalityKind, SearchQuery};
use sosei_store::StoreError;

use crate::{TestStore, code};

fn query(raw: &str) -> SearchQuery {
    SearchQuery::parse(raw).expect("a short query")
}

pub async fn directory_is_loaded_and_searchable(test_store: &TestStore) {
    let store = &test_store.store;
    assert_eq!(store.count_municipalities().await.expect("count"), 1969);

    let tono = store.municipality(code("032085")).await.expect("遠野市");
    assert_eq!(tono.name, "遠野市");
    assert_eq!(tono.kana, "とおのし");
    assert_eq!(tono.name_en, "Tono City");
    assert_eq!(tono.kind, MunicipalityKind::Municipality);
    assert_eq!(tono.parent, Some(code("030007")));
    assert!(matches!(
        store.municipality(code("99999")).await,
        Err(StoreError::NotFound)
    ));

    for typed in [
        "遠野",
        "とおの",
        "トオノ",
        "tono",
        "Tōno City",
        "03208",
        "032085",
    ] {
        let found = store
            .search_municipalities(&query(typed), 10)
            .await
            .expect("search");
        assert_eq!(
            found.first().map(|m| m.code),
            Some(tono.code),
            "searching {typed:?} should find 遠野市 first, got {:?}",
            found.iter().map(|m| &m.name).collect::<Vec<_>>()
        );
    }

    // A code prefix: municipalities before their prefecture, then by code, within the limit.
    let iwate = store
        .search_municipalities(&query("03"), 5)
        .await
        .expect("code prefix");
    assert_eq!(iwate.len(), 5);
    assert!(iwate.iter().all(|m| m.code.to_string().starts_with("03")));
    assert!(iwate.iter().all(|m| m.kind != MunicipalityKind::Prefecture));
    let codes: Vec<String> = iwate.iter().map(|m| m.code.to_string()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted);

    // Kana searches prefer names that start with the reading; prefectures come after towns.
    let iwate_named = store
        .search_municipalities(&query("いわて"), 50)
        .await
        .expect("kana search");
    let prefecture_position = iwate_named
        .iter()
        .position(|m| m.name == "岩手県")
        .expect("岩手県 is found by いわて");
    assert!(
        iwate_named[..prefecture_position]
            .iter()
            .all(|m| m.kind != MunicipalityKind::Prefecture && m.kana.starts_with("いわて"))
    );

    // LIKE wildcards in the input match literally.
    for wildcard in ["%", "_", "遠%", "t_no"] {
        let found = store
            .search_municipalities(&query(wildcard), 10)
            .await
            .expect("wildcard search");
        assert!(found.is_empty(), "{wildcard:?} matched {found:?}");
    }
    // Romaji searches keep letters only, so a wildcard there is no wildcard either.
    let found = store
        .search_municipalities(&query("t%o"), 10)
        .await
        .expect("wildcard romaji search");
    assert!(
        found.iter().all(|m| m.romaji_key.contains("to")),
        "{found:?}"
    );
    // The longest query a `SearchQuery` admits, all wildcards, is an ordinary search on both
    // backends (SQLite refuses patterns past 50,000 bytes; the bound keeps far below that).
    let longest = query(&"%_\\".repeat(SearchQuery::MAX_CHARS / 3));
    let found = store
        .search_municipalities(&longest, 10)
        .await
        .expect("the longest search runs");
    assert!(found.is_empty());

    let prefectures = store.prefectures().await.expect("prefectures");
    assert_eq!(prefectures.len(), 47);
    assert_eq!(prefectures[0].name, "北海道");
    assert_eq!(prefectures[46].name, "沖縄県");
    assert!(
        prefectures
            .iter()
            .all(|m| m.kind == MunicipalityKind::Prefecture)
    );

    let of_iwate = store
        .municipalities_of_prefecture(code("030007"))
        .await
        .expect("municipalities of Iwate");
    let expected: Vec<_> = bundled_directory()
        .expect("bundled directory")
        .into_iter()
        .filter(|m| m.kind == MunicipalityKind::Municipality && m.parent == Some(code("030007")))
        .collect();
    assert_eq!(of_iwate, expected);
    assert!(of_iwate.iter().any(|m| m.name == "遠野市"));

    // Wards belong to their city, not to the prefecture.
    let of_hokkaido = store
        .municipalities_of_prefecture(code("010006"))
        .await
        .expect("municipalities of Hokkaido");
    assert!(of_hokkaido.iter().any(|m| m.name == "札幌市"));
    assert!(
        of_hokkaido
            .iter()
            .all(|m| m.kind == MunicipalityKind::Municipality)
    );
}

pub async fn directory_loading_is_idempotent(test_store: &TestStore) {
    let store = &test_store.store;
    let directory = bundled_directory().expect("bundled directory");
    store.load_municipalities(&directory).await.expect("reload");
    store.migrate().await.expect("migrate again");
    assert_eq!(
        store.count_municipalities().await.expect("count"),
        i64::try_from(directory.len()).expect("small")
    );

    // Loading updates entries in place.
    let mut tono = store.municipality(code("032085")).await.expect("遠野市");
    tono.name_en = "Tōno City".to_owned();
    store
        .load_municipalities(std::slice::from_ref(&tono))
        .await
        .expect("update one entry");
    assert_eq!(
        store
            .municipality(code("032085"))
            .await
            .expect("遠野市")
            .name_en,
        "Tōno City"
    );
    assert_eq!(store.count_municipalities().await.expect("count"), 1969);

    // Another app server starting on the same database finds the directory complete.
    let second = test_store.open_another().await;
    second
        .migrate()
        .await
        .expect("migrate from a second handle");
    assert_eq!(second.count_municipalities().await.expect("count"), 1969);
}
