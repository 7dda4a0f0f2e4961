//! The records ingest makes of a plan: what the index stores and the answer engine reasons on.

use serde::{Deserialize, Serialize};

use super::value::Value;

/// Which document a record came from, denormalized so one record answers on its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Path relative to the repository root (or to the current directory), e.g.
    /// `data/plans/002_ce2878ebb8c6f072.txt`: what a citation shows.
    pub file: String,
    pub municipality: Option<String>,
    pub title: String,
    pub edition: Option<String>,
    pub period: Option<String>,
}

impl Source {
    /// The first fiscal year of the period the catalog gives the plan (「2025-2029」, 「2025〜2029」).
    pub fn first_year(&self) -> Option<i32> {
        self.period.as_deref()?.split(['-', '~', '〜', '～']).next()?.trim().parse().ok()
    }
}

/// Where in the plan a record stands.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// 施策 number as the plan writes it: "6-4", "基本施策5".
    pub number: Option<String>,
    pub title: String,
    /// Headings above the record, outermost first.
    pub path: Vec<String>,
}

impl Section {
    /// "6-4 行政のデジタル化の推進", or just the title.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) if !self.title.is_empty() => format!("{n} {}", self.title),
            Some(n) => n.clone(),
            None => self.title.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub source: Source,
    pub section: Section,
    /// 1-based lines of the original file that hold the fact.
    pub line: usize,
    pub line_end: usize,
    /// The normalized text of the lines, for the citation's quote.
    pub quote: String,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Body {
    Indicator(Box<Indicator>),
    Measure(Measure),
    /// 施策 header facts: 主管課 / 関連課 (小諸市's 施策 pages).
    Responsibility(Responsibility),
    Satisfaction(Satisfaction),
    /// A plan named by the document (関連計画, 個別計画) with its period.
    Plan(Plan),
    /// A count the plan states or a list it enumerates (計画数, 政策連携プラン).
    Count(Count),
    Passage(Passage),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// 成果指標 / 参考指標 / 財政健全化指標 / 政策指標
    pub category: String,
    pub name: String,
    /// The bracketed or following explanation of the indicator.
    pub description: Option<String>,
    pub baseline: Option<Value>,
    pub target: Option<Value>,
    /// Yearly targets of tables that have them, baseline year first.
    pub yearly: Vec<Value>,
    /// What the plan says instead of a target ("目標値は設定しない").
    pub note: Option<String>,
    /// The figure reached so far (実績値), where an evaluation sheet gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<Value>,
    /// 担当課 / 所管課 of the indicator, where its table or block names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<String>,
    /// What the document calls its figures (the header or label words: 策定時, 当初値, KPI,
    /// 実績値 …), so a question in the document's own terms finds the row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    /// The legend that names its departments, where they are written as abbreviations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legend: Option<Legend>,
}

/// The lines that name a record's departments where they stand apart from it: a legend of
/// abbreviations (「担当課の略称　市民＝市民課、ＤＸ＝デジタル推進課」), or the item whose block an
/// indicator stands in (「担当課　総務課」 lines above its 「指標」). An answer naming them cites
/// them beside the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Legend {
    pub line: usize,
    pub line_end: usize,
    pub quote: String,
}

impl Indicator {
    /// A row with a baseline and a target, and no yearly path or note.
    pub fn row(
        category: impl Into<String>,
        name: String,
        description: Option<String>,
        baseline: Option<Value>,
        target: Option<Value>,
    ) -> Indicator {
        Indicator {
            category: category.into(),
            name,
            description,
            baseline,
            target,
            yearly: Vec::new(),
            note: None,
            actual: None,
            departments: Vec::new(),
            labels: Vec::new(),
            legend: None,
        }
    }

