//! Seeded synthetic rounds for tests and the benchmark: N applicants × P programmes with
//! nationalities drawn from a skewed distribution (roughly the mix of international students
//! in Japan: China and Vietnam first), Japanese at JLPT levels, 1–3 skills, preference lists of
//! 3–5 programmes skewed toward popular ones, availability windows, and teams sized to each
//! programme's expected demand (about 0.9 seats per applicant overall).

use std::collections::BTreeMap;

use crate::level::{IsoDate, LanguageLevel};
use crate::local_search::SplitMix64;
use crate::problem::{
    Applicant, DateRange, JapaneseSpeakerRule, LanguageSkill, MatchOptions, MatchProblem, Need,
    Programme, Team, Weights,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntheticSpec {
    pub applicants: usize,
    pub programmes: usize,
    pub seed: u64,
}

/// (ISO 3166 code, main language, weight).
const NATIONALITIES: &[(&str, &str, u32)] = &[
    ("CN", "zh", 260),
    ("VN", "vi", 150),
    ("NP", "ne", 70),
    ("KR", "ko", 60),
    ("TW", "zh", 45),
    ("ID", "id", 40),
    ("LK", "si", 30),
    ("MM", "my", 30),
    ("TH", "th", 30),
    ("BD", "bn", 20),
    ("MN", "mn", 20),
    ("US", "en", 25),
    ("PH", "tl", 20),
    ("MY", "ms", 18),
    ("FR", "fr", 15),
    ("IN", "hi", 15),
    ("UZ", "uz", 12),
    ("DE", "de", 10),
    ("GB", "en", 10),
    ("BR", "pt", 10),
    ("IT", "it", 8),
    ("ES", "es", 8),
    ("AU", "en", 8),
    ("CA", "en", 8),
    ("HK", "zh", 8),
    ("SG", "en", 6),
    ("MX", "es", 5),
    ("RU", "ru", 5),
    ("KH", "km", 5),
    ("JP", "ja", 40),
];
const SKILLS: &[(&str, u32)] = &[
    ("design", 20),
    ("it", 18),
    ("writing", 15),
    ("translation", 15),
    ("video", 10),
    ("photography", 10),
    ("marketing", 8),
    ("agriculture", 5),
    ("cooking", 5),
    ("music", 4),
];

fn weighted<'a, T>(rng: &mut SplitMix64, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
    let total: u32 = items.iter().map(&weight).sum();
    let mut pick = rng.below(total as usize) as u32;
    for item in items {
        let w = weight(item);
        if pick < w {
            return item;
        }
        pick -= w;
    }
    &items[items.len() - 1]
}

fn date(day_of_2027: i64) -> IsoDate {
    // 2027-01-01 plus days; built by parsing to keep IsoDate's single constructor.
    let mut month = 1;
    let mut day = day_of_2027 + 1;
    let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    while month <= 12 && day > lengths[month - 1] {
        day -= lengths[month - 1];
        month += 1;
    }
    let (month, day) = if month > 12 { (12, 31) } else { (month, day) };
    IsoDate::parse(&format!("2027-{month:02}-{day:02}")).unwrap_or_else(|_| unreachable_date())
}

fn unreachable_date() -> IsoDate {
    IsoDate::parse("2027-01-01").unwrap_or_else(|_| unreachable_date())
}

