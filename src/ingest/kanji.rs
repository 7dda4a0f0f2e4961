//! Figures written in kanji numerals (一万二千三百四十人, 年間十八人, 令和十六年), as plans for
//! citizens and vertical text write them, read as Arabic digits so every pass reads their figures.
//!
//! Only a run of two numerals or more that starts with a digit, 十, 百 or 千 is a figure: a lone numeral
//! is part of a word far more often (一人ひとり, 十分, 第一次), and 万一 (in case) starts with 万;
//! units alone (百万円) and units after Arabic digits (3千万円) stay as they are.

use std::borrow::Cow;

fn digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn unit(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1_000),
        '万' => Some(10_000),
        '億' => Some(100_000_000),
        _ => None,
    }
}

/// Whether a letter is a kanji power of ten (十, 百, 千, 万, 億): 「何千トン」 asks in トン.
pub fn is_power_of_ten(c: char) -> bool {
    unit(c).is_some()
}

fn is_numeral(c: char) -> bool {
    digit(c).is_some() || unit(c).is_some()
}

/// Whether a text holds two kanji numerals side by side, or an era's year in one (令和八年):
/// only such a text can hold a figure [`arabic`] rewrites. One pass over the text, nothing
/// allocated.
pub fn has_numeral_run(text: &str) -> bool {
    let (mut before, mut previous) = ('\0', '\0');
    text.chars().any(|c| {
        let run = is_numeral(previous) && is_numeral(c);
        let era_year = c == '年' && is_numeral(previous) && matches!(before, '和' | '成');
        (before, previous) = (previous, c);
        run || era_year
    })
}

/// The text with every figure in kanji numerals written in Arabic digits.
pub fn arabic(text: &str) -> Cow<'_, str> {
    // Most lines hold no two numerals side by side: leave them as they are, unallocated.
    if !has_numeral_run(text) {
        return text.into();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, n) in figures(&chars) {
        out.extend(&chars[at..start]);
        // 「百五十万円」 is 150万円 as plans write it in digits, not 1500000円: a run that ends in
        // its only 万 (or 億) keeps it.
        let last = chars[end - 1];
        let big =
            unit(last).filter(|&u| u >= 10_000 && chars[start..end - 1].iter().all(|&c| unit(c).is_none_or(|x| x < u)));
        match big {
            Some(u) if n % u == 0 => {
                out.push_str(&(n / u).to_string());
                out.push(last);
            }
            _ => out.push_str(&n.to_string()),
        }
        at = end;
        // Vertical text writes the decimal point as ・ (八一・四パーセント is 81.4%) after digits
        // written place by place.
        let places = chars[start..end].iter().all(|&c| digit(c).is_some());
        let decimals = chars[(end + 1).min(chars.len())..].iter().take_while(|&&c| digit(c).is_some()).count();
        if places && chars.get(end) == Some(&'・') && decimals > 0 {
            out.push('.');
            out.extend(
                chars[end + 1..end + 1 + decimals].iter().filter_map(|&c| digit(c)).map(|d| char::from(b'0' + d as u8)),
            );
            at = end + 1 + decimals;
        }
    }
    out.extend(&chars[at..]);
    out.into()
}

/// The figures written in kanji numerals in a text: where each run starts and ends (in chars)
/// and its value.
fn figures(chars: &[char]) -> Vec<(usize, usize, u64)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let end = (at..chars.len()).find(|&k| !is_numeral(chars[k])).unwrap_or(chars.len());
        let starts = matches!(chars[at], '十' | '百' | '千') || digit(chars[at]).is_some_and(|d| d > 0);
        // Units alone (百万円, 千万) and units after Arabic digits (86億3千万円) are no figure of
        // their own: the digits before them are.
        let digits = chars[at..end].iter().any(|&c| digit(c).is_some());
        let after_figure = at > 0 && chars[at - 1].is_ascii_digit();
        // 「令和八年度」: one numeral is a year of an era, which vertical text writes in kanji too.
        let era_year = at >= 2
            && super::value::ERAS.iter().any(|e| chars[at - 2..at].iter().copied().eq(e.chars()))
            && chars.get(end) == Some(&'年');
        if (end - at >= 2 || era_year) && starts && digits && !after_figure {
            // A run too large to count is left as written.
            if let Some(n) = value(&chars[at..end]) {
                out.push((at, end, n));
            }
            at = end;
        } else {
            at += 1;
        }
    }
    out
}