    /// What its figures by year are called: 「年度ごとの目標」 when they are the steps to a target
    /// from the baseline; 「年度ごとの数値」 for a record of the past or a projection (no baseline
    /// and no target), or a path that begins with years before the baseline's
    /// (「令和2年度 17.0% → … → 令和6年度 24.3% → 令和12年度 35.0%」).
    pub fn yearly_word(&self) -> &'static str {
        let base_year = self.baseline.as_ref().and_then(|v| v.year.as_ref()).map(|y| y.fiscal);
        let past = base_year.is_some_and(|b| self.yearly.iter().any(|v| v.year.as_ref().is_some_and(|y| y.fiscal < b)));
        if past || self.baseline.is_none() && self.target.is_none() {
            "年度ごとの数値"
        } else {
            "年度ごとの目標"
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// 施策中項目 / 具体的な取組 / 実施計画 / 主な事業
    pub category: String,
    pub number: Option<String>,
    pub name: String,
    pub content: Option<String>,
    /// 担当課 / 実行課 and who it is.
    pub department_role: Option<String>,
    pub departments: Vec<String>,
    /// 改革分野 of the 行政改革大綱実施計画.
    pub area: Option<String>,
    pub start: Option<String>,
    /// The legend that names its departments, where they are written as abbreviations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legend: Option<Legend>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Responsibility {
    pub role: String,
    pub departments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Satisfaction {
    /// The survey item, e.g. 「市の窓口サービスが向上している」.
    pub item: String,
    pub value: Value,
    /// The share at the survey before (a 前回 column), when the plan shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub name: String,
    pub period: Option<String>,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    /// What is counted: "計画数(R5年度)", "業務改善・効率化改革", "政策連携プラン".
    pub label: String,
    pub value: u32,
    pub unit: String,
    /// The items, where the plan lists them.
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    pub text: String,
}

impl Body {
    pub fn kind(&self) -> &'static str {
        match self {
            Body::Indicator(_) => "indicator",
            Body::Measure(_) => "measure",
            Body::Responsibility(_) => "responsibility",
            Body::Satisfaction(_) => "satisfaction",
            Body::Plan(_) => "plan",
            Body::Count(_) => "count",
            Body::Passage(_) => "passage",
        }
    }

    /// The short name a question most often quotes: an indicator's or measure's name.
    pub fn name(&self) -> String {
        match self {
            Body::Indicator(i) => i.name.clone(),
            Body::Measure(m) => m.name.clone(),
            Body::Satisfaction(s) => s.item.clone(),
            Body::Plan(p) => p.name.clone(),
            Body::Count(c) => c.label.clone(),
            Body::Responsibility(r) => r.role.clone(),
            Body::Passage(_) => String::new(),
        }
    }

    /// The words beside the name that a search should also match (the name is indexed on its
    /// own, so it is not repeated here).
    pub fn detail_text(&self) -> String {
        match self {
            Body::Indicator(i) => {
                format!(
                    "{} {} {} {}",
                    i.description.as_deref().unwrap_or(""),
                    i.category,
                    i.departments.join(" "),
                    i.labels.join(" ")
                )
            }
            Body::Measure(m) => format!(
                "{} {} {} {}",
                m.content.as_deref().unwrap_or(""),
                m.departments.join(" "),
                m.area.as_deref().unwrap_or(""),
                m.category
            ),
            Body::Responsibility(r) => r.departments.join(" "),
            Body::Satisfaction(_) => "市民満足度".to_string(),
            Body::Plan(p) => {
                format!("{} {} 計画期間", p.period.as_deref().unwrap_or(""), p.summary.as_deref().unwrap_or(""))
            }
            Body::Count(c) => format!("{} 数", c.items.join(" ")),
            Body::Passage(p) => p.text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_year_of_the_catalogs_period() {
        let source = |period: Option<&str>| Source {
            file: "x.txt".into(),
            municipality: None,
            title: "x".into(),
            edition: None,
            period: period.map(str::to_string),
        };
        assert_eq!(source(Some("2025-2029")).first_year(), Some(2025));
        assert_eq!(source(Some("2025〜2029")).first_year(), Some(2025));
        assert_eq!(source(Some("令和7年度から")).first_year(), None);
        assert_eq!(source(None).first_year(), None);
    }

    #[test]
    fn a_measure_is_found_by_its_department() {
        let m = Body::Measure(Measure {
            category: "実施計画".into(),
            number: Some("14".into()),
            name: "公営企業会計システムの機能向上".into(),
            content: None,
            department_role: Some("実行課".into()),
            departments: vec!["水道課".into()],
            area: Some("業務改善・効率化改革".into()),
            start: Some("R5".into()),
            legend: None,
        });
        assert!(m.detail_text().contains("水道課"));
        assert!(!m.detail_text().contains(&m.name()), "the name is indexed on its own");
    }
}
