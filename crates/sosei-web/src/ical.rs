//! iCalendar (RFC 5545) files for schedules: programmes, and later events. A calendar app
//! subscribes to or imports them, so a participant or host sees the dates in their own calendar.
//!
//! Only what schedules need: all-day events (`DTSTART;VALUE=DATE`, with the exclusive end date
//! RFC 5545 asks for), a stable `UID` per event so a re-import updates rather than duplicates,
//! text escaping (§3.3.11) and line folding at 75 octets without splitting a UTF-8 character
//! (§3.1), CRLF line ends.

use time::{Date, OffsetDateTime};

/// One all-day event, `first_day` to `last_day` inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Unique and stable across exports, e.g. `programme-12@sosei.example`.
    pub uid: String,
    pub first_day: Date,
    pub last_day: Date,
    pub summary: String,
    pub description: String,
    pub location: String,
    /// An address where the event is described.
    pub url: Option<String>,
}

/// A whole `VCALENDAR` with the events in the order given. `stamp` is written as every event's
/// `DTSTAMP` (the time of the export), so the same data and stamp give the same bytes.
pub fn calendar(name: &str, events: &[CalendarEvent], stamp: OffsetDateTime) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Sosei//Sosei//JA");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    let stamp = stamp.to_offset(time::UtcOffset::UTC);
    let stamp_text = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        stamp.year(),
        u8::from(stamp.month()),
        stamp.day(),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    );
    for event in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape_text(&event.uid)));
        line(&mut out, &format!("DTSTAMP:{stamp_text}"));
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", date_value(event.first_day)),
        );
        // DTEND of an all-day event is the day after the last one (non-inclusive).
        let end = event
            .last_day
            .max(event.first_day)
            .next_day()
            .unwrap_or(event.last_day);
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", date_value(end)));
        line(
            &mut out,
            &format!("SUMMARY:{}", escape_text(&event.summary)),
        );
        if !event.description.is_empty() {
            line(
                &mut out,
                &format!("DESCRIPTION:{}", escape_text(&event.description)),
            );
        }
        if !event.location.is_empty() {
            line(
                &mut out,
                &format!("LOCATION:{}", escape_text(&event.location)),
            );
        }
        if let Some(url) = &event.url {
            line(&mut out, &format!("URL:{}", escape_text(url)));
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn date_value(date: Date) -> String {
    format!(
        "{:04}{:02}{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// §3.3.11: backslash, semicolon and comma escaped, newlines as `\n`.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Append a content line folded at 75 octets (continuations start with a space), CRLF-ended.
fn line(out: &mut String, content: &str) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for c in content.chars() {
        let width = c.len_utf8();
        // A continuation line's leading space counts toward its 75 octets.
        if used + width > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn shimokawa() -> CalendarEvent {
        CalendarEvent {
            uid: "programme-1@sosei.test".to_owned(),
            first_day: date!(2017 - 03 - 03),
            last_day: date!(2017 - 03 - 13),
            summary: "Sosei Partners 下川町, 2017".to_owned(),
            description: "Leaflets in English; Mandarin; Thai\nHost families".to_owned(),
            location: "北海道下川町".to_owned(),
            url: Some("https://sosei.test/programmes/1".to_owned()),
        }
    }

    #[test]
    fn an_all_day_event_ends_the_day_after_its_last_day() {
        let text = calendar("Sosei", &[shimokawa()], datetime!(2026-11-22 03:00:00 UTC));
        assert!(text.contains("DTSTART;VALUE=DATE:20170303\r\n"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20170314\r\n"), "{text}");
        assert!(text.contains("DTSTAMP:20261122T030000Z\r\n"), "{text}");
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        let text = calendar("A, B", &[shimokawa()], datetime!(2026-11-22 03:00:00 UTC));
        assert!(text.contains("X-WR-CALNAME:A\\, B\r\n"));
        assert!(text.contains("SUMMARY:Sosei Partners 下川町\\, 2017\r\n"));
        assert!(
            text.contains("DESCRIPTION:Leaflets in English\\; Mandarin\\; Thai\\nHost families")
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut event = shimokawa();
        event.description = "下川町の森と人々。".repeat(20);
        let text = calendar(
            "Sosei",
            &[event.clone()],
            datetime!(2026-11-22 03:00:00 UTC),
        );
        for physical in text.split("\r\n") {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        // Unfolding gives the original line back.
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:{}", event.description)));
    }

    #[test]
    fn the_same_events_and_stamp_give_the_same_bytes() {
        let stamp = datetime!(2026-11-22 03:00:00 UTC);
        assert_eq!(
            calendar("Sosei", &[shimokawa()], stamp),
            calendar("Sosei", &[shimokawa()], stamp)
        );
    }
}
