//! Skills participants bring, from a curated taxonomy that site admins can extend. The built-in
//! skills below are also seeded into the store's `skills` table by its migration (a contract test
//! checks that the two agree).

use serde::{Deserialize, Serialize};

use crate::LocalizedText;

/// The stable name of a skill: 2–40 of `a-z`, `0-9` and `-`, not starting or ending with `-`
/// (e.g. `thai-translation`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SkillSlug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a skill's short name uses 2 to 40 lower-case letters, digits and hyphens")]
pub struct SkillSlugError;

impl crate::UserFacingError for SkillSlugError {
    fn message_id(&self) -> &'static str {
        "error-skill-slug"
    }
}

impl SkillSlug {
    pub const MAX_CHARS: usize = 40;

    /// Parse `graphic-design`, `Graphic-Design` or full-width input; spaces and underscores
    /// become hyphens.
    pub fn parse(raw: &str) -> Result<Self, SkillSlugError> {
        let text = crate::text::normalize_text(raw, false)
            .map_err(|_| SkillSlugError)?
            .to_ascii_lowercase()
            .replace([' ', '_'], "-");
        let valid_chars = text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_chars
            || !(2..=Self::MAX_CHARS).contains(&text.len())
            || text.starts_with('-')
            || text.ends_with('-')
            || text.contains("--")
        {
            return Err(SkillSlugError);
        }
        Ok(SkillSlug(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SkillSlug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for SkillSlug {
    type Error = SkillSlugError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<SkillSlug> for String {
    fn from(slug: SkillSlug) -> String {
        slug.0
    }
}

/// A skill of the taxonomy with its labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skill {
    pub slug: SkillSlug,
    pub label: LocalizedText,
    /// Shipped with Sosei (seeded by the migration) rather than added by a site admin.
    pub built_in: bool,
}

/// The skills Sosei ships with: slug, Japanese label, English label.
pub const BUILT_IN_SKILLS: &[(&str, &str, &str)] = &[
    (
        "english-translation",
        "英語の翻訳・通訳",
        "English translation",
    ),
    (
        "chinese-translation",
        "中国語の翻訳・通訳",
        "Chinese translation",
    ),
    ("thai-translation", "タイ語の翻訳・通訳", "Thai translation"),
    (
        "korean-translation",
        "韓国語の翻訳・通訳",
        "Korean translation",
    ),
    (
        "vietnamese-translation",
        "ベトナム語の翻訳・通訳",
        "Vietnamese translation",
    ),
    ("graphic-design", "グラフィックデザイン", "Graphic design"),
    ("web", "ウェブ制作", "Web development"),
    ("social-media", "SNS運用", "Social media"),
    ("photography", "写真撮影", "Photography"),
    ("video", "動画制作", "Video production"),
    ("tourism-planning", "観光企画", "Tourism planning"),
    ("agriculture", "農業", "Agriculture"),
    ("cooking", "料理", "Cooking"),
    ("teaching", "教育・授業", "Teaching"),
    ("research", "調査・研究", "Research"),
    ("data-analysis", "データ分析", "Data analysis"),
    ("writing", "文章作成", "Writing"),
    ("marketing", "マーケティング", "Marketing"),
    ("event-planning", "イベント企画", "Event planning"),
    ("illustration", "イラスト", "Illustration"),
];

/// The built-in skills as domain values.
pub fn built_in_skills() -> Vec<Skill> {
    BUILT_IN_SKILLS
        .iter()
        .filter_map(|(slug, ja, en)| {
            Some(Skill {
                slug: SkillSlug::parse(slug).ok()?,
                label: LocalizedText::new(*ja, *en),
                built_in: true,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_folded_and_bounded() {
        assert_eq!(
            SkillSlug::parse(" Graphic Design ")
                .expect("a valid test value")
                .as_str(),
            "graphic-design"
        );
        assert_eq!(
            SkillSlug::parse("ｗｅｂ")
                .expect("a valid test value")
                .as_str(),
            "web"
        );
        assert_eq!(
            SkillSlug::parse("data_analysis")
                .expect("a valid test value")
                .as_str(),
            "data-analysis"
        );
        for bad in [
            "",
            "a",
            "-web",
            "web-",
            "we--b",
            "デザイン",
            &"x".repeat(41),
        ] {
            assert!(SkillSlug::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn built_in_skills_all_parse_and_are_unique() {
        let skills = built_in_skills();
        assert_eq!(skills.len(), BUILT_IN_SKILLS.len());
        let mut slugs: Vec<&str> = skills.iter().map(|skill| skill.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), skills.len());
        assert!(slugs.contains(&"thai-translation"));
    }
}
