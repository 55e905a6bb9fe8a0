//! Calendar dates as Chinese texts state them: often partial (`2021年` is a year, `2021年3月`
//! a month, `3月1日` a day without a year).
//!
//! One type, [`PartialDate`], serves every step that reads or compares dates: the metadata
//! step ([`crate::meta`]) reads the publication date, the figures table
//! ([`crate::analyse::figures`]) reads the dates an article mentions, the query's `date:`
//! filter ([`mod@crate::query::parse`]) compares them, and trends sort by them. Each step keeps its
//! own way of *finding* a date in text (the conventions differ), but the calendar rules — which
//! days exist, how a partial date is written in ISO 8601, which days it covers — live here,
//! once. This module imports nothing from the crate, so any step may use it.
//!
//! ```
//! use corpus_explorer::date::PartialDate;
//!
//! let march = PartialDate::new(Some(2021), Some(3), None);
//! assert_eq!(march.iso(), "2021-03");
//! assert_eq!((march.first_day(), march.last_day()), ((2021, 3, 1), (2021, 3, 31)));
//! assert!(!PartialDate::new(Some(2021), Some(2), Some(29)).is_valid());
//! assert_eq!(PartialDate::new(None, Some(3), Some(1)).iso(), "--03-01");
//! ```

/// Year, month and day, any of which may be missing: `2021`, `2021-03`, `--03-01`.
///
/// Ordered by year, then month, then day, a missing part before any stated one (so `2021`
/// sorts before `2021-01`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year, when stated.
    pub year: Option<u16>,
    /// 1–12, when stated (a date that is not valid may hold anything until checked).
    pub month: Option<u8>,
    /// 1–31 and within the month, when stated.
    pub day: Option<u8>,
}

impl PartialDate {
    /// A date from its parts; see [`PartialDate::is_valid`] to check them.
    pub const fn new(year: Option<u16>, month: Option<u8>, day: Option<u8>) -> Self {
        PartialDate { year, month, day }
    }

    /// The date in ISO 8601's extended form, as precise as stated: `2020-07-17`, `2021-03`,
    /// `2021`, and without a year `--03-01` or `--03`. A year hides a day without a month;
    /// a date with neither year nor month is the empty string.
    pub fn iso(&self) -> String {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), None, _) => format!("{y:04}"),
            (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
            (None, Some(m), None) => format!("--{m:02}"),
            (None, None, _) => String::new(),
        }
    }

    /// Which parts are stated: (year, month, day).
    pub fn parts(&self) -> (bool, bool, bool) {
        (
            self.year.is_some(),
            self.month.is_some(),
            self.day.is_some(),
        )
    }

    /// 3 for a full date, 2 for a month, 1 for a year alone.
    pub fn precision(&self) -> u8 {
        u8::from(self.year.is_some())
            + u8::from(self.month.is_some())
            + u8::from(self.day.is_some())
    }

    /// A month 1–12 and a day that exists in it (29 February only in leap years, or without
    /// a year); a day needs a month.
    pub fn is_valid(&self) -> bool {
        let month_ok = self.month.is_none_or(|m| (1..=12).contains(&m));
        let day_ok = match (self.month, self.day) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(m), Some(d)) => d >= 1 && d <= days_in_month(self.year, m),
        };
        month_ok && day_ok
    }

    /// The first day the date can mean, as (year, month, day): `2021` → (2021, 1, 1). A
    /// missing year counts as 0.
    pub fn first_day(&self) -> (u16, u8, u8) {
        (
            self.year.unwrap_or(0),
            self.month.unwrap_or(1),
            self.day.unwrap_or(1),
        )
    }

    /// The last day the date can mean, as (year, month, day): `2021-03` → (2021, 3, 31). The
    /// day of a month is 31 whatever the month (the comparison needs only the order). A
    /// missing year counts as 0.
    pub fn last_day(&self) -> (u16, u8, u8) {
        (
            self.year.unwrap_or(0),
            self.month.unwrap_or(12),
            self.day.unwrap_or(31),
        )
    }
}

/// Whether `year` is a leap year in the Gregorian calendar.
pub fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// The days of `month` (1–12) in `year`; February has 29 when the year is unknown (29 February
/// without a year may be a leap day).
pub fn days_in_month(year: Option<u16>, month: u8) -> u8 {
    match month {
        2 if year.is_none_or(is_leap_year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_iso_as_precise_as_stated() {
        let d = |y, m, d| PartialDate::new(y, m, d).iso();
        assert_eq!(d(Some(2020), Some(7), Some(17)), "2020-07-17");
        assert_eq!(d(Some(2021), Some(3), None), "2021-03");
        assert_eq!(d(Some(2021), None, None), "2021");
        assert_eq!(d(None, Some(3), Some(1)), "--03-01");
        assert_eq!(d(None, Some(3), None), "--03");
        assert_eq!(d(None, None, None), "");
    }

    #[test]
    fn knows_which_days_exist() {
        let valid = |y, m, d| PartialDate::new(y, Some(m), Some(d)).is_valid();
        assert!(valid(Some(2020), 2, 29));
        assert!(!valid(Some(2021), 2, 29));
        assert!(!valid(Some(1900), 2, 29));
        assert!(valid(Some(2000), 2, 29));
        assert!(valid(None, 2, 29));
        assert!(!valid(Some(2020), 4, 31));
        assert!(!valid(Some(2020), 13, 1));
        assert!(!valid(Some(2020), 1, 0));
        assert!(!PartialDate::new(Some(2020), None, Some(1)).is_valid());
    }

    #[test]
    fn orders_a_partial_date_before_the_dates_it_covers() {
        let year = PartialDate::new(Some(2021), None, None);
        let january = PartialDate::new(Some(2021), Some(1), None);
        assert!(year < january);
        assert_eq!(year.last_day(), (2021, 12, 31));
        assert_eq!(january.first_day(), (2021, 1, 1));
    }
}
