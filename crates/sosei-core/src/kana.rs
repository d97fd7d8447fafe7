//! Kana and romaji: enough to find a municipality however its name is typed
//! (遠野, とおの, トオノ, ｔｏｏｎｏ, Tōno, tono).

use unicode_normalization::UnicodeNormalization;

/// Katakana to hiragana (after NFKC, so half-width katakana are handled too).
pub fn hiragana_from_katakana(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

const DIGRAPHS: &[(&str, &str)] = &[
    ("きゃ", "kya"),
    ("きゅ", "kyu"),
    ("きょ", "kyo"),
    ("ぎゃ", "gya"),
    ("ぎゅ", "gyu"),
    ("ぎょ", "gyo"),
    ("しゃ", "sha"),
    ("しゅ", "shu"),
    ("しょ", "sho"),
    ("しぇ", "she"),
    ("じゃ", "ja"),
    ("じゅ", "ju"),
    ("じょ", "jo"),
    ("じぇ", "je"),
    ("ちゃ", "cha"),
    ("ちゅ", "chu"),
    ("ちょ", "cho"),
    ("ちぇ", "che"),
    ("ぢゃ", "ja"),
    ("ぢゅ", "ju"),
    ("ぢょ", "jo"),
    ("にゃ", "nya"),
    ("にゅ", "nyu"),
    ("にょ", "nyo"),
    ("ひゃ", "hya"),
    ("ひゅ", "hyu"),
    ("ひょ", "hyo"),
    ("びゃ", "bya"),
    ("びゅ", "byu"),
    ("びょ", "byo"),
    ("ぴゃ", "pya"),
    ("ぴゅ", "pyu"),
    ("ぴょ", "pyo"),
    ("みゃ", "mya"),
    ("みゅ", "myu"),
    ("みょ", "myo"),
    ("りゃ", "rya"),
    ("りゅ", "ryu"),
    ("りょ", "ryo"),
    ("ふぁ", "fa"),
    ("ふぃ", "fi"),
    ("ふぇ", "fe"),
    ("ふぉ", "fo"),
    ("てぃ", "ti"),
    ("でぃ", "di"),
    ("うぃ", "wi"),
    ("うぇ", "we"),
    ("うぉ", "wo"),
];

const MONOGRAPHS: &[(char, &str)] = &[
    ('あ', "a"),
    ('い', "i"),
    ('う', "u"),
    ('え', "e"),
    ('お', "o"),
    ('か', "ka"),
    ('き', "ki"),
    ('く', "ku"),
    ('け', "ke"),
    ('こ', "ko"),
    ('が', "ga"),
    ('ぎ', "gi"),
    ('ぐ', "gu"),
    ('げ', "ge"),
    ('ご', "go"),
    ('さ', "sa"),
    ('し', "shi"),
    ('す', "su"),
    ('せ', "se"),
    ('そ', "so"),
    ('ざ', "za"),
    ('じ', "ji"),
    ('ず', "zu"),
    ('ぜ', "ze"),
    ('ぞ', "zo"),
    ('た', "ta"),
    ('ち', "chi"),
    ('つ', "tsu"),
    ('て', "te"),
    ('と', "to"),
    ('だ', "da"),
    ('ぢ', "ji"),
    ('づ', "zu"),
    ('で', "de"),
    ('ど', "do"),
    ('な', "na"),
    ('に', "ni"),
    ('ぬ', "nu"),
    ('ね', "ne"),
    ('の', "no"),
    ('は', "ha"),
    ('ひ', "hi"),
    ('ふ', "fu"),
    ('へ', "he"),
    ('ほ', "ho"),
    ('ば', "ba"),
    ('び', "bi"),
    ('ぶ', "bu"),
    ('べ', "be"),
    ('ぼ', "bo"),
    ('ぱ', "pa"),
    ('ぴ', "pi"),
    ('ぷ', "pu"),
    ('ぺ', "pe"),
    ('ぽ', "po"),
    ('ま', "ma"),
    ('み', "mi"),
    ('む', "mu"),
    ('め', "me"),
    ('も', "mo"),
    ('や', "ya"),
    ('ゆ', "yu"),
    ('よ', "yo"),
    ('ら', "ra"),
    ('り', "ri"),
    ('る', "ru"),
    ('れ', "re"),
    ('ろ', "ro"),
    ('わ', "wa"),
    ('ゐ', "i"),
    ('ゑ', "e"),
    ('を', "o"),
    ('ん', "n"),
    ('ゔ', "vu"),
    ('ぁ', "a"),
    ('ぃ', "i"),
    ('ぅ', "u"),
    ('ぇ', "e"),
    ('ぉ', "o"),
    ('ゃ', "ya"),
    ('ゅ', "yu"),
    ('ょ', "yo"),
];

/// Hepburn romaji of a kana reading, lower case, with long vowels written once
/// (`とおの` → `tono`, `ちゅうおう` → `chuo`, `ほっかいどう` → `hokkaido`), as place names are
/// usually spelt in English.
pub fn romaji_from_kana(kana: &str) -> String {
    let hiragana = hiragana_from_katakana(&kana.nfkc().collect::<String>());
    let chars: Vec<char> = hiragana.chars().collect();
    let mut syllables: Vec<String> = Vec::with_capacity(chars.len());
    let mut double_next = false;
    let mut index = 0;
    while index < chars.len() {
        let pair: String = chars[index..chars.len().min(index + 2)].iter().collect();
        let (romaji, consumed) = if let Some((_, r)) = DIGRAPHS.iter().find(|(k, _)| *k == pair) {
            ((*r).to_owned(), 2)
        } else if chars[index] == 'っ' {
            double_next = true;
            index += 1;
            continue;
        } else if chars[index] == 'ー' {
            let last_vowel = syllables
                .last()
                .and_then(|s| s.chars().last())
                .filter(|c| "aiueo".contains(*c))
                .map(String::from)
                .unwrap_or_default();
            (last_vowel, 1)
        } else if let Some((_, r)) = MONOGRAPHS.iter().find(|(k, _)| *k == chars[index]) {
            ((*r).to_owned(), 1)
        } else {
            (chars[index].to_lowercase().collect(), 1)
        };
        let romaji = if double_next {
            double_next = false;
            match romaji.strip_prefix("ch") {
                Some(_) => format!("t{romaji}"),
                None => match romaji.chars().next() {
                    Some(first) if first.is_ascii_alphabetic() && !"aiueo".contains(first) => {
                        format!("{first}{romaji}")
                    }
                    _ => romaji,
                },
            }
        } else {
            romaji
        };
        syllables.push(romaji);
        index += consumed;
    }
    collapse_long_vowels(&syllables.concat())
}

/// Write doubled long vowels once: `oo`, `ou` → `o`, `uu` → `u` (`toono` → `tono`).
pub fn collapse_long_vowels(romaji: &str) -> String {
    let mut out = String::with_capacity(romaji.len());
    for c in romaji.chars() {
        let previous = out.chars().last();
        let is_long = matches!(
            (previous, c),
            (Some('o'), 'o') | (Some('o'), 'u') | (Some('u'), 'u')
        );
        if !is_long {
            out.push(c);
        }
    }
    out
}

/// Lower-case ASCII letters of a romaji query: macrons and other marks removed
/// (`Tōno` → `tono`), spaces and punctuation dropped, long vowels collapsed.
pub fn romaji_search_key(text: &str) -> String {
    let letters: String = text
        .nfkd()
        .filter(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    collapse_long_vowels(&letters)
}

/// True when `text` has at least one kana and nothing but kana, marks and spaces.
pub fn is_kana(text: &str) -> bool {
    let mut any = false;
    for c in text.chars() {
        match c {
            'ぁ'..='ゖ' | 'ァ'..='ヺ' | 'ー' => any = true,
            ' ' | '　' | '・' => {}
            _ => return false,
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kana: &str, expected: &str) {
        assert_eq!(romaji_from_kana(kana), expected, "romaji of {kana}");
    }

    #[test]
    fn place_names_are_romanised_as_spelt_in_english() {
        check("とおの", "tono");
        check("うらほろ", "urahoro");
        check("しもかわ", "shimokawa");
        check("いしのまき", "ishinomaki");
        check("おおいそ", "oiso");
        check("ほっかいどう", "hokkaido");
        check("ちゅうおう", "chuo");
        check("きょうと", "kyoto");
        check("はっちょう", "hatcho");
        check("トーキョー", "tokyo");
        check("ﾄｵﾉ", "tono");
    }

    #[test]
    fn queries_fold_macrons_case_and_long_vowels() {
        assert_eq!(romaji_search_key("Tōno"), "tono");
        assert_eq!(romaji_search_key("TOONO"), "tono");
        assert_eq!(romaji_search_key("ｔｏｎｏ"), "tono");
        assert_eq!(romaji_search_key("Ishi-no maki"), "ishinomaki");
    }

    #[test]
    fn kana_detection() {
        assert!(is_kana("とおの"));
        assert!(is_kana("トオノ"));
        assert!(!is_kana("遠野"));
        assert!(!is_kana("tono"));
        assert!(!is_kana(""));
    }
}
