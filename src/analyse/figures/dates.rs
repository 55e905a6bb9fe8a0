//! Dates: `YYYY年M月D日` and its partial forms, numeric dates (`2020-07-17`), and date ranges,
//! read into the crate's one [`PartialDate`] and written as ISO 8601.

use super::scan::{is_range_sep, Found, Scanner};
use super::FigureKind;
use crate::date::PartialDate;

/// A date or date range, before it becomes a [`Figure`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub(super) from: PartialDate,
    pub(super) to: Option<PartialDate>,
}

impl Scanner {
    /// A four-digit year number (Arabic, or Chinese digits) at `i`.
    pub(super) fn year_number(&self, i: usize) -> Option<(u16, usize)> {
        if self.ordinal_before(i) {
            return None;
        }
        let num = self.arabic(i).or_else(|| self.chinese(i))?;
        Some((u16::try_from(num.year?).ok()?, num.end))
    }

    /// A month or day number (1..=max) at `i`.
    pub(super) fn small_number(&self, i: usize, max: u8) -> Option<(u8, usize)> {
        if self.ordinal_before(i) {
            return None;
        }
        let num = self.arabic(i).or_else(|| self.chinese(i))?;
        let n = num.small.and_then(|n| u8::try_from(n).ok());
        let n = n.filter(|n| (1..=max).contains(n))?;
        Some((n, num.end))
    }

    /// The end of `marker` at `i`, after at most one space.
    pub(super) fn marker(&self, i: usize, markers: &[char]) -> Option<usize> {
        let k = self.skip_space(i);
        self.is(k, |c| markers.contains(&c)).then_some(k + 1)
    }

    /// A date component: a number (from `number`) followed by one of `markers`, or two such
    /// numbers joined by a range separator and followed by the marker (2019-2020年, 1-3月).
    pub(super) fn component<N: Copy + PartialOrd>(
        &self,
        i: usize,
        number: impl Fn(usize) -> Option<(N, usize)>,
        markers: &[char],
    ) -> Option<(N, Option<N>, usize)> {
        let (n, end) = number(i)?;
        if let Some(after) = self.marker(end, markers) {
            return Some((n, None, after));
        }
        let s = self.skip_space(end);
        if !self.is(s, is_range_sep) {
            return None;
        }
        let (n2, end2) = number(self.skip_space(s + 1))?;
        let after = self.marker(end2, markers)?;
        (n2 > n).then_some((n, Some(n2), after))
    }

    pub(super) fn year_part(&self, i: usize) -> Option<(u16, Option<u16>, usize)> {
        let part = self.component(i, |k| self.year_number(k), &['年'])?;
        // 1990年代 is a decade, not a year.
        (self.get(part.2) != Some('代')).then_some(part)
    }

    pub(super) fn month_part(&self, i: usize) -> Option<(u8, Option<u8>, usize)> {
        self.component(i, |k| self.small_number(k, 12), &['月'])
    }

    pub(super) fn day_part(&self, i: usize) -> Option<(u8, Option<u8>, usize)> {
        self.component(i, |k| self.small_number(k, 31), &['日', '号'])
    }

    /// YYYY-MM-DD, YYYY/M/D, YYYY.MM.DD.
    pub(super) fn numeric_date(&self, i: usize) -> Option<(Span, usize)> {
        // Plain digits: through [`Scanner::arabic`], 2021.03 would be a decimal number.
        let digits = |at: usize, lengths: std::ops::RangeInclusive<usize>| {
            let mut end = at;
            while self.digit(end) {
                end += 1;
            }
            let n: u32 = lengths
                .contains(&(end - at))
                .then(|| self.c[at..end].iter().collect::<String>().parse().ok())??;
            Some((n, end))
        };
        if self.glued_before(i) || self.ordinal_before(i) {
            return None;
        }
        let (y, year_end) = digits(i, 4..=4).filter(|(y, _)| (1900..=2099).contains(y))?;
        let sep = self
            .get(year_end)
            .filter(|c| matches!(c, '-' | '/' | '.'))?;
        let (m, month_end) = digits(year_end + 1, 1..=2)?;
        if self.get(month_end) != Some(sep) {
            return None;
        }
        let (d, end) = digits(month_end + 1, 1..=2)?;
        if self.is(end, |c| c.is_ascii_alphanumeric())
            || (self.get(end) == Some(sep) && self.digit(end + 1))
        {
            return None;
        }
        // At most four digits for the year, two for month and day: each fits its field.
        let ymd = PartialDate::new(Some(y as u16), Some(m as u8), Some(d as u8));
        ymd.is_valid().then_some((
            Span {
                from: ymd,
                to: None,
            },
            end,
        ))
    }

