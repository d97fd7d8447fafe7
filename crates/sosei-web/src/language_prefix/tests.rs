use sosei_core::Locale;

use super::*;

#[test]
fn a_language_prefix_is_a_whole_first_segment() {
    assert_eq!(
        split_language_prefix("/en/regions"),
        Some((Locale::En, "/regions"))
    );
    assert_eq!(
        split_language_prefix("/ja/regions/032085"),
        Some((Locale::Ja, "/regions/032085"))
    );
    assert_eq!(split_language_prefix("/en"), Some((Locale::En, "/")));
    assert_eq!(split_language_prefix("/ja/"), Some((Locale::Ja, "/")));
    for not_a_prefix in [
        "/",
        "/regions",
        "/english",
        "/enx",
        "/EN/regions",
        "/jap/x",
        "en/x",
    ] {
        assert_eq!(split_language_prefix(not_a_prefix), None, "{not_a_prefix}");
    }
}

#[test]
fn neutral_paths_and_other_hosts_are_never_behind_a_prefix() {
    for refused in [
        "/en/api/v1/regions",
        "/en/api",
        "/ja/assets/sosei.css",
        "/en/healthz",
        "/en/metrics",
        "/en/programmes.ics",
        "/en/programmes/3/deliverables/4/file",
        "/en//evil.example",
        "/en/\\evil.example",
    ] {
        assert_eq!(split_language_prefix(refused), None, "{refused}");
    }
    assert_eq!(
        split_language_prefix("/en/apiary"),
        Some((Locale::En, "/apiary"))
    );
}

#[test]
fn paths_move_between_languages() {
    assert_eq!(
        path_in_language(Locale::En, "/regions?q=1"),
        "/en/regions?q=1"
    );
    assert_eq!(
        path_in_language(Locale::En, "/ja/regions?q=1"),
        "/en/regions?q=1"
    );
    assert_eq!(path_in_language(Locale::Ja, "/en/regions"), "/ja/regions");
    assert_eq!(path_in_language(Locale::Ja, "/en"), "/ja/");
    assert_eq!(path_in_language(Locale::Ja, "/en?x=1"), "/ja/?x=1");
    assert_eq!(path_in_language(Locale::Ja, "/"), "/ja/");
    assert_eq!(path_in_language(Locale::En, "/en/"), "/en/");
    assert_eq!(path_in_language(Locale::En, "/english"), "/en/english");
    // Neutral paths and other hosts come back as they were.
    assert_eq!(
        path_in_language(Locale::En, "/api/v1/regions"),
        "/api/v1/regions"
    );
    assert_eq!(
        path_in_language(Locale::En, "/programmes.ics"),
        "/programmes.ics"
    );
    assert_eq!(
        path_in_language(Locale::En, "//evil.example"),
        "//evil.example"
    );
    assert_eq!(
        path_in_language(Locale::En, "/ja//evil.example"),
        "/ja//evil.example"
    );
    assert_eq!(
        path_in_language(Locale::En, "https://evil.example/"),
        "https://evil.example/"
    );
}

#[test]
fn only_site_paths_without_a_prefix_want_one() {
    assert!(wants_language_prefix("/account"));
    assert!(wants_language_prefix("/sign-in?return_to=%2Fregions"));
    assert!(wants_language_prefix("/\t/evil.example"));
    assert!(!wants_language_prefix("/en/account"));
    assert!(!wants_language_prefix("/ja"));
    assert!(!wants_language_prefix("//evil.example"));
    assert!(!wants_language_prefix("https://evil.example"));
    assert!(!wants_language_prefix("/api/v1/me"));
    assert!(!wants_language_prefix("account"));
}