/// How a text writes a figure in kanji numerals, with its unit when the unit follows it
/// (「一万一千人」 for 11000 and 人): answers quote a figure as the plan publishes it.
pub fn written(text: &str, number: u64, unit: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    // The figure's own unit after it, or no unit and no date (「令和十六年」 is no figure of 16).
    let fits = |end: usize| {
        let rest: String = chars[end..].iter().take(unit.chars().count()).collect();
        if unit.is_empty() {
            !chars.get(end).is_some_and(|c| matches!(c, '年' | '月' | '日'))
        } else {
            rest == unit
        }
    };
    let (start, end, _) = figures(&chars).into_iter().find(|&(_, end, n)| n == number && fits(end))?;
    Some(chars[start..end + unit.chars().count()].iter().collect())
}

/// The value of a run of numerals: 一万二千三百四十 = 12340, 二〇二五 = 2025 (digit by digit).
fn value(run: &[char]) -> Option<u64> {
    let (mut total, mut section, mut current) = (0u64, 0u64, None::<u64>);
    for &c in run {
        if let Some(d) = digit(c) {
            // Digits side by side are written place by place (二〇二五).
            current = Some(current.map_or(Some(d), |n| n.checked_mul(10)?.checked_add(d))?);
        } else {
            let u = unit(c)?;
            if u >= 10_000 {
                total = total.checked_add((section + current.unwrap_or(0)).max(1).checked_mul(u)?)?;
                section = 0;
            } else {
                section = section.checked_add(current.unwrap_or(1).checked_mul(u)?)?;
            }
            current = None;
        }
    }
    total.checked_add(section)?.checked_add(current.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_in_kanji_numerals_become_digits() {
        assert_eq!(arabic("人口は一万二千三百四十人です"), "人口は12340人です");
        assert_eq!(arabic("年額百五十万円の補助"), "年額150万円の補助");
        assert_eq!(arabic("二億円"), "2億円");
        assert_eq!(arabic("令和八年度から令和十二年度まで"), "令和8年度から令和12年度まで");
        assert_eq!(arabic("第三次計画の八年間"), "第三次計画の八年間");
        assert_eq!(arabic("令和八年三月"), "令和8年三月");
        assert_eq!(arabic("現状値　八一・四パーセント"), "現状値　81.4パーセント");
        assert_eq!(arabic("十一・十二月"), "11・12月");
        assert_eq!(arabic("年間十八人から年間三十人に"), "年間18人から年間30人に");
        assert_eq!(arabic("令和十六年に二〇三四年"), "令和16年に2034年");
        assert_eq!(arabic("累計四十二件、百五十件"), "累計42件、150件");
    }

    #[test]
    fn a_figure_is_found_as_the_text_writes_it() {
        assert_eq!(written("令和十六年の人口一万一千人をめざします", 11000, "人").as_deref(), Some("一万一千人"));
        assert_eq!(written("年間十八人から年間三十人に", 30, "件"), None);
        assert_eq!(written("令和十六年に十六", 16, "").as_deref(), Some("十六"));
        assert_eq!(written("人口は12,340人です", 12340, "人"), None);
    }

    #[test]
    fn numerals_that_are_part_of_words_stay() {
        for text in ["一人ひとりが十分に", "万一の災害", "第一次計画", "本文です。", "百万円", "86億3千万円"]
        {
            assert_eq!(arabic(text), text);
        }
    }

    #[test]
    fn a_run_of_numerals_is_what_arabic_looks_for() {
        // `arabic` rewrites a text (Owned) exactly when it holds a run, figure or not.
        for text in ["", "一", "一人ひとり", "百万円", "第一次と第二次", "万一", "二〇", "令和十六年", "3千万"]
        {
            let owned = matches!(arabic(text), Cow::Owned(_));
            assert_eq!(has_numeral_run(text), owned, "{text}");
        }
        assert!(has_numeral_run("百万円") && !has_numeral_run("一つ二つ"));
    }
}