    /// One date, or a range inside one component (6月16-18日), at `i`.
    pub(super) fn date_single(&self, i: usize) -> Option<(Span, usize)> {
        if let Some(found) = self.numeric_date(i) {
            return Some(found);
        }
        let mut from = PartialDate::default();
        let mut to = None;
        let mut end;
        let month_at;
        if let Some((y, y2, e)) = self.year_part(i) {
            from.year = Some(y);
            end = e;
            if let Some(y2) = y2 {
                let span = Span {
                    from,
                    to: Some(PartialDate {
                        year: Some(y2),
                        ..from
                    }),
                };
                return Some((span, end));
            }
            month_at = self.skip_space(e);
        } else {
            month_at = i;
            end = i;
        }
        if let Some((m, m2, e)) = self.month_part(month_at) {
            from.month = Some(m);
            end = e;
            if let Some(m2) = m2 {
                to = Some(PartialDate {
                    month: Some(m2),
                    ..from
                });
            } else if let Some((d, d2, e)) = self.day_part(self.skip_space(e)) {
                // A day the month does not have (2月30日) is left out; the month stands.
                let with_day = PartialDate {
                    day: Some(d),
                    ..from
                };
                let to_day = d2.map(|d2| PartialDate {
                    day: Some(d2),
                    ..from
                });
                if with_day.is_valid() && to_day.as_ref().is_none_or(PartialDate::is_valid) {
                    from = with_day;
                    end = e;
                    to = to_day;
                }
            }
        }
        if end == i || !from.is_valid() || !to.as_ref().is_none_or(PartialDate::is_valid) {
            return None;
        }
        // 一月 alone is too often the tail of a word (统一月度, 唯一月活); with a year or a
        // day (2021年一月, 一月五日) it is January.
        if from.year.is_none() && from.day.is_none() && to.is_none() && self.c[month_at] == '一' {
            return None;
        }
        Some((Span { from, to }, end))
    }

    /// A date or date range at `i`.
    pub(super) fn date_at(&self, i: usize) -> Option<Found> {
        let (mut span, mut end) = self.date_single(i)?;
        if span.to.is_none() {
            if let Some((to, to_end)) = self.date_continuation(&span.from, end) {
                span.to = Some(to);
                end = to_end;
            }
        }
        let iso = match span.to {
            Some(to) => format!("{}/{}", span.from.iso(), to.iso()),
            None => span.from.iso(),
        };
        Some(Found {
            start: i,
            end,
            kind: FigureKind::Date,
            value: None,
            value_to: None,
            unit: "",
            iso: Some(iso),
        })
    }

    /// The end of a date range after `from`, which ends at `end`: a separator, then a date
    /// whose missing leading parts come from `from` (6月16日-18日, 2021年1月至9月).
    pub(super) fn date_continuation(
        &self,
        from: &PartialDate,
        end: usize,
    ) -> Option<(PartialDate, usize)> {
        let s = self.skip_space(end);
        if !self.is(s, is_range_sep) {
            return None;
        }
        let t = self.skip_space(s + 1);
        let (mut to, to_end) = match self.date_single(t) {
            Some((span, e)) if span.to.is_none() => (span.from, e),
            Some(_) => return None,
            // Only a day: 6月16日-18日.
            None if from.day.is_some() => {
                let (d, None, e) = self.day_part(t)? else {
                    return None;
                };
                (
                    PartialDate {
                        day: Some(d),
                        ..PartialDate::default()
                    },
                    e,
                )
            }
            None => return None,
        };
        if to.year.is_none() && to.month.is_none() {
            to.month = from.month;
        }
        if to.year.is_none() {
            to.year = from.year;
        }
        let fits = to.parts() == from.parts() && to > *from && to.is_valid();
        fits.then_some((to, to_end))
    }
}