/// A round of `spec.applicants` × `spec.programmes`, the same for the same spec.
pub fn generate(spec: SyntheticSpec) -> MatchProblem {
    let mut rng = SplitMix64::new(spec.seed ^ 0x5051_3E1A);
    let n_programmes = spec.programmes.max(1);
    // Popularity: Zipf-like weights over a shuffled order.
    let mut order: Vec<usize> = (0..n_programmes).collect();
    rng.shuffle(&mut order);
    let mut popularity = vec![0u32; n_programmes];
    for (position, &p) in order.iter().enumerate() {
        popularity[p] = (10_000.0 / (position as f64 + 3.0).powf(0.8)) as u32;
    }
    let mut programme_dates = Vec::with_capacity(n_programmes);
    for _ in 0..n_programmes {
        let start = rng.below(330) as i64;
        let length = 3 + rng.below(11) as i64;
        programme_dates.push(DateRange {
            start: date(start),
            end: date(start + length),
        });
    }

    let mut applicants = Vec::with_capacity(spec.applicants);
    let mut demand = vec![0u32; n_programmes];
    for i in 0..spec.applicants {
        let &(nationality, language, _) = weighted(&mut rng, NATIONALITIES, |n| n.2);
        let mut nationalities = vec![nationality.to_owned()];
        let mut languages = vec![LanguageSkill {
            language: language.to_owned(),
            level: LanguageLevel::Native,
        }];
        if rng.below(100) < 5 {
            let &(second, second_language, _) = weighted(&mut rng, NATIONALITIES, |n| n.2);
            if second != nationality {
                nationalities.push(second.to_owned());
                if second_language != language {
                    languages.push(LanguageSkill {
                        language: second_language.to_owned(),
                        level: LanguageLevel::Native,
                    });
                }
            }
        }
        if language != "ja" && !nationalities.iter().any(|n| n == "JP") {
            let level = match rng.below(100) {
                0..15 => Some(LanguageLevel::N1),
                15..50 => Some(LanguageLevel::N2),
                50..75 => Some(LanguageLevel::N3),
                75..90 => Some(LanguageLevel::N4),
                _ => None,
            };
            if let Some(level) = level {
                languages.push(LanguageSkill {
                    language: "ja".to_owned(),
                    level,
                });
            }
        }
        if language != "en" && rng.below(100) < 60 {
            let level = [LanguageLevel::B1, LanguageLevel::B2, LanguageLevel::C1][rng.below(3)];
            languages.push(LanguageSkill {
                language: "en".to_owned(),
                level,
            });
        }
        let mut skills: Vec<String> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let skill = weighted(&mut rng, SKILLS, |s| s.1).0.to_owned();
            if !skills.contains(&skill) {
                skills.push(skill);
            }
        }
        let wanted = (3 + rng.below(3)).min(n_programmes);
        let mut preferences: Vec<usize> = Vec::with_capacity(wanted);
        while preferences.len() < wanted {
            let p = *weighted(&mut rng, &(0..n_programmes).collect::<Vec<_>>(), |&p| {
                if preferences.contains(&p) {
                    0
                } else {
                    popularity[p].max(1)
                }
            });
            preferences.push(p);
        }
        let availability = if rng.below(100) < 75 {
            Vec::new()
        } else {
            let start = rng.below(200) as i64;
            vec![DateRange {
                start: date(start),
                end: date((start + 60 + rng.below(150) as i64).min(364)),
            }]
        };
        let mut scores = BTreeMap::new();
        for &p in &preferences {
            demand[p] += 1;
            scores.insert(format!("p{p:04}"), rng.below(101) as f64 / 10.0);
        }
        applicants.push(Applicant {
            id: format!("a{i:05}"),
            nationalities,
            languages,
            skills,
            availability,
            preferences: preferences.iter().map(|p| format!("p{p:04}")).collect(),
            scores,
        });
    }

    // Seats follow demand: a programme gets about 0.9 × N × (its share of all list entries).
    let total_demand: u32 = demand.iter().sum::<u32>().max(1);
    let mut programmes = Vec::with_capacity(n_programmes);
    for p in 0..n_programmes {
        let seats = (0.9 * spec.applicants as f64 * f64::from(demand[p]) / f64::from(total_demand))
            .round() as u32;
        let n_teams = seats.div_ceil(6).max(1);
        // Needs apply to every team, so a team with needs cannot stay empty: programmes with
        // little demand get optional teams without needs.
        let staffed = demand[p] >= 12 * n_teams;
        let mut teams = Vec::new();
        for k in 0..n_teams {
            // Coordinators ask for what their applicants can bring: each need is copied from a
            // random applicant who ranked the programme and is free on its dates.
            let mut needs = Vec::new();
            let pool: Vec<&Applicant> = applicants
                .iter()
                .filter(|a| {
                    a.preferences.contains(&format!("p{p:04}"))
                        && (a.availability.is_empty()
                            || a.availability.iter().any(|w| w.covers(&programme_dates[p])))
                })
                .collect();
            if staffed && !pool.is_empty() && rng.below(100) < 50 {
                let source = pool[rng.below(pool.len())];
                let skill = source.skills[rng.below(source.skills.len())].clone();
                needs.push(Need::Skill { skill, at_least: 1 });
            }
            if staffed && !pool.is_empty() && rng.below(100) < 30 {
                let source = pool[rng.below(pool.len())];
                let spoken: Vec<&LanguageSkill> = source
                    .languages
                    .iter()
                    .filter(|l| l.language != "ja" && l.level.meets(LanguageLevel::B1))
                    .collect();
                if !spoken.is_empty() {
                    let language = spoken[rng.below(spoken.len())].language.clone();
                    needs.push(Need::Language {
                        language,
                        min_level: LanguageLevel::B1,
                        at_least: 1,
                    });
                }
            }
            teams.push(Team {
                id: format!("p{p:04}-t{}", k + 1),
                min_size: if staffed { 3 } else { 0 },
                max_size: 6,
                needs,
            });
        }
        programmes.push(Programme {
            id: format!("p{p:04}"),
            dates: programme_dates[p],
            teams,
            japanese_speaker: (staffed && rng.below(100) < 80)
                .then_some(JapaneseSpeakerRule::default()),
            max_per_nationality: Some(2),
        });
    }
    MatchProblem {
        applicants,
        programmes,
        locks: Vec::new(),
        weights: Weights::default(),
        options: MatchOptions {
            seed: spec.seed,
            ..MatchOptions::default()
        },
    }
}
